using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>Static fields → stap globals: scalars with literal initialisers, and StapMap arrays.</summary>
internal static class GlobalBinder
{
    public static Global? Declare(IFieldSymbol field, Compilation compilation, ScriptSymbols symbols, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        if (field.IsConst)
        {
            return null; // constants are inlined where they are read
        }

        var location = field.Locations[0];
        if (!field.IsStatic)
        {
            diagnostics.Report(DiagnosticCatalog.BadGlobal, location, field.Name, "must be static: a stap global exists once per script, not per object");
        }

        var name = symbols.Names.Globals.Claim(field.Name);
        var declarator = field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as VariableDeclaratorSyntax;
        var span = SourceSpan.From(location);
        if (known.IsStapMap(field.Type))
        {
            var shape = MapShape((INamedTypeSymbol)field.Type, declarator, field, compilation, symbols, known, diagnostics);
            symbols.Globals[field] = new GlobalSymbol(name, StapType.Void, shape);
            return new Global(name, span, null, shape);
        }

        if (known.IsStats(field.Type))
        {
            symbols.Globals[field] = new GlobalSymbol(name, StapType.Stats, null);
            return new Global(name, span, null, null);
        }

        var scalar = StapTypes.Map(field.Type, out var advice);
        if (scalar is not (StapType.Long or StapType.String))
        {
            diagnostics.Report(DiagnosticCatalog.UnsupportedType, location, field.Type.ToDisplayString(), advice);
            scalar = StapType.Long;
        }

        symbols.Globals[field] = new GlobalSymbol(name, scalar.Value, null);
        return new Global(name, span, Initializer(declarator, field, scalar.Value, compilation, diagnostics), null);
    }

