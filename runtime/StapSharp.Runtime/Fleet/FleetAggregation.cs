using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Fleet;

/// <summary>
/// <c>stats[key] &lt;&lt;&lt; value</c> across a fleet: one <see cref="GroupedAggregation{TKey}"/> per host, merged into
/// fleet totals on demand. A host can ship its aggregation instead of its events (<see cref="AddHost"/>): counts, sums,
/// minima and maxima, both histograms and the exact samples all merge, so the totals equal the aggregation of every host's
/// values together, percentiles included (nearest rank over the union, not an estimate).
/// </summary>
public sealed class FleetAggregation<TKey>
{
    private readonly Dictionary<string, GroupedAggregation<TKey>> _byHost = new(StringComparer.Ordinal);
    private readonly List<string> _hosts = [];
    private readonly IComparer<TKey>? _comparer;

    /// <param name="options">Options of every group's aggregate, on every host.</param>
    /// <param name="comparer">Key order; the default order when null.</param>
    public FleetAggregation(AggregateOptions? options = null, IComparer<TKey>? comparer = null)
    {
        Options = options ?? AggregateOptions.Default;
        _comparer = comparer;
    }

    /// <summary>Options of every group's aggregate.</summary>
    public AggregateOptions Options { get; }

    /// <summary>The hosts in the order their first value arrived, each with its groups.</summary>
    public IEnumerable<(string Host, GroupedAggregation<TKey> Groups)> Hosts => _hosts.Select(h => (h, _byHost[h]));

    /// <summary>The groups of <paramref name="host"/>; empty when it sent nothing.</summary>
    public GroupedAggregation<TKey> Host(string host) => _byHost.GetValueOrDefault(host) ?? new GroupedAggregation<TKey>(Options, _comparer);

    /// <summary>Records <paramref name="value"/> under <paramref name="key"/> for <paramref name="host"/>.</summary>
    public void Add(string host, TKey key, long value) => HostGroups(host).Add(key, value);

    /// <summary>Adds an aggregation made on <paramref name="host"/> itself (with the same options), instead of its events.</summary>
    public void AddHost(string host, GroupedAggregation<TKey> aggregation) => HostGroups(host).Merge(aggregation);

    /// <summary>Every host's groups merged: per key, the aggregate of all hosts' values for it.</summary>
    public GroupedAggregation<TKey> Total()
    {
        var total = new GroupedAggregation<TKey>(Options, _comparer);
        foreach (var host in _hosts)
        {
            total.Merge(_byHost[host]);
        }

        return total;
    }

    private GroupedAggregation<TKey> HostGroups(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (!_byHost.TryGetValue(host, out var groups))
        {
            _byHost[host] = groups = new GroupedAggregation<TKey>(Options, _comparer);
            _hosts.Add(host);
        }

        return groups;
    }
}
