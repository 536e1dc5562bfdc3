namespace StapSharp;

/// <summary>
/// A SystemTap associative array (<c>global name[maxEntries]</c>). Declare it as a static field of a
/// probe script. Keys are <c>long</c>, <c>string</c> or tuples of them; values are <c>long</c> or
/// <c>string</c>. A missing key reads as 0 or "" (stap's semantics), it is not an error.
/// </summary>
public sealed class StapMap<TKey, TValue>
{
    /// <param name="maxEntries">The array's capacity; 0 means stap's default (MAXMAPENTRIES, 2048).</param>
    /// <param name="wrap">When full, overwrite the oldest entries instead of failing (<c>global a%</c>).</param>
    public StapMap(int maxEntries = 0, bool wrap = false)
    {
        MaxEntries = maxEntries;
        Wrap = wrap;
    }

    public int MaxEntries { get; }

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

    /// <summary><c>foreach ([key] in map)</c>, unordered.</summary>
    public Enumerator GetEnumerator() => StapOnlyException.Throw<Enumerator>();

    public readonly struct Enumerator
    {
        public MapEntry<TKey, TValue> Current => StapOnlyException.Throw<MapEntry<TKey, TValue>>();

        public bool MoveNext() => StapOnlyException.Throw<bool>();
    }
}

/// <summary>One element of a <see cref="StapMap{TKey, TValue}"/> in a <c>foreach</c>.</summary>
public readonly struct MapEntry<TKey, TValue>
{
    public TKey Key => StapOnlyException.Throw<TKey>();

    public TValue Value => StapOnlyException.Throw<TValue>();

    public void Deconstruct(out TKey key, out TValue value)
    {
        key = Key;
        value = Value;
    }
}
