using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Lowering;
using StapSharp.Protocol;

namespace StapSharp.Compiler.Tests.Lowering;

/// <summary>
/// Lowering replaces every bound construct, wherever it is nested, by its stap form: an Emit by its
/// temporaries and one frame (joining the block around it), an interpolation by a printf format, a
/// build-time condition by stap's disjunction of conjunctions. The snapshots check the forms in whole
/// scripts; these check the rewrite itself.
/// </summary>
public sealed class BodyLoweringTests
{
    private static readonly SourceSpan Span = SourceSpan.None;

    private static readonly EventTypeSchema Opened = new(3, "Ns.Opened", "global::Ns.Opened",
        [new EventFieldSchema("Fd", WireFieldKind.Int64), new EventFieldSchema("Path", WireFieldKind.String)]);

    [Fact]
    public void Constructs_nested_in_each_other_are_all_lowered()
    {
        var path = new BoundInterpolation(Span, [new InterpolationText("/tmp/"), new InterpolationHole(Long("n"), null, HoleFormat.Decimal)]);
        var emit = new BoundEmit(Span, Opened, [new BoundEventArgument(1, path), new BoundEventArgument(0, Literal.Long(Span, 7))]);
        var chosen = new BoundBuildConditionalExpression(Span, StapType.Long, new BuildGuruModeTest(Span), Literal.Long(Span, 1), Literal.Long(Span, 2));
        var body = new Block(Span,
        [
            new BoundBuildConditional(Span, new BuildGuruModeTest(Span), new Block(Span, [emit]), null),
            new Foreach(Span, ["k"], "v", "counts", new ExpressionStatement(Span, new Assignment(Span, StapType.Long, AssignmentOperator.Assign, Long("x"), chosen))),
        ]);

        var lowered = BodyLowering.Lower(body, Fresh());

        // The walk visits only IR nodes: a bound construct left anywhere would make it throw.
        var nodes = IrTree.DescendantsAndSelf(lowered).ToList();
        Assert.DoesNotContain(nodes, node => node is BoundExpression or BoundStatement);
        Assert.Contains(nodes, node => node is FormatCall { Function: "sprintf", Format: "/tmp/%d" });
        Assert.Contains(nodes, node => node is ConditionalCompilationExpression);
        Assert.IsType<ConditionalCompilation>(lowered.Statements[0]);
    }

    [Fact]
    public void An_Emit_becomes_temporaries_in_written_order_and_one_frame_in_field_order_in_the_block_around_it()
    {
        var emit = new BoundEmit(Span, Opened, [new BoundEventArgument(1, new VariableRef(Span, StapType.String, "p")), new BoundEventArgument(0, Long("f"))]);
        var before = new ExpressionStatement(Span, new Call(Span, StapType.Void, "println", []));

        var lowered = BodyLowering.Lower(new Block(Span, [before, emit, before]), Fresh());

        var assigned = lowered.Statements.OfType<ExpressionStatement>().Select(s => s.Expression).OfType<Assignment>()
            .Select(a => ((VariableRef)a.Target).Name).ToList();
        Assert.Equal(["ev_Path", "ev_Fd", "ev_ts", "ev_cpu", "ev_check"], assigned);
        Assert.Same(before, lowered.Statements[0]);
        Assert.Same(before, lowered.Statements[^1]);
        var frame = Assert.IsType<FormatCall>(Assert.IsType<ExpressionStatement>(lowered.Statements[^2]).Expression);
        Assert.Equal(WireFormat.FrameStartFormat + WireFormat.IntegerFieldFormat + WireFormat.StringFieldFormat + WireFormat.CheckFormat + "\n", frame.Format);
        var values = frame.Arguments.Select(a => a switch { VariableRef v => v.Name, Call c => c.Function + "(" + ((VariableRef)c.Arguments[0]).Name + ")", Literal l => l.LongValue.ToString(), _ => "check" }).ToList();
        Assert.Equal(["3", "ev_ts", "ev_cpu", "ev_Fd", "strlen(ev_Path)", "ev_Path", "check"], values);
    }

