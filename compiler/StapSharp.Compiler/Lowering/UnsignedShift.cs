using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// C#'s <c>x &gt;&gt;&gt; n</c> on a long. stap has <c>&gt;&gt;&gt;</c>, but its constant folder (elaborate.cxx) has no case for it:
/// when both operands fold to literals (<c>(x % -1) &gt;&gt;&gt; 31</c>, <c>(x * 0) &gt;&gt;&gt; 2</c>) pass 2 fails with
/// "unsupported binary operator &gt;&gt;&gt;". A constant count, by far the common case, is therefore printed without it:
/// an arithmetic shift then a mask of the bits the sign filled, which stap folds like any other operator.
/// </summary>
internal static class UnsignedShift
{
    public static Expression Lower(SourceSpan span, Expression value, Expression count)
    {
        if (count is not Literal { Type: StapType.Long } literal)
        {
            // A count stap cannot fold keeps the operator stap runs natively.
            return new Binary(span, StapType.Long, BinaryOperator.UnsignedShiftRight, value, count);
        }

        // Both C# and stap's runtime use the count's low six bits.
        var bits = (int)(literal.LongValue & 63);
        if (bits == 0)
        {
            return value;
        }

        var shifted = new Binary(span, StapType.Long, BinaryOperator.ShiftRight, value, Literal.Long(span, bits));
        return new Binary(span, StapType.Long, BinaryOperator.BitwiseAnd, shifted, Literal.Long(span, (long)(ulong.MaxValue >> bits)));
    }
}
