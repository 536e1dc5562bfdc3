namespace StapSharp.Runtime.Aggregation;

/// <summary>What a <see cref="StatAggregate"/> keeps besides its running statistics and log2 histogram.</summary>
public sealed record AggregateOptions
{
    /// <summary>The defaults: exact percentiles on, no linear histogram, no variance bit shift.</summary>
    public static AggregateOptions Default { get; } = new();

    /// <summary>Keep every value (in a <see cref="SampleRecorder"/>) for exact percentiles.</summary>
    public bool KeepSamples { get; init; } = true;

    /// <summary>Also fill a <c>@hist_linear</c> with this layout.</summary>
    public (long Start, long Stop, long Interval)? Linear { get; init; }

    /// <summary>stap's <c>bit_shift</c> for <c>@variance</c>.</summary>
    public int VarianceBitShift { get; init; }
}

/// <summary>
/// Everything stap's statistics operators offer for one value stream (<c>@count</c>, <c>@sum</c>,
/// <c>@min</c>, <c>@max</c>, <c>@avg</c>, <c>@variance</c>, <c>@hist_log</c>, <c>@hist_linear</c>)
/// plus exact percentiles.
/// </summary>
public sealed class StatAggregate
{
    private RunningStats _stats;

    /// <summary>Creates an empty aggregate.</summary>
    public StatAggregate(AggregateOptions? options = null)
    {
        Options = options ?? AggregateOptions.Default;
        _stats = new RunningStats(Options.VarianceBitShift);
        if (Options.KeepSamples)
        {
            Samples = new SampleRecorder();
        }

        if (Options.Linear is var (start, stop, interval))
        {
            Linear = new LinearHistogram(start, stop, interval);
        }
    }

    /// <summary>The options it was created with.</summary>
    public AggregateOptions Options { get; }

    /// <summary>Count, sum, min, max, average, variance.</summary>
    public RunningStats Stats => _stats;

    /// <summary>The <c>@hist_log</c> buckets.</summary>
    public Log2Histogram Log2 { get; } = new();

    /// <summary>The <c>@hist_linear</c> buckets, if configured.</summary>
    public LinearHistogram? Linear { get; }

    /// <summary>All values, if <see cref="AggregateOptions.KeepSamples"/> is set.</summary>
    public SampleRecorder? Samples { get; }

    /// <summary>Number of values.</summary>
    public long Count => _stats.Count;

    /// <summary>Records a value (stap's <c>agg &lt;&lt;&lt; value</c>).</summary>
    public void Add(long value)
    {
        _stats.Add(value);
        Log2.Add(value);
        Linear?.Add(value);
        Samples?.Add(value);
    }

    /// <summary>Nearest-rank percentile of the values (see <see cref="SampleRecorder.Percentile"/>).</summary>
    /// <exception cref="InvalidOperationException">Samples are not kept, or there are none.</exception>
    public long Percentile(double percent) =>
        (Samples ?? throw new InvalidOperationException("Percentiles need AggregateOptions.KeepSamples.")).Percentile(percent);

    /// <summary>Adds another aggregate's data (per-CPU or per-interval partial results).</summary>
    public void Merge(StatAggregate other)
    {
        _stats.Merge(other._stats);
        Log2.Merge(other.Log2);
        if (Linear is not null && other.Linear is not null)
        {
            Linear.Merge(other.Linear);
        }

        if (Samples is not null && other.Samples is not null)
        {
            Samples.AddRange(other.Samples);
        }
    }
}
