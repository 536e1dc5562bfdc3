using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Bulk;

/// <summary>
/// Merges per-CPU streams, each in its own timestamp order, into one stream in timestamp order
/// (a k-way merge over <see cref="SortedStreams"/>). Equal timestamps keep the order of the sources,
/// then the order within a source, so the merge is stable and loses nothing.
/// </summary>
public static class TimestampMerge
{
    public static IEnumerable<T> Merge<T>(IEnumerable<IEnumerable<T>> perCpu, Func<T, long> timestampNs) =>
        SortedStreams.Merge(perCpu, Comparer<T>.Create((x, y) => timestampNs(x).CompareTo(timestampNs(y))));
}
