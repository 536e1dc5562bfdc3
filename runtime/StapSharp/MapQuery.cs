using System.Collections;
using System.Collections.Generic;

namespace StapSharp;

/// <summary>
/// An ordered, limited or sliced view of a <see cref="StapMap{TKey, TValue}"/>, for use as the
/// collection of a <c>foreach</c> only. The compiler lowers the chain to one stap <c>foreach</c>:
/// <list type="bullet">
/// <item><c>map.OrderByDescending(e =&gt; e.Value).Take(10)</c> → <c>foreach (v = k in map- limit 10)</c></item>
/// <item><c>map.OrderBy(e =&gt; e.Key.Item2)</c> → <c>foreach ([k1, k2+] in map)</c></item>
/// <item><c>stats.OrderByDescending(e =&gt; e.Value.Sum())</c> → <c>foreach (k in stats @sum-)</c>; <c>e =&gt; e.Value</c> on statistics → <c>stats-</c> (by <c>@count</c>)</item>
/// <item><c>map.Matching(("x", Any.Long))</c> → <c>foreach ([k1, k2] in map["x", *])</c></item>
/// </list>
/// Write the parts in this order: <c>Matching</c>, one <c>OrderBy</c>/<c>OrderByDescending</c>, <c>Take</c>.
/// stap sorts by one column only, and has no filter other than a key pattern.
/// </summary>
public sealed class MapQuery<TKey, TValue> : IEnumerable<MapEntry<TKey, TValue>>
{
    private MapQuery()
    {
    }

    /// <summary>
    /// Ascending order of one column: <c>e =&gt; e.Value</c> (stap <c>map+</c>), <c>e =&gt; e.Key</c> or
    /// <c>e =&gt; e.Key.Item2</c> (a <c>+</c> on that key), or for a map of <see cref="Stats"/> an
    /// aggregate such as <c>e =&gt; e.Value.Sum()</c> (<c>map @sum+</c>).
    /// </summary>
    public MapQuery<TKey, TValue> OrderBy<TSort>(System.Func<MapEntry<TKey, TValue>, TSort> column) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary>Descending order of one column, as <see cref="OrderBy{TSort}"/> but with <c>-</c>.</summary>
    public MapQuery<TKey, TValue> OrderByDescending<TSort>(System.Func<MapEntry<TKey, TValue>, TSort> column) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary><c>limit count</c>: at most <paramref name="count"/> iterations, after the sort.</summary>
    public MapQuery<TKey, TValue> Take(long count) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary>The loop itself; only a compiled probe script iterates.</summary>
    public StapMap<TKey, TValue>.Enumerator GetEnumerator() => StapOnlyException.Throw<StapMap<TKey, TValue>.Enumerator>();

    IEnumerator<MapEntry<TKey, TValue>> IEnumerable<MapEntry<TKey, TValue>>.GetEnumerator() => StapOnlyException.Throw<IEnumerator<MapEntry<TKey, TValue>>>();

    IEnumerator IEnumerable.GetEnumerator() => StapOnlyException.Throw<IEnumerator>();
}
