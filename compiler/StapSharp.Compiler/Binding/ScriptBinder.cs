using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Binds one probe-script class to a stap <see cref="Script"/>: static fields → globals, [Probe]
/// methods → probes, other methods → functions. Declarations first, so bodies can refer to any of them.
/// </summary>
internal sealed class ScriptBinder
{
    private readonly Compilation compilation;
    private readonly KnownSymbols known;
    private readonly INamedTypeSymbol type;
    private readonly DiagnosticBag diagnostics;
    private readonly ScriptSymbols symbols = new();
    private readonly HashSet<IMethodSymbol> aliasMethods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, bool> returnAliases = new(StringComparer.Ordinal);

    private ScriptBinder(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, DiagnosticBag diagnostics)
    {
        this.compilation = compilation;
        this.known = known;
        this.type = type;
        this.diagnostics = diagnostics;
    }

    public static Script Bind(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, DiagnosticBag diagnostics) =>
        new ScriptBinder(compilation, known, type, diagnostics).Bind();

    private Script Bind()
    {
        var members = MembersInSourceOrder();
        var arguments = new ScriptArgumentBinder(compilation, diagnostics);
        var globals = members.OfType<IFieldSymbol>()
            .Select(f => GlobalBinder.Declare(f, compilation, symbols, known, diagnostics) is { } global ? arguments.Apply(f, global) : null)
            .OfType<Global>().ToList();
        var methods = members.OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        foreach (var method in methods)
        {
            Declare(method);
        }

        ReportOtherMembers(members);
        symbols.Events = EventCatalog.Collect(compilation, known, methods, diagnostics);
        var functions = new List<Function>();
        var probes = new List<Probe>();
        var guru = EmbeddedCBinder.IsGuru(type, compilation);
        var embedded = new List<EmbeddedFunction>();
        // Aliases first: a probe's points may name them, and whether they are return probes matters to its body.
        var aliases = methods.Where(aliasMethods.Contains).SelectMany(BindAlias).ToList();
        foreach (var method in methods)
        {
            if (symbols.Functions.TryGetValue(method, out var embeddedFunction) && EmbeddedCBinder.IsEmbedded(method, compilation))
            {
                if (EmbeddedCBinder.Bind(method, embeddedFunction, guru, compilation, diagnostics) is { } bound)
                {
                    embedded.Add(bound);
                }
            }
            else if (symbols.ProbeMethods.Contains(method))
            {
                probes.Add(BindProbe(method));
            }
            else if (symbols.Functions.TryGetValue(method, out var function))
            {
                functions.Add(BindFunction(method, function));
            }
        }

        var span = SourceSpan.From(type.Locations[0]);
        if (probes.Count == 0)
        {
            diagnostics.Add(DiagnosticCatalog.NoProbes.At(span, type.Name));
        }

        if (symbols.Events.Types.Count > 0)
        {
            probes.Insert(0, SchemaAnnouncement.Probe(symbols.Events.Types, span));
        }

        var script = new Script(type.Name, span, globals, functions, probes) { Events = symbols.Events.Types, Aliases = aliases, EmbeddedFunctions = embedded, Guru = guru };
        return StapRules.GlobalTypes.TypingProbe(script, symbols.Globals.Values) is { } typing ? script with { Probes = [.. probes, typing] } : script;
    }

