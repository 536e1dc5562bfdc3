using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Lowering;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Binds one probe-script class to a stap <see cref="Script"/>: static fields → globals, [Probe]
/// methods → probes, other methods → functions. Declarations first, so bodies can refer to any of them.
/// </summary>
internal sealed class ScriptBinder
{
    private readonly Compilation _compilation;
    private readonly KnownSymbols _known;
    private readonly INamedTypeSymbol _type;
    private readonly StapDiagnosticBag _diagnostics;
    private readonly ScriptSymbols _symbols;
    private readonly HashSet<IMethodSymbol> _aliasMethods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, bool> _returnAliases = new(StringComparer.Ordinal);
    private ContextHelpers _contextHelpers = null!;
    private BuildIfBinder _buildIf = null!;

    private ScriptBinder(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, StapDiagnosticBag diagnostics)
    {
        _compilation = compilation;
        _known = known;
        _type = type;
        _diagnostics = diagnostics;
        _symbols = new ScriptSymbols(new Naming.ScriptNames(known.ApiFunctionNames));
    }

    public static Script Bind(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, StapDiagnosticBag diagnostics) =>
        new ScriptBinder(compilation, known, type, diagnostics).Bind();

    private Script Bind()
    {
        var members = ScriptMembers.Of(_type, _known, _diagnostics);
        var guru = EmbeddedCBinder.IsGuru(_type, _compilation);
        _symbols.Guru = guru;
        var arguments = new ScriptArgumentBinder(_compilation, _diagnostics);
        _buildIf = new BuildIfBinder(_type, _compilation, _known, _symbols, _diagnostics);
        var globals = new List<Global>();
        foreach (var field in members.OfType<IFieldSymbol>())
        {
            var condition = _buildIf.ConditionOf(field);
            if (arguments.Apply(field, GlobalBinder.Declare(field, _compilation, _symbols, _known, _diagnostics)) is { } declared)
            {
                var global = declared with { Condition = condition };
                globals.Add(global);
                if (global.Argument is not null)
                {
                    _symbols.ScriptArguments[field.Name] = global;
                }
            }
        }

        var methods = members.OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        _contextHelpers = ContextHelpers.Find(methods.Where(IsHelper).ToList(), _compilation, _known, _diagnostics);
        foreach (var method in methods)
        {
            Declare(method);
        }

        _symbols.Events = EventCatalog.Collect(_compilation, _known, methods, _diagnostics);
        var functions = new List<Function>();
        var probes = new List<Probe>();
        var embedded = new List<EmbeddedFunction>();
        // Macros first, each after those it uses: a use is checked against what the macro's body reads.
        var macros = new Dictionary<IMethodSymbol, Function>(SymbolEqualityComparer.Default);
        foreach (var macro in _contextHelpers.InDependencyOrder)
        {
            macros[macro] = BindFunction(macro, _symbols.Functions[macro]);
        }


        // Aliases next: a probe's points may name them, and whether they are return probes matters to its body.
        var aliases = methods.Where(_aliasMethods.Contains).SelectMany(BindAlias).ToList();
        foreach (var method in methods.Where(m => !_symbols.ProbeMethods.Contains(m)))
        {
            _buildIf.ConditionOf(method); // reported: only probes and globals are declared under a condition
        }

        foreach (var method in methods)
        {
            if (_symbols.Functions.TryGetValue(method, out var embeddedFunction) && EmbeddedCBinder.IsEmbedded(method, _compilation))
            {
                if (EmbeddedCBinder.Bind(method, embeddedFunction, guru, _compilation, _diagnostics) is { } bound)
                {
                    embedded.Add(bound);
                }
            }
            else if (_symbols.ProbeMethods.Contains(method))
            {
                probes.Add(BindProbe(method));
            }
            else if (_symbols.Functions.TryGetValue(method, out var function))
            {
                functions.Add(macros.TryGetValue(method, out var macro) ? macro : BindFunction(method, function));
            }
        }

        var span = SourceSpan.From(_type.Locations[0]);
        if (probes.Count == 0)
        {
            _diagnostics.Add(DiagnosticCatalog.NoProbes.At(span, _type.Name));
        }

        if (_symbols.Events.Types.Count > 0)
        {
            probes.Insert(0, SchemaAnnouncement.Probe(_symbols.Events.Types, span));
        }

        var blocks = EmbeddedCBinder.Blocks(_type, guru, _compilation, _diagnostics);
        var script = new Script(_type.Name, span, globals, functions, probes)
        {
            Events = _symbols.Events.Types,
            Aliases = aliases,
            EmbeddedBlocks = blocks,
            EmbeddedFunctions = embedded,
            Guru = guru,
        };
        // A script argument only named in probe points ({Field}) needs no global: the points read @N or $N themselves.
        // One read by an arming condition (if (Field)) does: the condition reads the global.
        var read = IrTree.All(script).OfType<VariableRef>().Select(v => v.Name)
            .Concat(script.Probes.SelectMany(p => p.Points).Concat(script.Aliases.SelectMany(a => a.Points)).SelectMany(p => p.Point.ConditionIdentifiers))
            .ToHashSet(StringComparer.Ordinal);
        script = script with { Globals = globals.Where(g => g.Argument is null || read.Contains(g.Name)).ToList() };
        // On the script as written, before probe never adds the reads that type globals (each under its global's condition).
        StapRules.ConditionalGlobals.Check(script, _diagnostics);
        return StapRules.NeverProbe.AddTo(script, _symbols.Globals.Values);
    }