    [Fact]
    public void An_interpolation_is_a_printf_format_with_percent_escaped_and_a_print_adds_the_line_end()
    {
        var text = new BoundInterpolation(Span,
        [
            new InterpolationText("100% of "),
            new InterpolationHole(Long("n"), -5, HoleFormat.LowerHex),
            new InterpolationText(" in "),
            new InterpolationHole(new VariableRef(Span, StapType.String, "s"), 20, HoleFormat.Text),
            new InterpolationHole(Long("m"), null, HoleFormat.UpperHex),
        ]);

        var print = Assert.IsType<FormatCall>(Lowered(new BoundPrint(Span, text, NewLine: true)));
        var sprintf = Assert.IsType<FormatCall>(Lowered(text));

        Assert.Equal(("printf", "100%% of %-5x in %20s%X\n"), (print.Function, print.Format));
        Assert.Equal(("sprintf", "100%% of %-5x in %20s%X"), (sprintf.Function, sprintf.Format));
        Assert.Equal(["n", "s", "m"], sprintf.Arguments.Cast<VariableRef>().Select(v => v.Name));
    }

    [Fact]
    public void A_negated_build_condition_is_pushed_into_its_comparisons_and_spread_into_a_disjunction()
    {
        // !(kernel >= 5.0 && (guru || arch == x86_64)) is kernel < 5.0 || (!guru && arch != x86_64).
        var kernel = new BuildFactTest(new BuildComparison("kernel_v", ComparisonOperator.GreaterOrEqual, Literal.String(Span, "5.0")));
        var arch = new BuildFactTest(new BuildComparison("arch", ComparisonOperator.Equal, Literal.String(Span, "x86_64")));
        var test = new BuildNot(new BuildAnd(kernel, new BuildOr(new BuildGuruModeTest(Span), arch)));

        var condition = BuildConditionLowering.Condition(test);

        var shape = condition.AnyOf.Select(all => string.Join(" && ", all.Select(c => $"{c.Subject} {c.Operator} {c.Value.StringValue ?? c.Value.LongValue.ToString()}")));
        Assert.Equal(["kernel_v Less 5.0", "guru_mode Equal 0 && arch NotEqual x86_64"], shape);
        Assert.Equal(3, BuildConditionLowering.ComparisonCount(test));
    }

    [Fact]
    public void The_count_of_a_condition_that_multiplies_saturates_instead_of_overflowing()
    {
        BuildTest pair = new BuildOr(new BuildGuruModeTest(Span), new BuildGuruModeTest(Span));
        BuildTest test = pair;
        for (var i = 0; i < 70; i++)
        {
            test = new BuildAnd(test, pair);
        }

        Assert.Equal(long.MaxValue, BuildConditionLowering.ComparisonCount(test));
    }

    [Fact]
    public void An_else_if_chain_of_any_length_lowers_without_recursion()
    {
        Statement? chain = null;
        for (var i = 0; i < 50_000; i++)
        {
            var print = new BoundPrint(Span, new BoundInterpolation(Span, [new InterpolationText($"{i}")]), NewLine: true);
            chain = i % 2 == 0
                ? new If(Span, Long("x"), new ExpressionStatement(Span, print), chain)
                : new BoundBuildConditional(Span, new BuildGuruModeTest(Span), new ExpressionStatement(Span, print), chain);
        }

        var lowered = BodyLowering.Lower(new Block(Span, [chain!]), Fresh());

        var links = 0;
        for (var link = lowered.Statements[0]; link is not null; links++)
        {
            link = link switch { If @if => @if.Else, ConditionalCompilation c => c.Else, _ => throw new Xunit.Sdk.XunitException($"unlowered {link.GetType().Name}") };
        }

        Assert.Equal(50_000, links);
    }

    [Fact]
    public void A_pass_that_is_not_the_lowering_refuses_a_bound_construct_instead_of_reading_it()
    {
        var print = new BoundPrint(Span, new BoundInterpolation(Span, []), NewLine: false);

        var refused = Assert.Throws<InvalidOperationException>(() => IrTree.Children(print).ToList());
        Assert.Contains("before it was lowered", refused.Message);
    }

    private static VariableRef Long(string name) => new(Span, StapType.Long, name);

    private static Expression Lowered(Expression expression) =>
        ((ExpressionStatement)BodyLowering.Lower(new Block(Span, [new ExpressionStatement(Span, expression)]), Fresh()).Statements[0]).Expression;

    /// <summary>A name scope like a body's: the preferred name, then name_2, name_3, ...</summary>
    private static Func<string, string> Fresh()
    {
        var used = new HashSet<string>();
        return preferred =>
        {
            var name = preferred;
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{preferred}_{n}";
            }

            return name;
        };
    }
}
