using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

/// <summary>One .stp file: the lowering of one probe-script class.</summary>
public sealed record Script(string Name, SourceSpan Span, IReadOnlyList<Global> Globals, IReadOnlyList<Function> Functions, IReadOnlyList<Probe> Probes)
{
    /// <summary>The event types the script emits, in id order (empty for a script without Emit).</summary>
    public IReadOnlyList<Events.EventTypeSchema> Events { get; init; } = [];

    /// <summary>Probe aliases, printed before the probes.</summary>
    public IReadOnlyList<ProbeAlias> Aliases { get; init; } = [];

    /// <summary>Top-level <c>%{ ... %}</c> blocks (includes, helpers), before the functions; only in a guru-mode script.</summary>
    public IReadOnlyList<EmbeddedBlock> EmbeddedBlocks { get; init; } = [];

    /// <summary>Embedded-C functions; only in a guru-mode script.</summary>
    public IReadOnlyList<EmbeddedFunction> EmbeddedFunctions { get; init; } = [];

    /// <summary>The script needs <c>stap -g</c> (it opted in with [Guru]).</summary>
    public bool Guru { get; init; }
}

/// <summary><c>global name = init</c>, or an array <c>global name%[capacity]</c>.</summary>
public sealed record Global(string Name, SourceSpan Span, Literal? Initializer, ArrayShape? Array)
{
    /// <summary>Set from a script argument (<c>$N</c>/<c>@N</c>); <see cref="Initializer"/> is then the default when it is absent.</summary>
    public ScriptArgumentRef? Argument { get; init; }

    /// <summary><c>private global</c>: visible in this file only, and not settable with -G.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Declared only when this holds: <c>%( condition %? global ... %)</c>.</summary>
    public DeclarationCondition? Condition { get; init; }
}

/// <summary>
/// <c>[BuildIf(nameof(Property))]</c>: a declaration built only when the property's condition holds (or, with
/// <see cref="Otherwise"/>, when it does not), in stap's form. Two declarations are under the same condition
/// when they name the same property the same way.
/// </summary>
public sealed record DeclarationCondition(string Property, bool Otherwise, BuildCondition Condition, SourceSpan Span)
{
    public bool IsSameAs(DeclarationCondition? other) => other is not null && other.Property == Property && other.Otherwise == Otherwise;
}

/// <summary>An associative array's key types, value type and declared capacity.</summary>
/// <summary>A top-level <c>%{ code %}</c> block.</summary>
public sealed record EmbeddedBlock(SourceSpan Span, string Code);

public sealed record ArrayShape(IReadOnlyList<StapType> KeyTypes, StapType ValueType, int Capacity, bool Wrap, BuildCapacity? BuildCapacity = null);

/// <summary>
/// A capacity decided when the script is built: <c>%( condition %? global a[WhenTrue] %: global a[WhenFalse] %)</c>
/// (<c>new(maxEntries: Kernel.Config("CONFIG_64BIT") == "y" ? 20000 : 5000)</c>).
/// </summary>
public sealed record BuildCapacity(BuildCondition Condition, int WhenTrue, int WhenFalse);

/// <summary><c>function name:type (p:type, ...) { body }</c>, or a macro <c>@define name(p, ...) %( body %)</c>.</summary>
public sealed record Function(string Name, SourceSpan Span, StapType ReturnType, IReadOnlyList<Parameter> Parameters, Block Body)
{
    /// <summary>
    /// A macro: a helper that reads the probe context, which stap pastes into each probe that uses it (a function
    /// cannot see the probe's context). Its body is one statement: <c>return value</c>, or an expression statement.
    /// </summary>
    public bool IsMacro { get; init; }
}

public sealed record Parameter(string Name, StapType Type);

/// <summary><c>probe point, point { body }</c>.</summary>
public sealed record Probe(IReadOnlyList<BoundProbePoint> Points, SourceSpan Span, Block Body)
{
    /// <summary>Built only when this holds: <c>%( condition %? probe ... %)</c>.</summary>
    public DeclarationCondition? Condition { get; init; }
}

/// <summary>
/// A parsed probe point whose condition names stap globals (not C# fields), with the place of the
/// attribute it came from. The printer prints it.
/// </summary>
public sealed record BoundProbePoint(ProbePoints.ProbePoint Point, SourceSpan Span);
