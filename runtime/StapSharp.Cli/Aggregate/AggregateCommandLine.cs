using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using StapSharp.Cli.Commands;
using StapSharp.Cli.Output;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// The options of `stapsharp run` and `stapsharp decode` that aggregate typed events instead of printing them, and the rules on
/// them that need no script. Field names are checked against the script later (<see cref="AggregatePlan.Resolve"/>).
/// </summary>
internal sealed class AggregateCommandLine
{
    public Option<string[]> GroupBy { get; } = new("--group-by")
    {
        Description = "Aggregate typed events by these fields (FIELD[,FIELD]; host: the host that sent each event, with rows per host and in total): a live table on a terminal, a report at the end otherwise",
        CustomParser = ParseFieldList,
    };

    public Option<int?> Top { get; } = new("--top") { Description = "Show only the N groups with the most events (with --group-by)" };

    public Option<string?> Percentiles { get; } = new("--percentiles")
    {
        Description = "Exact p50, p90, p99, p99.9 and max of this number field, per group",
    };

    public Option<string?> Histogram { get; } = new("--histogram")
    {
        Description = "A histogram of this number field, in stap's @hist_log layout (or @hist_linear with --histogram-linear)",
    };

    public Option<LinearLayout?> HistogramLinear { get; } = new("--histogram-linear")
    {
        Description = "LOW,HIGH,WIDTH: linear buckets for --histogram, as stap's @hist_linear(v, LOW, HIGH, WIDTH)",
        CustomParser = ParseLinear,
    };

    public Option<string?> Svg { get; } = new("--svg")
    {
        Description = "Write a latency plot (SVG) of the --percentiles field, in nanoseconds, to FILE at the end",
    };

    /// <summary>Adds the options and their rules to <paramref name="run"/>.</summary>
    /// <param name="output">-o FILE: the module's output goes to the file, so nothing would reach the aggregation (none for `decode`).</param>
    public void AddTo(Command run, Option<OutputFormat> format, Option<string?>? output)
    {
        run.Options.Add(GroupBy);
        run.Options.Add(Top);
        run.Options.Add(Percentiles);
        run.Options.Add(Histogram);
        run.Options.Add(HistogramLinear);
        run.Options.Add(Svg);
        OptionRules.InRange(Top, 1, int.MaxValue, "--top takes a number of groups (a positive number)");
        OptionRules.Requires(run, Top, GroupBy, "--top N keeps the N largest groups: it needs --group-by");
        OptionRules.Requires(run, HistogramLinear, Histogram, "--histogram-linear sets the buckets of --histogram FIELD: give both");
        OptionRules.Requires(run, Svg, Percentiles, "--svg FILE plots the --percentiles field: give --percentiles FIELD");
        foreach (var aggregating in new Option[] { GroupBy, Percentiles, Histogram })
        {
            OptionRules.Exclusive(run, aggregating, format,
                $"{aggregating.Name} prints an aggregate view instead of the events; leave out --format (or leave out {aggregating.Name} to print events)");
            if (output is not null)
            {
                OptionRules.Exclusive(run, aggregating, output,
                    $"{aggregating.Name} and -o exclude each other: -o sends the module's output to the file, so no event would reach the aggregation");
            }
        }
    }

    public AggregateRequest Request(ParseResult parse) => new(
        parse.GetValue(GroupBy) ?? [], parse.GetValue(Top), parse.GetValue(Percentiles), parse.GetValue(Histogram), parse.GetValue(HistogramLinear));

    /// <summary>FIELD[,FIELD] of the option being parsed: names, none empty, none twice.</summary>
    public static string[] ParseFieldList(ArgumentResult result)
    {
        var option = result.Parent is OptionResult parent ? parent.Option.Name : "--group-by";
        var fields = result.Tokens.SelectMany(t => t.Value.Split(',')).Select(f => f.Trim()).ToArray();
        if (fields.Length == 0 || fields.Any(f => f.Length == 0))
        {
            result.AddError($"{option} takes field names separated by commas: {option} pid,name");
        }
        else if (fields.Distinct(StringComparer.OrdinalIgnoreCase).Count() != fields.Length)
        {
            result.AddError($"{option} {string.Join(',', fields)}: a field is named twice");
        }

        return fields;
    }

    private static LinearLayout? ParseLinear(ArgumentResult result)
    {
        const string Usage = "--histogram-linear takes LOW,HIGH,WIDTH: whole numbers, LOW below HIGH, WIDTH positive (for example 0,1000,50), HIGH - LOW within a long";
        var parts = result.Tokens is [var token] ? token.Value.Split(',') : [];
        var numbers = parts.Select(p => long.TryParse(p.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).ToArray();
        if (numbers is not [{ } low, { } high, { } width] || width <= 0 || high <= low || (Int128)high - low > long.MaxValue)
        {
            result.AddError(Usage);
            return null;
        }

        if ((UInt128)((Int128)high - low) / (ulong)width >= LinearLayout.MaxBuckets)
        {
            result.AddError($"--histogram-linear {low},{high},{width}: more than {LinearLayout.MaxBuckets:N0} buckets; take a wider WIDTH");
            return null;
        }

        return new LinearLayout(low, high, width);
    }
}
