using CsCheck;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Lowering;
using StapSharp.Compiler.IR;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Compiler.Tests.Lowering;

/// <summary>The check the probe computes is the one the host verifies (WireFormat.FrameCheck), for any values.</summary>
public sealed class FrameCheckTests
{
    [Fact]
    public void The_probe_s_check_expression_computes_what_the_host_checks()
    {
        Gen.Select(Gen.Int[0, 255], Gen.Long.Array[2, 20]).Sample((typeId, values) =>
        {
            var span = SourceSpan.None;
            var names = values.Select((_, i) => new VariableRef(span, StapType.Long, $"v{i}")).ToList<Expression>();
            var sum = FrameCheck.Sum(span, typeId, names);
            var printed = Evaluate(FrameCheck.Folded(span, sum), values);

            // stap's %4b writes the low four bytes.
            Assert.Equal(WireFormat.FrameCheck([typeId, .. values]), unchecked((uint)printed));
        });
    }

    /// <summary>stap's 64-bit arithmetic (wrapping; <c>&gt;&gt;</c> keeps the sign) on the expression's literals and v0, v1, ...</summary>
    private static long Evaluate(Expression expression, long[] values) => expression switch
    {
        Literal literal => literal.LongValue,
        VariableRef variable => values[int.Parse(variable.Name[1..], System.Globalization.CultureInfo.InvariantCulture)],
        Binary { Operator: BinaryOperator.Add } b => unchecked(Evaluate(b.Left, values) + Evaluate(b.Right, values)),
        Binary { Operator: BinaryOperator.Multiply } b => unchecked(Evaluate(b.Left, values) * Evaluate(b.Right, values)),
        Binary { Operator: BinaryOperator.ExclusiveOr } b => Evaluate(b.Left, values) ^ Evaluate(b.Right, values),
        Binary { Operator: BinaryOperator.ShiftRight } b => Evaluate(b.Left, values) >> (int)Evaluate(b.Right, values),
        _ => throw new InvalidOperationException($"unexpected {expression}"),
    };
}
