using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// C#'s shifts of a long. At run time stap, like C#, uses a count's low six bits; its constant folder
/// (elaborate.cxx) does not: it clamps a count to 0..64, and has no case at all for <c>&gt;&gt;&gt;</c>, so when both
/// operands fold to literals (<c>(x % -1) &gt;&gt;&gt; 31</c>, <c>(x * 0 + 1) &lt;&lt; 65</c>) pass 2 either fails with
/// "unsupported binary operator &gt;&gt;&gt;" or computes another value than C#. A constant count, by far the common
/// case, is therefore printed already masked, and a logical shift by one as an arithmetic shift and a mask of the
/// bits the sign filled, which stap folds like any other operator.
/// </summary>
internal static class Shifts
{
    public static bool IsShift(BinaryOperator op) =>
        op is BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight or BinaryOperator.UnsignedShiftRight;

    public static Expression Lower(SourceSpan span, BinaryOperator op, Expression value, Expression count)
    {
        if (count is not Literal { Type: StapType.Long } literal)
        {
            // A count stap cannot fold keeps the operator stap runs natively.
            return new Binary(span, StapType.Long, op, value, count);
        }

        var bits = (int)(literal.LongValue & 63);
        if (op != BinaryOperator.UnsignedShiftRight)
        {
            return new Binary(span, StapType.Long, op, value, Literal.Long(literal.Span, bits));
        }

        if (bits == 0)
        {
            return value;
        }

        var shifted = new Binary(span, StapType.Long, BinaryOperator.ShiftRight, value, Literal.Long(literal.Span, bits));
        return new Binary(span, StapType.Long, BinaryOperator.BitwiseAnd, shifted, Literal.Long(span, (long)(ulong.MaxValue >> bits)));
    }
}
