using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>try { ... } catch (StapException e) { ... e.Message ... }</c> → <c>try { ... } catch (msg) { ... msg ... }</c>.
/// stap catches its run-time errors (error(), division by zero, memory faults) and gives only their
/// message: one catch, of StapException or of everything, no filter, no finally.
/// </summary>
internal static class TryCatchBinder
{
    public static Statement Bind(TryStatementSyntax @try, BodyContext context, Func<BlockSyntax, Block> bindBlock)
    {
        var span = ExpressionBinder.SpanOf(@try);
        if (@try.Finally is { } @finally)
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, @finally, "finally",
                "stap has no finally: put the code after the try statement (a caught error does not leave the probe)");
        }

        if (@try.Catches.Count != 1)
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, @try.Catches.Count == 0 ? @try : @try.Catches[1],
                @try.Catches.Count == 0 ? "try without catch" : "A second catch",
                "stap's try has exactly one catch, for every run-time error: write one catch (StapException e)");
        }

        var body = bindBlock(@try.Block);
        if (@try.Catches.Count == 0)
        {
            return new TryCatch(span, body, null, new Block(span, []));
        }

        var clause = @try.Catches[0];
        if (clause.Filter is { } filter)
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, filter, "A catch filter",
                "test the message inside the catch block: if (IsInStr(e.Message, \"...\")) ...");
        }

        var message = Declare(clause, context);
        return new TryCatch(span, body, message, bindBlock(clause.Block));
    }

    /// <summary><c>e.Message</c> of a catch variable; null for any other member access.</summary>
    public static Expression? TryBindMessage(MemberAccessExpressionSyntax member, ISymbol? symbol, BodyContext context)
    {
        if (member.Expression is not IdentifierNameSyntax receiver ||
            context.Model.GetSymbolInfo(receiver).Symbol is not ILocalSymbol local ||
            !context.ProbeContext.CatchMessages.TryGetValue(local, out var name))
        {
            return null;
        }

        if (symbol is IPropertySymbol { Name: "Message" })
        {
            return new VariableRef(ExpressionBinder.SpanOf(member), StapType.String, name);
        }

        context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, member, $"'{member}'", "a stap error carries only its text: read e.Message");
        return ExpressionBinder.Error(member, StapType.String);
    }

    /// <summary>The stap string local for the catch variable, or null for <c>catch</c>, <c>catch (StapException)</c> or a variable never read.</summary>
    private static string? Declare(CatchClauseSyntax clause, BodyContext context)
    {
        if (clause.Declaration is not { } declaration)
        {
            return null;
        }

        var stapException = context.Known.StapException;
        var type = context.Model.GetTypeInfo(declaration.Type).Type;
        if (!KnownSymbols.Is(type, stapException))
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, declaration.Type, $"catch ({declaration.Type})",
                "stap raises only its own run-time errors: catch (StapException e)");
        }

        if (context.Model.GetDeclaredSymbol(declaration) is not ILocalSymbol local)
        {
            return null;
        }

        var used = false;
        foreach (var use in clause.Block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (!SymbolEqualityComparer.Default.Equals(context.Model.GetSymbolInfo(use).Symbol, local))
            {
                continue;
            }

            used = true;
            if (use.Parent is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Message" })
            {
                context.Diagnostics.Report(DiagnosticCatalog.BadTryCatch, use, $"The exception '{local.Name}' as a value",
                    "a stap error carries only its text: read e.Message");
            }
        }

        if (!used)
        {
            // stap types a catch variable by its uses: one never read has no type and fails pass 2.
            return null;
        }

        var name = context.Locals.NameOf(local, local.Name);
        context.ProbeContext.CatchMessages[local] = name;
        return name;
    }
}
