using System.Text;
using StapSharp.Cli;
using StapSharp.Cli.Flame;
using StapSharp.Cli.Output;
using StapSharp.Runtime.Stacks;

namespace StapSharp.EndToEnd.Tests.Flame;

/// <summary>The stack fields of `stapsharp run --folded/--flame`: which fields they are, and how an event's stacks fold.</summary>
public sealed class StackFoldingTests
{
    private static readonly OutputEventType Sample =
        new("Demo.StackSample", ["Pid", "ExecName", "UserStack", "KernelStack"], ["i64", "str", "str", "str"]);

    private static readonly OutputEventType Tick = new("Demo.Tick", ["n"], ["i64"]);

    private static OutputEvent Event(string user, string kernel, ulong truncated = 0) => new(Sample, 0, 0, [7L, "dd", user, kernel], truncated);

    private static string ParseError(string commandLine) =>
        string.Join("\n", StapSharpCommand.Create().Parse(commandLine).Errors.Select(e => e.Message));

    [Theory]
    [InlineData("stapsharp run T.cs --stack KernelStack", "--stack names the stack fields of --folded FILE and --flame FILE")]
    [InlineData("stapsharp run T.cs --folded f --format jsonl", "--folded folds the events' stacks instead of printing the events")]
    [InlineData("stapsharp run T.cs --flame f.svg -o out", "--flame and -o exclude each other")]
    [InlineData("stapsharp run T.cs --folded f --stack a,,b", "--stack takes field names separated by commas")]
    [InlineData("stapsharp run T.cs --folded f --stack a,A", "--stack a,A: a field is named twice")]
    public void A_wrong_combination_or_value_is_a_parse_error(string commandLine, string message) =>
        Assert.Contains(message, ParseError(commandLine), StringComparison.Ordinal);

    [Fact]
    public void A_complete_folding_command_line_parses() =>
        Assert.Equal("", ParseError("stapsharp run T.cs --folded p.folded --flame p.svg --stack ExecName,KernelStack --group-by ExecName"));

    [Fact]
    public void Without_stack_the_string_fields_named_stack_are_the_stack_fields_in_the_records_order()
    {
        var plan = StackPlan.Resolve([], [Sample, Tick]);
        Assert.Equal([2, 3], Assert.Single(plan.FieldsByType, t => t.Key == "Demo.StackSample").Value);
    }

    [Fact]
    public void Stack_names_the_fields_root_side_first_case_insensitively()
    {
        var plan = StackPlan.Resolve(["execname", "KERNELSTACK"], [Sample, Tick]);
        Assert.Equal([1, 3], Assert.Single(plan.FieldsByType).Value);
    }

    [Fact]
    public void A_stack_field_must_be_a_string()
    {
        var error = Assert.Throws<UsageError>(() => StackPlan.Resolve(["Pid"], [Sample]));
        Assert.StartsWith("--stack Pid: not a string field of StackSample;", error.Message, StringComparison.Ordinal);
        Assert.Contains("no event field of that name; the fields are: Pid, ExecName, UserStack, KernelStack",
            Assert.Throws<UsageError>(() => StackPlan.Resolve(["comm"], [Sample])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_without_stack_fields_say_how_to_give_them()
    {
        var error = Assert.Throws<UsageError>(() => StackPlan.Resolve([], [Tick]));
        Assert.Contains("Stap.SprintBacktrace()", error.Message, StringComparison.Ordinal);
        Assert.Contains("--stack FIELD", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tick: n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_stack_goes_below_the_kernel_stack_each_turned_root_first()
    {
        var folder = new StackFolder(StackPlan.Resolve([], [Sample, Tick]));
        folder.Add(Event("write+0x14 [libc.so.6]\nmain+0x2a [dd]\n", "vfs_write+0x1a [kernel]\nksys_write+0x5f [kernel]\n"));
        folder.Add(Event("write+0x20 [libc.so.6]\nmain+0x2a [dd]\n", "vfs_write+0x33 [kernel]\nksys_write+0x5f [kernel]\n"));
        folder.Add(Event("<no user backtrace at timer.profile>\n", "do_idle+0x4 [kernel]\n"));
        folder.Add(Event("", ""));
        folder.Add(new OutputEvent(Tick, 0, 0, [1L], 0));

        Assert.Equal("do_idle 1\nmain;write;ksys_write;vfs_write 2\n", folder.Stacks.ToText());
        Assert.Equal(1, folder.Empty);
        Assert.Equal(1, folder.Others);
    }

    [Fact]
    public void A_truncated_field_and_text_that_is_not_UTF8_still_fold_to_one_line()
    {
        var folder = new StackFolder(StackPlan.Resolve([], [Sample]));
        var notUtf8 = Encoding.UTF8.GetBytes("f\n").Prepend((byte)0xff).ToArray();
        folder.Add(new OutputEvent(Sample, 0, 0, [7L, "dd", notUtf8, "a+0x1 [kernel]\nb+0x2 [ker"], 1UL << 3));

        Assert.Equal($"\uFFFDf;{StapStackText.Truncated};a 1\n", folder.Stacks.ToText());
    }
}
