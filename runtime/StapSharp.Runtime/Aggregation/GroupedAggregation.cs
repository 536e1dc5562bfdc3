using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// stap's <c>global stats[key] ... stats[key] &lt;&lt;&lt; value</c> on the host: one
/// <see cref="StatAggregate"/> per key, kept in key order in a <see cref="RedBlackTree{TKey, TValue}"/>
/// so that reports come out sorted and ranges of keys (PIDs, syscall numbers) can be read directly.
/// </summary>
public sealed class GroupedAggregation<TKey>
{
    private readonly RedBlackTree<TKey, StatAggregate> _groups;

    /// <summary>Creates an empty aggregation.</summary>
    /// <param name="options">Options for every group's aggregate.</param>
    /// <param name="comparer">Key order; the default order when null.</param>
    public GroupedAggregation(AggregateOptions? options = null, IComparer<TKey>? comparer = null)
    {
        Options = options ?? AggregateOptions.Default;
        _groups = new RedBlackTree<TKey, StatAggregate>(comparer);
    }

    /// <summary>Options used for every group.</summary>
    public AggregateOptions Options { get; }

    /// <summary>The groups in key order.</summary>
    public RedBlackTree<TKey, StatAggregate> Groups => _groups;

    /// <summary>Number of distinct keys.</summary>
    public int Count => _groups.Count;

    /// <summary>The aggregate of a key.</summary>
    /// <exception cref="KeyNotFoundException">No value was recorded for the key.</exception>
    public StatAggregate this[TKey key] => _groups[key];

    /// <summary>Records <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Add(TKey key, long value)
    {
        ref StatAggregate? group = ref _groups.GetValueRefOrAddDefault(key, out _)!;
        group ??= new StatAggregate(Options);
        group.Add(value);
    }

    /// <summary>Adds every group of another aggregation (with the same options).</summary>
    public void Merge(GroupedAggregation<TKey> other)
    {
        foreach (var (key, aggregate) in other._groups)
        {
            ref StatAggregate? group = ref _groups.GetValueRefOrAddDefault(key, out _)!;
            group ??= new StatAggregate(Options);
            group.Merge(aggregate);
        }
    }

    /// <summary>The <paramref name="n"/> groups with the largest <paramref name="measure"/>, largest first.</summary>
    public List<KeyValuePair<TKey, StatAggregate>> Top(int n, Func<StatAggregate, long> measure)
    {
        var byMeasure = Comparer<KeyValuePair<TKey, StatAggregate>>.Create((a, b) => measure(a.Value).CompareTo(measure(b.Value)));
        return LeftistHeap<KeyValuePair<TKey, StatAggregate>>.TopN(_groups, n, byMeasure);
    }
}

/// <summary>Entry points that aggregate event streams.</summary>
public static class EventAggregation
{
    /// <summary>Groups events by key and aggregates one numeric field per group.</summary>
    public static GroupedAggregation<TKey> GroupBy<TEvent, TKey>(
        IEnumerable<TEvent> events, Func<TEvent, TKey> key, Func<TEvent, long> value,
        AggregateOptions? options = null, IComparer<TKey>? comparer = null)
    {
        var aggregation = new GroupedAggregation<TKey>(options, comparer);
        foreach (TEvent e in events)
        {
            aggregation.Add(key(e), value(e));
        }

        return aggregation;
    }

    /// <summary>Groups an asynchronous event stream (a live probe's output) by key.</summary>
    public static async Task<GroupedAggregation<TKey>> GroupByAsync<TEvent, TKey>(
        IAsyncEnumerable<TEvent> events, Func<TEvent, TKey> key, Func<TEvent, long> value,
        AggregateOptions? options = null, IComparer<TKey>? comparer = null, CancellationToken cancellationToken = default)
    {
        var aggregation = new GroupedAggregation<TKey>(options, comparer);
        await foreach (TEvent e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            aggregation.Add(key(e), value(e));
        }

        return aggregation;
    }

    /// <summary>
    /// The <paramref name="n"/> largest items over several streams, largest first: each stream keeps
    /// its own bounded heap (so streams can be consumed independently), then the heaps are merged in
    /// O(k log n) and trimmed to n.
    /// </summary>
    public static List<T> TopAcrossStreams<T>(IEnumerable<IEnumerable<T>> streams, int n, IComparer<T>? comparer = null) =>
        MergeTop(streams.Select(stream => LeftistHeap<T>.BoundedLargest(stream, n, comparer)), n, comparer);

    /// <summary>
    /// Asynchronous <see cref="TopAcrossStreams{T}"/>: the streams are consumed concurrently, each into
    /// its own bounded heap.
    /// </summary>
    public static async Task<List<T>> TopAcrossStreamsAsync<T>(
        IEnumerable<IAsyncEnumerable<T>> streams, int n, IComparer<T>? comparer = null, CancellationToken cancellationToken = default)
    {
        var heaps = await Task.WhenAll(streams.Select(stream => BoundedLargestAsync(stream, n, comparer, cancellationToken))).ConfigureAwait(false);
        return MergeTop(heaps, n, comparer);
    }

    private static async Task<LeftistHeap<T>> BoundedLargestAsync<T>(IAsyncEnumerable<T> stream, int n, IComparer<T>? comparer, CancellationToken cancellationToken)
    {
        var heap = new LeftistHeap<T>(comparer);
        await foreach (T item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            heap.OfferBounded(item, n);
        }

        return heap;
    }

    private static List<T> MergeTop<T>(IEnumerable<LeftistHeap<T>> heaps, int n, IComparer<T>? comparer)
    {
        var merged = new LeftistHeap<T>(comparer);
        foreach (var heap in heaps)
        {
            merged.Merge(heap);
        }

        return merged.Largest(n);
    }
}