    private void Declare(IMethodSymbol method)
    {
        var location = method.Locations[0];
        var kind = _known.Has(method, _known.ProbeAttribute) ? DiagnosticCatalog.BadProbeMethod : DiagnosticCatalog.BadFunction;
        if (method.IsAbstract || method.IsOverride)
        {
            _diagnostics.Report(kind, location, method.Name,
                $"is {(method.IsAbstract ? "abstract" : "an override")}: stap functions and probes are not virtual, so no call could choose between a base and a derived body; declare the probe in the derived class and call plain (non-virtual) methods from it");
        }
        else if (ScriptMembers.BodyOf(method) is null && !EmbeddedCBinder.IsEmbedded(method, _compilation))
        {
            _diagnostics.Report(kind, location, method.Name, method.IsExtern
                ? "is extern without [EmbeddedC]: there is no body to translate; write the body in C#, or give its C code with [EmbeddedC(\"...\")] in a [Guru] script"
                : "has no implementation: C# leaves out the calls of a partial method without one, stap would call an empty function; implement it, or remove it and its calls");
        }

        if (method.IsGenericMethod)
        {
            _diagnostics.Report(DiagnosticCatalog.BadFunction, location, method.Name, "is generic: stap functions take long and string parameters only");
            return;
        }

        if (ProbeAliasBinder.IsAlias(method, _compilation))
        {
            if (_known.Has(method, _known.ProbeAttribute))
            {
                _diagnostics.Report(DiagnosticCatalog.BadProbeAlias, location, method.Name, "is also a [Probe]: an alias body and a probe handler are different methods");
            }

            _aliasMethods.Add(method);
            return;
        }

        if (_known.Has(method, _known.ProbeAttribute))
        {
            if (!method.ReturnsVoid)
            {
                _diagnostics.Report(DiagnosticCatalog.BadProbeMethod, location, method.Name, "must return void: a probe handler has no result");
            }

            _symbols.ProbeMethods.Add(method);
            return;
        }

        var returnType = StapTypes.Map(method.ReturnType, out var advice);
        if (returnType is null)
        {
            _diagnostics.Report(DiagnosticCatalog.UnsupportedType, location, method.ReturnType.ToDisplayString(), advice);
            returnType = StapType.Long;
        }

        if (_symbols.Functions.Keys.Any(other => other.Name == method.Name && other.Parameters.Length == method.Parameters.Length))
        {
            _diagnostics.Report(DiagnosticCatalog.BadFunction, location, method.Name,
                "overloads another method with the same number of parameters: stap tells overloads apart by arity only; rename one");
        }

        _symbols.Functions[method] = _contextHelpers.IsMacro(method)
            ? new FunctionSymbol(_symbols.Names.Macro(method.Name), returnType.Value) { Macro = new MacroFacts() }
            : new FunctionSymbol(_symbols.Names.Function(method.Name), returnType.Value);
    }

    /// <summary>A method that becomes a stap function unless it reads the probe context: not a probe, an alias or embedded C.</summary>
    private bool IsHelper(IMethodSymbol method) =>
        !_known.Has(method, _known.ProbeAttribute) && !ProbeAliasBinder.IsAlias(method, _compilation) && !EmbeddedCBinder.IsEmbedded(method, _compilation) &&
        !method.IsAbstract && !method.IsGenericMethod;

    private BodyContext ContextFor(BaseMethodDeclarationSyntax syntax, bool isProbe, StapType returnType, MacroFacts? macro = null)
    {
        var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
        // Roslyn binds a whole body on the first question about any node in it, recursing per level of
        // nesting: ask that question here, on a shallow stack, not at the bottom of a deeply nested body.
        var body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (body?.DescendantNodes().OfType<ExpressionSyntax>().FirstOrDefault() is { } first)
        {
            model.GetSymbolInfo(first);
        }

        return new BodyContext(model, _known, _symbols, _diagnostics, isProbe, returnType) { Macro = macro };
    }

    /// <summary>The body bound, then lowered to stap IR while its local names are still at hand.</summary>
    private static Block BodyOf(BaseMethodDeclarationSyntax syntax, BodyContext context) =>
        BodyLowering.Lower(new StatementBinder(context).BindBody(syntax), context.Locals.Fresh);

