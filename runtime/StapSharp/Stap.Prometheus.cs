namespace StapSharp;

/// <summary>
/// SystemTap's Prometheus exporter macros (<c>tapset/prometheus.stpm</c>): each appends one sample per element of a
/// map to a procfs <c>.read</c> probe's <c>$value</c>, as <c>name{key="k"} v</c> lines. Call them in a
/// <c>[Probe("prometheus")]</c> (the tapset's file <c>/proc/systemtap/MODULE/__prometheus</c>) or
/// <c>procfs("name").read</c> probe, passing its <c>[Target] ref string value</c>. The metric and label names are
/// constants; the map's values are longs or strings.
/// </summary>
public static partial class Stap
{
    /// <summary><c>@prometheus_dump_array1(map, "name", "key")</c>: <c>name{key="k"} v</c> for each element.</summary>
    [StapFunction("@prometheus_dump_array1")]
    public static void PrometheusDumpArray1<TKey, TValue>(ref string value, StapMap<TKey, TValue> map, string name, string key) =>
        StapOnlyException.Throw<bool>();

    /// <summary><c>@prometheus_dump_array2(map, "name", "key1", "key2")</c>: <c>name{key1="k1",key2="k2"} v</c> for each element.</summary>
    [StapFunction("@prometheus_dump_array2")]
    public static void PrometheusDumpArray2<TKey1, TKey2, TValue>(
        ref string value, StapMap<(TKey1, TKey2), TValue> map, string name, string key1, string key2) => StapOnlyException.Throw<bool>();

    /// <summary><c>@prometheus_dump_array3(map, "name", "key1", "key2", "key3")</c>: three labels per sample.</summary>
    [StapFunction("@prometheus_dump_array3")]
    public static void PrometheusDumpArray3<TKey1, TKey2, TKey3, TValue>(
        ref string value, StapMap<(TKey1, TKey2, TKey3), TValue> map, string name, string key1, string key2, string key3) =>
        StapOnlyException.Throw<bool>();

    /// <summary>
    /// <c>@prometheus_dump_array1_map(map, "name", "key", valueText, keyText)</c>: as <see cref="PrometheusDumpArray1"/>,
    /// with the value and the key turned into text by the functions named (a script function or a tapset function such as
    /// <see cref="SyscallName"/>).
    /// </summary>
    [StapFunction("@prometheus_dump_array1_map")]
    public static void PrometheusDumpArray1Map<TKey, TValue>(
        ref string value, StapMap<TKey, TValue> map, string name, string key, Func<TValue, string> valueText, Func<TKey, string> keyText) =>
        StapOnlyException.Throw<bool>();

    /// <summary><c>@prometheus_dump_array2_map(map, "name", "key1", "key2", valueText, key1Text, key2Text)</c>.</summary>
    [StapFunction("@prometheus_dump_array2_map")]
    public static void PrometheusDumpArray2Map<TKey1, TKey2, TValue>(
        ref string value, StapMap<(TKey1, TKey2), TValue> map, string name, string key1, string key2,
        Func<TValue, string> valueText, Func<TKey1, string> key1Text, Func<TKey2, string> key2Text) => StapOnlyException.Throw<bool>();

    /// <summary><c>@prometheus_dump_array3_map(map, "name", "key1", "key2", "key3", valueText, key1Text, key2Text, key3Text)</c>.</summary>
    [StapFunction("@prometheus_dump_array3_map")]
    public static void PrometheusDumpArray3Map<TKey1, TKey2, TKey3, TValue>(
        ref string value, StapMap<(TKey1, TKey2, TKey3), TValue> map, string name, string key1, string key2, string key3,
        Func<TValue, string> valueText, Func<TKey1, string> key1Text, Func<TKey2, string> key2Text, Func<TKey3, string> key3Text) =>
        StapOnlyException.Throw<bool>();
}
