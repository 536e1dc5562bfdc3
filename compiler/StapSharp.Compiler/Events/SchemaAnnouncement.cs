using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Events;

/// <summary>
/// The probe that tells the host which events a script sends: the <c>S</c> line, then one <c>T</c>
/// line per type in id order, before any event can be written.
/// </summary>
internal static class SchemaAnnouncement
{
    /// <summary>
    /// stap runs begin probes in ascending sequence order and accepts any 64-bit number (checked with
    /// stap -p2): no begin probe of the script can run before this one.
    /// </summary>
    public static readonly ProbePoint Point = new([new NamedComponent("begin", new IntegerLiteral(long.MinValue))], Optionality.None, null);

    public static Probe Probe(IReadOnlyList<EventTypeSchema> types, SourceSpan span)
    {
        var header = new FormatCall(span, StapType.Void, "printf", EventTypeSchema.HeaderFormat(types) + "\n",
            [new Literal(span, StapType.Long, WireFormat.ByteOrderMark, null)]);
        var statements = types
            .Select(t => (Statement)new ExpressionStatement(span, new FormatCall(span, StapType.Void, "printf", t.SchemaLine + "\n", [])))
            .Prepend(new ExpressionStatement(span, header))
            .ToList();
        return new Probe([new BoundProbePoint(Point, span)], span, new Block(span, statements));
    }
}
