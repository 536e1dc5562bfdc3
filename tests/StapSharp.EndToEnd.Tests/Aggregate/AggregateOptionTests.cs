using StapSharp.Cli;
using StapSharp.Cli.Aggregate;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Aggregate;

/// <summary>The aggregation options of `stapsharp run`: wrong values are usage errors before anything is built.</summary>
public sealed class AggregateOptionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static string ParseError(string commandLine)
    {
        var parsed = StapSharpCommand.Create().Parse(commandLine);
        return string.Join("\n", parsed.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("stapsharp run T.cs --top 5", "--top N keeps the N largest groups: it needs --group-by")]
    [InlineData("stapsharp run T.cs --group-by pid --top 0", "--top takes a number of groups")]
    [InlineData("stapsharp run T.cs --histogram-linear 0,100,10", "--histogram-linear sets the buckets of --histogram FIELD")]
    [InlineData("stapsharp run T.cs --histogram n --histogram-linear 0,100", "--histogram-linear takes LOW,HIGH,WIDTH")]
    [InlineData("stapsharp run T.cs --histogram n --histogram-linear 100,0,10", "--histogram-linear takes LOW,HIGH,WIDTH")]
    [InlineData("stapsharp run T.cs --histogram n --histogram-linear 0,1000000,1", "more than 10,000 buckets")]
    [InlineData("stapsharp run T.cs --svg p.svg", "--svg FILE plots the --percentiles field")]
    [InlineData("stapsharp run T.cs --group-by pid --format jsonl", "--group-by prints an aggregate view instead of the events")]
    [InlineData("stapsharp run T.cs --percentiles latencyNs -o out.raw", "--percentiles and -o exclude each other")]
    [InlineData("stapsharp run T.cs --group-by pid,,name", "--group-by takes field names separated by commas")]
    [InlineData("stapsharp run T.cs --group-by pid,PID", "a field is named twice")]
    public void A_wrong_combination_or_value_is_a_parse_error(string commandLine, string message)
    {
        Assert.Contains(message, ParseError(commandLine), StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_aggregation_command_line_parses()
    {
        Assert.Equal("", ParseError("stapsharp run T.cs --group-by pid,name --top 3 --percentiles latencyNs --histogram latencyNs --histogram-linear 0,1000,50 --svg p.svg"));
    }

    [Fact]
    public void An_unknown_field_names_the_fields_there_are()
    {
        var error = Assert.Throws<UsageError>(() => Aggregator(["pid", "comm"]));

        Assert.Equal("--group-by comm: no event field of that name; the fields are: pid, name, latencyNs, result, n", error.Message);
    }

    [Fact]
    public void A_string_field_cannot_give_percentiles()
    {
        var error = Assert.Throws<UsageError>(() => Aggregator(["pid"], percentiles: "name"));

        Assert.Equal("--percentiles name: a string field of SyscallDone; it takes a number field: pid, latencyNs, result, n", error.Message);
    }

    [Fact]
    public void Fields_that_no_one_type_has_together_are_refused()
    {
        var error = Assert.Throws<UsageError>(() => Aggregator(["pid", "n"]));

        Assert.StartsWith("no event type has all of pid, n;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_names_match_case_insensitively_and_come_out_as_the_record_spells_them()
    {
        var plan = Aggregator(["PID", "Name"], percentiles: "LATENCYNS").Plan;

        Assert.Equal(["pid", "name"], plan.GroupFields);
        Assert.Equal("latencyNs", plan.ValueField);
        Assert.Equal(["Demo.SyscallDone"], plan.AggregatedTypes);
    }

    [Fact]
    public async Task Run_with_an_unknown_field_is_a_usage_error_before_the_build()
    {
        var result = await CliRunner.RunAsync(Limit, "run", "samples/MkdirEvents", "--group-by", "Comm");

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Contains("--group-by Comm: no event field of that name; the fields are: Pid, ExecName, Path, Result", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("stap -p4", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_percentiles_of_a_string_field_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(Limit, "run", "samples/MkdirEvents", "--percentiles", "path");

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Contains("--percentiles Path: a string field of MkdirEvent; it takes a number field", result.Stderr, StringComparison.Ordinal);
    }
}
