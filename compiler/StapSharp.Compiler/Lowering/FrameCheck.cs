using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// The check a frame carries after its last field (runtime/StapSharp/WIRE-FORMAT.md, "Frame check"): over the
/// frame's values in order (the type id, the timestamp, the cpu, then each field, a string by its byte length),
/// h = Σ vᵢ·(2i + 1)·<see cref="WireFormat.CheckMultiplier"/> modulo 2⁶⁴ (<see cref="WireFormat.FrameCheck(ReadOnlySpan{long})"/> on the host), printed with <c>%4b</c> as <c>h ^ (h &gt;&gt; 32)</c>. It costs
/// the probe a few multiplications; the host then never takes a damaged frame for a whole one.
/// </summary>
internal static class FrameCheck
{
    /// <summary>h of a frame of type <paramref name="typeId"/> whose other values are <paramref name="values"/> (timestamp, cpu, fields).</summary>
    public static Expression Sum(SourceSpan span, int typeId, IReadOnlyList<Expression> values)
    {
        // The type id is a constant: its term is computed here.
        var terms = values.Select((value, i) => (Expression)new Binary(span, StapType.Long, BinaryOperator.Multiply, value, Literal.Long(span, Term(1, i + 1)))).ToList();
        if (typeId != 0)
        {
            terms.Insert(0, Literal.Long(span, Term(typeId, 0)));
        }

        // Added in pairs, so the expression nests log2(fields) deep, however wide the record.
        while (terms.Count > 1)
        {
            terms = terms.Chunk(2).Select(pair => pair.Length == 1 ? pair[0] : new Binary(span, StapType.Long, BinaryOperator.Add, pair[0], pair[1])).ToList();
        }

        return terms[0];
    }

    /// <summary>What the frame prints with <c>%4b</c>: h's low half XOR its high half (stap's <c>&gt;&gt;</c> keeps the sign, which only the high half sees).</summary>
    public static Expression Folded(SourceSpan span, Expression sum) =>
        new Binary(span, StapType.Long, BinaryOperator.ExclusiveOr, sum, new Binary(span, StapType.Long, BinaryOperator.ShiftRight, sum, Literal.Long(span, 32)));

    private static long Term(long value, int index) => unchecked((long)((ulong)value * (ulong)(2 * index + 1) * WireFormat.CheckMultiplier));
}
