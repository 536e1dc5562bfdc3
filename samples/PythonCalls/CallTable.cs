using Spectre.Console;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Rendering;

namespace PythonCalls;

/// <summary>
/// The calls per function: one <see cref="StatAggregate"/> per <see cref="FunctionKey"/> in the red-black tree of a
/// <see cref="GroupedAggregation{TKey}"/>, which keeps every latency, so the percentiles are exact.
/// </summary>
internal sealed class CallTable
{
    private readonly GroupedAggregation<FunctionKey> _functions = new();

    /// <summary>All calls counted.</summary>
    public long Calls { get; private set; }

    /// <summary>How many functions were called.</summary>
    public int Functions => _functions.Count;

    public void Add(PythonCall call)
    {
        _functions.Add(new FunctionKey(call.File, call.Function, call.Line), call.LatencyNs);
        Calls++;
    }

    /// <summary>The functions by the total time spent in their calls, the most first (callees included, so callers lead).</summary>
    public Table Render() => TopTableRenderer.Render(
        _functions.Top(_functions.Count, a => a.Stats.Sum),
        ["function", "file:line"],
        key => [key.Function, key.Place],
        [TopTableColumn.Count, TopTableColumn.Sum, TopTableColumn.Average, TopTableColumn.Percentile(50), TopTableColumn.Percentile(99), TopTableColumn.Max],
        value => ValueFormat.Nanoseconds(value),
        Calls);
}
