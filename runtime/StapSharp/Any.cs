namespace StapSharp;

/// <summary>
/// Wildcards for one key position of a map key pattern, stap's <c>*</c>:
/// <c>map.RemoveMatching(("x", Any.Long))</c> is <c>delete map["x", *]</c>,
/// <c>map.ContainsMatching((Any.String, 4L))</c> is <c>[*, 4] in map</c> and
/// <c>foreach (var (k, v) in map.Matching(("x", Any.Long)))</c> is <c>foreach (v = [k1, k2] in map["x", *])</c>.
/// They mean "any key" only inside such a pattern.
/// </summary>
public static class Any
{
    /// <summary>Any long key: <c>*</c>.</summary>
    public static long Long => StapOnlyException.Throw<long>();

    /// <summary>Any string key: <c>*</c>.</summary>
    public static string String => StapOnlyException.Throw<string>();
}
