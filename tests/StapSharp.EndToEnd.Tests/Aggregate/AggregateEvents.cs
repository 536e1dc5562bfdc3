using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;

namespace StapSharp.EndToEnd.Tests.Aggregate;

/// <summary>Event types and plans the aggregation tests share.</summary>
internal static class AggregateEvents
{
    public static readonly OutputEventType Call = new("Demo.SyscallDone", ["pid", "name", "latencyNs", "result"], ["i64", "str", "i64", "errno"]);
    public static readonly OutputEventType Tick = new("Demo.Tick", ["n"], ["i64"]);
    public static readonly IReadOnlyList<OutputEventType> Types = [Call, Tick];

    public static OutputEvent CallEvent(long pid, string name, long latencyNs, int result = 0) =>
        new(Call, 0, 0, [pid, name, latencyNs, new Errno(result)], 0);

    public static OutputEvent TickEvent(long n) => new(Tick, 0, 0, [n], 0);

    public static EventAggregator Aggregator(
        string[] groupBy, string? percentiles = null, string? histogram = null, LinearLayout? linear = null, int? top = null) =>
        new(AggregatePlan.Resolve(new AggregateRequest(groupBy, top, percentiles, histogram, linear), Types));
}
