using System.Collections;
using System.Collections.Generic;

namespace StapSharp;

/// <summary>
/// A SystemTap associative array (<c>global name[maxEntries]</c>). Declare it as a static field of a
/// probe script. Keys are <c>long</c>, <c>string</c> or tuples of up to nine of them; values are
/// <c>long</c>, <c>string</c> or <see cref="Stats"/>. A missing key reads as 0 or "" (stap's
/// semantics), it is not an error. Maps exist only as globals: never as locals or parameters.
/// </summary>
public sealed class StapMap<TKey, TValue> : IEnumerable<MapEntry<TKey, TValue>>
{
    /// <param name="maxEntries">The array's capacity; 0 means stap's default (MAXMAPENTRIES, 2048).</param>
    /// <param name="wrap">When full, overwrite the oldest entries instead of failing (<c>global a%</c>).</param>
    public StapMap(int maxEntries = 0, bool wrap = false)
    {
        MaxEntries = maxEntries;
        Wrap = wrap;
    }

    /// <summary>The declared capacity; 0 for stap's default.</summary>
    public int MaxEntries { get; }

    /// <summary>Whether the oldest entries are overwritten when full (<c>%</c>).</summary>
    public bool Wrap { get; }

    /// <summary><c>map[key]</c>: reads 0 or "" for a missing key.</summary>
    public TValue this[TKey key]
    {
        get => StapOnlyException.Throw<TValue>();
        set => StapOnlyException.Throw<TValue>();
    }

    /// <summary><c>key in map</c>.</summary>
    public bool ContainsKey(TKey key) => StapOnlyException.Throw<bool>();

    /// <summary><c>delete map[key]</c>.</summary>
    public void Remove(TKey key) => StapOnlyException.Throw<bool>();

    /// <summary><c>delete map</c>.</summary>
    public void Clear() => StapOnlyException.Throw<bool>();

    /// <summary>
    /// <c>[k1, *] in map</c>: whether some key matches a pattern whose wildcard positions are
    /// <see cref="Any.Long"/> or <see cref="Any.String"/>, e.g. <c>map.ContainsMatching((Any.String, 4L))</c>.
    /// </summary>
    public bool ContainsMatching(TKey pattern) => StapOnlyException.Throw<bool>();

    /// <summary><c>delete map["x", *]</c>: removes every element whose key matches the pattern, e.g. <c>map.RemoveMatching(("x", Any.Long))</c>.</summary>
    public void RemoveMatching(TKey pattern) => StapOnlyException.Throw<bool>();

    /// <summary><c>foreach (... in map["x", *])</c>: only the elements whose key matches the pattern.</summary>
    public MapQuery<TKey, TValue> Matching(TKey pattern) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary>A sorted <c>foreach</c>; see <see cref="MapQuery{TKey, TValue}.OrderBy{TSort}"/>.</summary>
    public MapQuery<TKey, TValue> OrderBy<TSort>(System.Func<MapEntry<TKey, TValue>, TSort> column) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary>A sorted <c>foreach</c>, descending; see <see cref="MapQuery{TKey, TValue}.OrderByDescending{TSort}"/>.</summary>
    public MapQuery<TKey, TValue> OrderByDescending<TSort>(System.Func<MapEntry<TKey, TValue>, TSort> column) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary><c>foreach (... in map limit count)</c>: at most <paramref name="count"/> elements, in no particular order.</summary>
    public MapQuery<TKey, TValue> Take(long count) => StapOnlyException.Throw<MapQuery<TKey, TValue>>();

    /// <summary><c>foreach ([key] in map)</c>, unordered.</summary>
    public Enumerator GetEnumerator() => StapOnlyException.Throw<Enumerator>();

    IEnumerator<MapEntry<TKey, TValue>> IEnumerable<MapEntry<TKey, TValue>>.GetEnumerator() => StapOnlyException.Throw<IEnumerator<MapEntry<TKey, TValue>>>();

    IEnumerator IEnumerable.GetEnumerator() => StapOnlyException.Throw<IEnumerator>();

    /// <summary>The loop over a map; only a compiled probe script iterates.</summary>
    public readonly struct Enumerator
    {
        /// <summary>The current element.</summary>
        public MapEntry<TKey, TValue> Current => StapOnlyException.Throw<MapEntry<TKey, TValue>>();

        /// <summary>Moves to the next element.</summary>
        public bool MoveNext() => StapOnlyException.Throw<bool>();
    }
}

/// <summary>One element of a <see cref="StapMap{TKey, TValue}"/> in a <c>foreach</c>.</summary>
public readonly struct MapEntry<TKey, TValue>
{
    /// <summary>The key: a value, or a tuple of the key parts.</summary>
    public TKey Key => StapOnlyException.Throw<TKey>();

    /// <summary>The value (for a map of <see cref="Stats"/>, the element's statistic).</summary>
    public TValue Value => StapOnlyException.Throw<TValue>();

    /// <summary><c>var (key, value)</c>.</summary>
    public void Deconstruct(out TKey key, out TValue value)
    {
        key = Key;
        value = Value;
    }
}