    /// <summary>The body to bind; a method without one was reported when it was declared, and binds as empty.</summary>
    private static BaseMethodDeclarationSyntax DeclarationOf(IMethodSymbol method) =>
        ScriptMembers.BodyOf(method) ?? (BaseMethodDeclarationSyntax)method.DeclaringSyntaxReferences[0].GetSyntax();

    private Probe BindProbe(IMethodSymbol method)
    {
        var syntax = DeclarationOf(method);
        var context = ContextFor(syntax, isProbe: true, StapType.Void);
        foreach (var parameter in ScriptMembers.Implementation(method).Parameters)
        {
            ProbeParameterBinder.Declare(parameter, context);
        }

        var points = ProbePointBinder.Bind(method, _known, _compilation, _symbols, _diagnostics);
        var returns = points.Select(p => ProbeAliasBinder.IsReturnPoint(p.Point, _returnAliases)).ToList();
        context.ProbeContext.AllPointsReturn = returns.Count > 0 && returns.All(r => r);
        context.ProbeContext.Procfs = ProbePointFacts.ProcfsAccessOf(points.Select(p => p.Point).ToList());
        var body = BodyOf(syntax, context);
        return new Probe(points, SourceSpan.From(method.Locations[0]), body) { Condition = _buildIf.ConditionOf(method) };
    }

    private IEnumerable<ProbeAlias> BindAlias(IMethodSymbol method)
    {
        var syntax = DeclarationOf(method);
        var context = ContextFor(syntax, isProbe: true, StapType.Void);
        foreach (var parameter in ScriptMembers.Implementation(method).Parameters)
        {
            ProbeParameterBinder.Declare(parameter, context);
        }

        return ProbeAliasBinder.Bind(method, context, () => BodyOf(syntax, context), _symbols, _returnAliases);
    }

    private Function BindFunction(IMethodSymbol method, FunctionSymbol function)
    {
        var syntax = DeclarationOf(method);
        var context = ContextFor(syntax, isProbe: false, function.ReturnType, function.Macro);
        var macroParameters = function.Macro is null ? null : Naming.ScriptNames.NewMacroParameterScope();
        var parameters = new List<Parameter>();
        foreach (var parameter in ScriptMembers.Implementation(method).Parameters)
        {
            var parameterType = StapTypes.Map(parameter.Type, out var advice);
            if (parameterType is not (StapType.Long or StapType.String))
            {
                if (!AggregateTypes.ReportOutsideGlobal(parameter.Type, parameter.Locations[0], "a parameter", _known, _diagnostics))
                {
                    _diagnostics.Report(DiagnosticCatalog.UnsupportedType, parameter.Locations[0], parameter.Type.ToDisplayString(), advice);
                }

                parameterType = StapType.Long;
            }

            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.HasExplicitDefaultValue)
            {
                _diagnostics.Report(DiagnosticCatalog.BadFunction, parameter.Locations[0], method.Name,
                    $"has a ref, out, params or optional parameter '{parameter.Name}': stap parameters are plain values");
            }

            if (macroParameters is not null)
            {
                var name = macroParameters.Claim(parameter.Name);
                context.MacroParameters[parameter] = name;
                parameters.Add(new Parameter(name, parameterType.Value));
            }
            else
            {
                parameters.Add(new Parameter(context.Locals.NameOf(parameter, parameter.Name), parameterType.Value));
            }
        }

        var body = BodyOf(syntax, context);
        var span = SourceSpan.From(method.Locations[0]);
        if (function.Macro is not null && MacroBodyRefusal(body, _contextHelpers.IsOnlyMarked(method)) is { } refusal)
        {
            _diagnostics.Add(DiagnosticCatalog.ContextHelperNotInlinable.At(span, method.Name, _contextHelpers.ReadOf(method), refusal));
        }

        return new Function(function.Name, span, function.ReturnType, parameters, body) { IsMacro = function.Macro is not null };
    }

    /// <summary>
    /// Why a macro cannot hold the lowered body; null when it can: one <c>return</c> of a value or one expression
    /// statement, and no local, which stap would share with the probe it is pasted into.
    /// </summary>
    private string? MacroBodyRefusal(Block body, bool marked)
    {
        if (body.Statements is not ([Return { Value: not null }] or [ExpressionStatement]))
        {
            return ContextHelpers.Advice(marked, "its body becomes several stap statements, and a macro holds one");
        }

        var local = IrTree.DescendantsAndSelf(body).OfType<VariableRef>().FirstOrDefault(v => !_symbols.IsGlobalName(v.Name));
        return local is null
            ? null
            : ContextHelpers.Advice(marked, $"its body needs a local ({local.Name}), which stap would share with the probe the macro is pasted into");
    }
}
