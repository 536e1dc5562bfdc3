using System.Collections;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// A sorted multiset of samples (latencies, sizes) with exact rank, select and percentiles in
/// O(log d), d being the number of distinct values.
/// </summary>
/// <remarks>
/// Built on <see cref="RedBlackTree{TKey, TValue, TComparer}"/> with one node per distinct value and
/// the value's multiplicity as the node weight (subtree weights replace subtree sizes). This suits
/// latency samples better than one node per sample: probe timings are integers (ns or µs) and repeat a
/// lot, so memory grows with the distinct values rather than the event count, a repeated value costs
/// one search and no allocation, and rank/select still count every sample exactly.
/// </remarks>
public sealed class OrderedBag<T> : IReadOnlyCollection<T>
{
    private readonly RedBlackTree<T, byte, ComparerAdapter<T>> _tree;

    /// <summary>Creates an empty bag.</summary>
    /// <param name="comparer">A custom order; null for the default order.</param>
    public OrderedBag(IComparer<T>? comparer = null) =>
        _tree = new RedBlackTree<T, byte, ComparerAdapter<T>>(new ComparerAdapter<T>(comparer));

    /// <summary>Total number of samples, counting repeats.</summary>
    public long Count => _tree.TotalWeight;

    int IReadOnlyCollection<T>.Count => checked((int)Count);

    /// <summary>Number of distinct values.</summary>
    public int DistinctCount => _tree.Count;

    /// <summary>The smallest sample.</summary>
    /// <exception cref="InvalidOperationException">The bag is empty.</exception>
    public T Min => _tree.Min.Key;

    /// <summary>The largest sample.</summary>
    /// <exception cref="InvalidOperationException">The bag is empty.</exception>
    public T Max => _tree.Max.Key;

    /// <summary>Adds one sample.</summary>
    public void Add(T item) => _tree.AddWeight(item, 1);

    /// <summary>Adds <paramref name="occurrences"/> copies of a sample.</summary>
    public void Add(T item, long occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrences);
        _tree.AddWeight(item, occurrences);
    }

    /// <summary>Adds every sample of another bag.</summary>
    public void AddRange(OrderedBag<T> other)
    {
        foreach (var (value, count) in other.Counts())
        {
            Add(value, count);
        }
    }

    /// <summary>Removes one occurrence.</summary>
    /// <returns>Whether the value was present.</returns>
    public bool Remove(T item) => Remove(item, 1) > 0;

    /// <summary>Removes up to <paramref name="occurrences"/> occurrences.</summary>
    /// <returns>How many were removed.</returns>
    public long Remove(T item, long occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrences);
        int node = _tree.FindNode(item);
        if (_tree.IsNil(node))
        {
            return 0;
        }

        long removed = Math.Min(occurrences, _tree.WeightOf(node));
        _tree.RemoveWeight(node, removed);
        return removed;
    }

    /// <summary>Removes every sample.</summary>
    public void Clear() => _tree.Clear();

    /// <summary>How many times <paramref name="item"/> occurs.</summary>
    public long CountOf(T item)
    {
        int node = _tree.FindNode(item);
        return _tree.IsNil(node) ? 0 : _tree.WeightOf(node);
    }

    /// <summary>How many samples are strictly below <paramref name="item"/>.</summary>
    public long CountLessThan(T item) => _tree.WeightBelow(item, inclusive: false);

    /// <summary>How many samples are at most <paramref name="item"/>.</summary>
    public long CountAtMost(T item) => _tree.WeightBelow(item, inclusive: true);

    /// <summary>How many samples lie in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public long CountInRange(T low, T high) => Math.Max(0, CountAtMost(high) - CountLessThan(low));

    /// <summary>The sample at 0-based position <paramref name="index"/> in sorted order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public T ElementAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _tree.KeyOf(_tree.SelectByWeight(index));
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest sample with at least <paramref name="percent"/>% of
    /// all samples at or below it. Always a real sample (no interpolation), so p100 is the maximum and
    /// a p99 latency is one that some event actually had.
    /// </summary>
    /// <param name="percent">In [0, 100]; 0 gives the minimum.</param>
    /// <exception cref="InvalidOperationException">The bag is empty.</exception>
    public T Percentile(double percent) => ElementAt(NearestRank.Index(percent, Count));

    /// <summary>The nearest-rank median (p50).</summary>
    public T Median => Percentile(50);

    /// <summary>Distinct values with their counts, ascending (or descending).</summary>
    public IEnumerable<(T Value, long Count)> Counts(bool descending = false)
    {
        var view = descending ? _tree.Descending : _tree.Ascending;
        var walk = view.GetEnumerator();
        while (walk.MoveNext())
        {
            yield return (walk.Current.Key, _tree.WeightOf(walk.CurrentNode));
        }
    }

    /// <summary>Every sample in ascending order, repeats included.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var (value, count) in Counts())
        {
            for (long i = 0; i < count; i++)
            {
                yield return value;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Validate() => _tree.Validate();
}