    private static Literal? Initializer(VariableDeclaratorSyntax? declarator, IFieldSymbol field, StapType type, Compilation compilation, StapDiagnosticBag diagnostics)
    {
        if (declarator?.Initializer?.Value is not { } value)
        {
            return null;
        }

        var span = SourceSpan.From(value.GetLocation());
        var constant = SemanticModelFor(value, compilation).GetConstantValue(value);
        switch (constant.HasValue ? constant.Value : null)
        {
            case string s when type == StapType.String:
                return Literal.String(span, s);
            case bool b:
                return Literal.Long(span, b ? 1 : 0);
            case long or int or short or sbyte or byte or ushort or uint when type == StapType.Long:
                return Literal.Long(span, Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
            default:
                diagnostics.Report(DiagnosticCatalog.BadGlobal, value, field.Name,
                    "has an initialiser that is not a constant: stap initialises globals with literals only; compute the value in a [Probe(\"begin\")] method");
                return null;
        }
    }

    private static ArrayShape MapShape(INamedTypeSymbol mapType, VariableDeclaratorSyntax? declarator, IFieldSymbol field, Compilation compilation, ScriptSymbols symbols, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var location = field.Locations[0];
        var keyType = mapType.TypeArguments[0];
        var keyParts = keyType.IsTupleType ? ((INamedTypeSymbol)keyType).TupleElements.Select(e => e.Type).ToList() : [keyType];
        var keys = new List<StapType>();
        foreach (var part in keyParts)
        {
            var mapped = StapTypes.Map(part, out var advice);
            if (mapped is not (StapType.Long or StapType.String))
            {
                diagnostics.Report(DiagnosticCatalog.UnsupportedType, location, part.ToDisplayString(), "map keys are long, string or a tuple of them" + (advice.Length > 0 ? "; " + advice : string.Empty));
                mapped = StapType.Long;
            }

            keys.Add(mapped.Value);
        }

        if (keys.Count > 9)
        {
            diagnostics.Report(DiagnosticCatalog.BadGlobal, location, field.Name, "has more than 9 key parts, the most stap supports");
        }

        var valueAdvice = string.Empty;
        var value = known.IsStats(mapType.TypeArguments[1]) ? StapType.Stats : StapTypes.Map(mapType.TypeArguments[1], out valueAdvice);
        if (value is not (StapType.Long or StapType.String or StapType.Stats))
        {
            diagnostics.Report(DiagnosticCatalog.UnsupportedType, location, mapType.TypeArguments[1].ToDisplayString(), "map values are long, string or Stats" + (valueAdvice.Length > 0 ? "; " + valueAdvice : string.Empty));
            value = StapType.Long;
        }

        var (capacity, wrap, buildCapacity) = Construction(declarator, field, compilation, symbols, known, diagnostics);
        return new ArrayShape(keys, value.Value, capacity, wrap, buildCapacity);
    }

    /// <summary>
    /// The constant maxEntries and wrap arguments of <c>new StapMap&lt;K, V&gt;(maxEntries: N, wrap: true)</c>; a maxEntries
    /// chosen by build-time facts (<c>Kernel.Config("CONFIG_64BIT") == "y" ? 20000 : 5000</c>) is decided when the script is built.
    /// </summary>
    private static (int Capacity, bool Wrap, BuildCapacity? BuildCapacity) Construction(
        VariableDeclaratorSyntax? declarator, IFieldSymbol field, Compilation compilation, ScriptSymbols symbols, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        if (declarator?.Initializer?.Value is not { } value)
        {
            return (0, false, null);
        }

        var model = SemanticModelFor(value, compilation);
        if (model.GetOperation(value) is not IObjectCreationOperation creation)
        {
            diagnostics.Report(DiagnosticCatalog.BadGlobal, value, field.Name, "must be initialised with new(...) or new StapMap<K, V>(maxEntries: N, wrap: false)");
            return (0, false, null);
        }

        var capacity = 0;
        var wrap = false;
        BuildCapacity? buildCapacity = null;
        foreach (var argument in creation.Arguments)
        {
            var constant = argument.Value.ConstantValue;
            if (!constant.HasValue && argument.Parameter?.Name == "maxEntries" && argument.Value.Syntax is ConditionalExpressionSyntax choice &&
                BuildChoice(choice, field, model, symbols, known, diagnostics) is var (chosen, isBuildChoice) && isBuildChoice)
            {
                buildCapacity = chosen;
                continue;
            }

            if (!constant.HasValue)
            {
                diagnostics.Report(DiagnosticCatalog.BadGlobal, argument.Syntax, field.Name,
                    $"has a non-constant {argument.Parameter?.Name}: stap needs the array's shape when it builds the script; write a constant" +
                    (argument.Parameter?.Name == "maxEntries" ? ", or choose between two by build-time facts: maxEntries: Kernel.Config(\"CONFIG_64BIT\") == \"y\" ? 20000 : 5000" : string.Empty));
                continue;
            }

            switch (argument.Parameter?.Name, constant.Value)
            {
                case ("maxEntries", int n) when n >= 0:
                    capacity = n;
                    break;
                case ("maxEntries", int):
                    diagnostics.Report(DiagnosticCatalog.BadGlobal, argument.Syntax, field.Name, "has a negative maxEntries: give a capacity of 1 or more, or 0 for stap's default");
                    break;
                case ("wrap", bool w):
                    wrap = w;
                    break;
            }
        }

        return (capacity, wrap, buildCapacity);
    }

    /// <summary>
    /// <c>Kernel... ? 20000 : 5000</c> as a capacity: its condition on build-time facts, and two constant capacities.
    /// Not a build choice (false) when the condition reads no Kernel fact; reported when its branches are not constants.
    /// </summary>
    private static (BuildCapacity? Capacity, bool IsBuildChoice) BuildChoice(
        ConditionalExpressionSyntax choice, IFieldSymbol field, SemanticModel model, ScriptSymbols symbols, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var context = new BodyContext(model, known, symbols, diagnostics, isProbe: false, StapType.Void);
        if (PreprocessorBinder.TryBindCondition(choice.Condition, context) is not { } test)
        {
            return (null, false);
        }

        int? Capacity(ExpressionSyntax branch) => model.GetConstantValue(branch) is { HasValue: true, Value: int n } && n >= 0 ? n : null;
        if (Capacity(choice.WhenTrue) is not { } whenTrue || Capacity(choice.WhenFalse) is not { } whenFalse)
        {
            diagnostics.Report(DiagnosticCatalog.BadGlobal, choice, field.Name,
                "chooses its maxEntries by build-time facts, so each choice must be a constant capacity (0 or more): Kernel.Config(\"CONFIG_64BIT\") == \"y\" ? 20000 : 5000");
            return (null, true);
        }

        // A declaration has no body to lower later: its condition takes stap's shape here.
        return (new BuildCapacity(Lowering.BuildConditionLowering.Condition(test), whenTrue, whenFalse), true);
    }

    private static SemanticModel SemanticModelFor(SyntaxNode node, Compilation compilation) => compilation.GetSemanticModel(node.SyntaxTree);
}
