namespace StapSharp.Cli.Aggregate;

/// <summary><c>--histogram-linear LOW,HIGH,WIDTH</c>: stap's <c>@hist_linear(v, LOW, HIGH, WIDTH)</c> layout.</summary>
internal sealed record LinearLayout(long Low, long High, long Width)
{
    /// <summary>Enough buckets for any terminal or report; more is almost surely a mistyped width.</summary>
    public const int MaxBuckets = 10_000;
}

/// <summary>What `stapsharp run` was asked to aggregate, as typed on the command line (field names not yet checked).</summary>
internal sealed record AggregateRequest(
    IReadOnlyList<string> GroupBy, int? Top, string? PercentilesField, string? HistogramField, LinearLayout? Linear)
{
    /// <summary>No aggregation asked for: the events are printed one by one.</summary>
    public bool IsEmpty => GroupBy.Count == 0 && PercentilesField is null && HistogramField is null;
}
