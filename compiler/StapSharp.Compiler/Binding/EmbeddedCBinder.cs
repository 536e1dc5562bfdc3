using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>[EmbeddedC("...")] static extern</c> methods → <c>function f:long (x:long) %{ ... %}</c>, only in a
/// <c>[Guru]</c> script: embedded C runs unchecked in the kernel, so it must be asked for in plain sight.
/// </summary>
internal static class EmbeddedCBinder
{
    public static bool IsEmbedded(IMethodSymbol method, Compilation compilation) =>
        method.GetAttributes().Any(a => KnownSymbols.Is(a.AttributeClass, KnownSymbols.For(compilation).EmbeddedCAttribute));

    public static bool IsGuru(INamedTypeSymbol type, Compilation compilation) =>
        type.GetAttributes().Any(a => KnownSymbols.Is(a.AttributeClass, KnownSymbols.For(compilation).GuruAttribute));

    public static EmbeddedFunction? Bind(IMethodSymbol method, FunctionSymbol function, bool guru, Compilation compilation, StapDiagnosticBag diagnostics)
    {
        var location = method.Locations[0];
        if (!guru)
        {
            diagnostics.Report(DiagnosticCatalog.EmbeddedCWithoutGuru, location, method.Name);
            return null;
        }

        var attributes = method.GetAttributes().Where(a => KnownSymbols.Is(a.AttributeClass, KnownSymbols.For(compilation).EmbeddedCAttribute)).ToList();
        var attribute = attributes[0];
        if (attributes.Count > 1)
        {
            diagnostics.Report(DiagnosticCatalog.BadEmbeddedC, attributes[1].ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location, method.Name,
                "has more than one [EmbeddedC]: a function has one body, so give all its C code in one");
            return null;
        }
        var code = attribute.ConstructorArguments[0].Value as string;
        var ok = true;
        if (!method.IsStatic || !method.IsExtern)
        {
            diagnostics.Report(DiagnosticCatalog.BadEmbeddedC, location, method.Name, "must be declared static extern, without a body: its body is the C code");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(code) || code!.Contains("%}"))
        {
            diagnostics.Report(DiagnosticCatalog.BadEmbeddedC, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location, method.Name,
                "needs C code as a constant string that does not contain %} (which would end the C block)");
            ok = false;
        }

        var parameters = new List<Parameter>();
        foreach (var parameter in method.Parameters)
        {
            var type = StapTypes.Map(parameter.Type, out var advice);
            if (type is not (StapType.Long or StapType.String) || parameter.RefKind != RefKind.None || parameter.HasExplicitDefaultValue || !StapNames.IsDeclarable(parameter.Name))
            {
                diagnostics.Report(DiagnosticCatalog.BadEmbeddedC, parameter.Locations[0], method.Name,
                    $"has the parameter '{parameter.Name}', which is not a plain long or string (no default value) with an ASCII name that is not a stap keyword or print built-in: the C code reads it as STAP_ARG_{parameter.Name}");
                ok = false;
                continue;
            }

            parameters.Add(new Parameter(parameter.Name, type.Value));
        }

        return ok ? new EmbeddedFunction(function.Name, SourceSpan.From(location), function.ReturnType, parameters, code!) : null;
    }

    /// <summary>The class's own <c>[EmbeddedC("...")]</c> blocks, in the order written; each reported unless the class is <c>[Guru]</c> and its code a constant without <c>%}</c>.</summary>
    public static IReadOnlyList<EmbeddedBlock> Blocks(INamedTypeSymbol type, bool guru, Compilation compilation, StapDiagnosticBag diagnostics)
    {
        var blocks = new List<EmbeddedBlock>();
        var attributes = type.GetAttributes()
            .Where(a => KnownSymbols.Is(a.AttributeClass, KnownSymbols.For(compilation).EmbeddedCAttribute))
            .OrderBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0);
        foreach (var attribute in attributes)
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? type.Locations[0];
            var code = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            if (!guru)
            {
                diagnostics.Report(DiagnosticCatalog.BadEmbeddedBlock, location, type.Name,
                    "holds embedded C, which runs unchecked in the kernel: mark the class [Guru] to opt into guru mode (stap -g), or remove the block");
            }
            else if (string.IsNullOrWhiteSpace(code) || code.Contains("%}", StringComparison.Ordinal))
            {
                diagnostics.Report(DiagnosticCatalog.BadEmbeddedBlock, location, type.Name,
                    "needs C code as a constant string that does not contain %} (which would end the C block)");
            }
            else
            {
                blocks.Add(new EmbeddedBlock(SourceSpan.From(location), code));
            }
        }

        return blocks;
    }
}
