using StapSharp.Cli.Output;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Fleet;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// The aggregation of a run's events by an <see cref="AggregatePlan"/>: one <see cref="StatAggregate"/> per
/// group (key order in the red-black tree), one over every aggregated event (for the histogram and the plot),
/// and a count of the events of other types. Grouped by host, the groups are kept per host and the totals are
/// their merge. Not thread-safe: whoever adds or reads while a run goes on (the live view, the metrics endpoints) locks <see cref="Gate"/>.
/// </summary>
internal sealed class EventAggregator
{
    /// <summary>The host of events that name none (a run on this machine), when grouping by host.</summary>
    public const string ThisHost = "local";

    private readonly Dictionary<OutputEventType, (int[] Keys, int Value)?> _fields = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> _others = new(StringComparer.Ordinal);
    private readonly GroupedAggregation<GroupKey>? _groups;

    public EventAggregator(AggregatePlan plan)
    {
        Plan = plan;
        var options = new AggregateOptions
        {
            KeepSamples = plan.Percentiles,
            Linear = plan.Linear is { } linear ? (linear.Low, linear.High, linear.Width) : null,
        };
        if (plan.ByHost)
        {
            ByHost = new FleetAggregation<GroupKey>(options with { Linear = null }, GroupKeyComparer.Instance);
        }
        else
        {
            _groups = new GroupedAggregation<GroupKey>(options with { Linear = null }, GroupKeyComparer.Instance);
        }

        All = new StatAggregate(options);
    }

    public AggregatePlan Plan { get; }

    /// <summary>The lock of every thread that adds to or reads the aggregates while events arrive.</summary>
    public object Gate { get; } = new();

    /// <summary>
    /// One aggregate per distinct value of the group fields other than host (one group when there are none): over every
    /// host, merged from the hosts' groups when grouping by host.
    /// </summary>
    public GroupedAggregation<GroupKey> Groups => ByHost?.Total() ?? _groups!;

    /// <summary>The groups of each host, when the plan groups by host.</summary>
    public FleetAggregation<GroupKey>? ByHost { get; }

    /// <summary>What each host of a fleet sent (events, drops, warnings), once its output ended; empty on one machine.</summary>
    public IReadOnlyList<FleetHostReport> Hosts { get; set; } = [];

    /// <summary>Every aggregated event's value together.</summary>
    public StatAggregate All { get; }

    /// <summary>Called with each value as it is aggregated (the OTLP export's histogram records it), under the caller's lock.</summary>
    public Action<long>? ValueAdded { get; set; }

    /// <summary>Events of types without the plan's fields, per type (short name), in order of first arrival.</summary>
    public IReadOnlyDictionary<string, long> Others => _others;

    public void Add(OutputEvent e)
    {
        if (Fields(e.Type) is not { } fields)
        {
            var name = TextEventOutput.ShortName(e.Type.FullName);
            _others[name] = _others.GetValueOrDefault(name) + 1;
            return;
        }

        var (keys, value) = fields;
        var key = keys.Length == 0 ? GroupKey.None : new GroupKey(Array.ConvertAll(keys, i => e.Values[i]));
        var number = value < 0 ? 0 : ToLong(e.Values[value]);
        if (ByHost is not null)
        {
            ByHost.Add(e.Host ?? ThisHost, key, number);
        }
        else
        {
            _groups!.Add(key, number);
        }

        All.Add(number);
        ValueAdded?.Invoke(number);
    }

    /// <summary>A number field's value as a long; a u64 past long's range counts as long.MaxValue.</summary>
    public static long ToLong(object? value) => GroupKeyComparer.Number(value) is { } number
        ? (long)Int128.Clamp(number, long.MinValue, long.MaxValue)
        : 0;

    private (int[] Keys, int Value)? Fields(OutputEventType type)
    {
        if (_fields.TryGetValue(type, out var known))
        {
            return known;
        }

        (int[] Keys, int Value)? fields = null;
        if (Plan.AggregatedTypes.Contains(type.FullName))
        {
            var keys = Plan.GroupFields.Select(f => AggregatePlan.IndexOf(type, f)).ToArray();
            var value = Plan.ValueField is { } v ? AggregatePlan.IndexOf(type, v) : -1;
            // The module declares what it declares: a type that lacks a field after all is counted, not aggregated.
            if (keys.All(i => i >= 0) && (Plan.ValueField is null || value >= 0))
            {
                fields = (keys, value);
            }
        }

        _fields[type] = fields;
        return fields;
    }
}