    /// <summary>Members ordered by file, then position, so the output does not depend on Roslyn's member order.</summary>
    private List<ISymbol> MembersInSourceOrder() =>
        type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource))
            .OrderBy(m => m.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(m => m.Locations[0].SourceSpan.Start)
            .ToList();

    private void Declare(IMethodSymbol method)
    {
        var location = method.Locations[0];
        if (method.IsGenericMethod)
        {
            diagnostics.Report(DiagnosticCatalog.BadFunction, location, method.Name, "is generic: stap functions take long and string parameters only");
            return;
        }

        if (ProbeAliasBinder.IsAlias(method, compilation))
        {
            if (known.Has(method, known.ProbeAttribute))
            {
                diagnostics.Report(DiagnosticCatalog.BadProbeAlias, location, method.Name, "is also a [Probe]: an alias body and a probe handler are different methods");
            }

            aliasMethods.Add(method);
            return;
        }

        if (known.Has(method, known.ProbeAttribute))
        {
            if (!method.ReturnsVoid)
            {
                diagnostics.Report(DiagnosticCatalog.BadProbeMethod, location, method.Name, "must return void: a probe handler has no result");
            }

            symbols.ProbeMethods.Add(method);
            return;
        }

        var returnType = StapTypes.Map(method.ReturnType, out var advice);
        if (returnType is null)
        {
            diagnostics.Report(DiagnosticCatalog.UnsupportedType, location, method.ReturnType.ToDisplayString(), advice);
            returnType = StapType.Long;
        }

        if (symbols.Functions.Keys.Any(other => other.Name == method.Name && other.Parameters.Length == method.Parameters.Length))
        {
            diagnostics.Report(DiagnosticCatalog.BadFunction, location, method.Name,
                "overloads another method with the same number of parameters: stap tells overloads apart by arity only; rename one");
        }

        symbols.Functions[method] = new FunctionSymbol(StapNames.Spell(method.Name), returnType.Value);
    }

    private void ReportOtherMembers(IEnumerable<ISymbol> members)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case IPropertySymbol or IEventSymbol:
                    diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, member.Locations[0], $"The {member.Kind.ToString().ToLowerInvariant()} '{member.Name}'",
                        "a probe script holds static fields (globals) and methods (probes and functions)");
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor:
                    diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, constructor.Locations[0], "A constructor",
                        "initialise globals in their declaration, or in a [Probe(\"begin\")] method");
                    break;
                case INamedTypeSymbol nested:
                    diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, nested.Locations[0], $"The nested type '{nested.Name}'",
                        "declare it outside the probe script");
                    break;
            }
        }
    }

    private BodyContext ContextFor(IMethodSymbol method, bool isProbe, StapType returnType)
    {
        var syntax = (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();
        var model = compilation.GetSemanticModel(syntax.SyntaxTree);
        // Roslyn binds a whole body on the first question about any node in it, recursing per level of
        // nesting: ask that question here, on a shallow stack, not at the bottom of a deeply nested body.
        var body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body?.DescendantNodes().OfType<ExpressionSyntax>().FirstOrDefault() is { } first)
        {
            model.GetSymbolInfo(first);
        }

        return new BodyContext(model, known, symbols, diagnostics, isProbe, returnType);
    }

    private Probe BindProbe(IMethodSymbol method)
    {
        var context = ContextFor(method, isProbe: true, StapType.Void);
        foreach (var parameter in method.Parameters)
        {
            ProbeParameterBinder.Declare(parameter, context);
        }

        var points = ProbePointBinder.Bind(method, known, symbols, diagnostics);
        var returns = points.Select(p => ProbeAliasBinder.IsReturnPoint(p.Text, returnAliases)).ToList();
        context.ProbeContext.AllPointsReturn = returns.Count > 0 && returns.All(r => r);
        var syntax = (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();
        var body = new StatementBinder(context).BindBody(syntax);
        return new Probe(points, SourceSpan.From(method.Locations[0]), body);
    }

    private IEnumerable<ProbeAlias> BindAlias(IMethodSymbol method)
    {
        var context = ContextFor(method, isProbe: true, StapType.Void);
        foreach (var parameter in method.Parameters)
        {
            ProbeParameterBinder.Declare(parameter, context);
        }

        var syntax = (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();
        return ProbeAliasBinder.Bind(method, context, () => new StatementBinder(context).BindBody(syntax), symbols, returnAliases);
    }

    private Function BindFunction(IMethodSymbol method, FunctionSymbol function)
    {
        var context = ContextFor(method, isProbe: false, function.ReturnType);
        var parameters = new List<Parameter>();
        foreach (var parameter in method.Parameters)
        {
            var parameterType = StapTypes.Map(parameter.Type, out var advice);
            if (parameterType is not (StapType.Long or StapType.String))
            {
                if (!AggregateTypes.ReportOutsideGlobal(parameter.Type, parameter.Locations[0], "a parameter", known, diagnostics))
                {
                    diagnostics.Report(DiagnosticCatalog.UnsupportedType, parameter.Locations[0], parameter.Type.ToDisplayString(), advice);
                }

                parameterType = StapType.Long;
            }

            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.HasExplicitDefaultValue)
            {
                diagnostics.Report(DiagnosticCatalog.BadFunction, parameter.Locations[0], method.Name,
                    $"has a ref, out, params or optional parameter '{parameter.Name}': stap parameters are plain values");
            }

            parameters.Add(new Parameter(context.Locals.NameOf(parameter, parameter.Name), parameterType.Value));
        }

        var syntax = (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();
        var body = new StatementBinder(context).BindBody(syntax);
        return new Function(function.Name, SourceSpan.From(method.Locations[0]), function.ReturnType, parameters, body);
    }
}
