using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.IR;

/// <summary>One .stp file: the lowering of one probe-script class.</summary>
public sealed record Script(string Name, SourceSpan Span, IReadOnlyList<Global> Globals, IReadOnlyList<Function> Functions, IReadOnlyList<Probe> Probes)
{
    /// <summary>The event types the script emits, in id order (empty for a script without Emit).</summary>
    public IReadOnlyList<Events.EventTypeSchema> Events { get; init; } = [];
}

/// <summary><c>global name = init</c>, or an array <c>global name%[capacity]</c>.</summary>
public sealed record Global(string Name, SourceSpan Span, Literal? Initializer, ArrayShape? Array);

/// <summary>An associative array's key types, value type and declared capacity.</summary>
public sealed record ArrayShape(IReadOnlyList<StapType> KeyTypes, StapType ValueType, int Capacity, bool Wrap);

/// <summary><c>function name:type (p:type, ...) { body }</c>.</summary>
public sealed record Function(string Name, SourceSpan Span, StapType ReturnType, IReadOnlyList<Parameter> Parameters, Block Body);

public sealed record Parameter(string Name, StapType Type);

/// <summary><c>probe point, point { body }</c>. Each point is canonical text printed from the parsed probe point.</summary>
public sealed record Probe(IReadOnlyList<ProbePointText> Points, SourceSpan Span, Block Body);

/// <summary>A probe point as printed, with the place of the attribute it came from.</summary>
public sealed record ProbePointText(string Text, SourceSpan Span);
