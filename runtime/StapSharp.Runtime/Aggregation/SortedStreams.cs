using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// k-way merge of streams that are each already sorted (per-CPU trace buffers ordered by timestamp,
/// for instance), through a <see cref="LeftistHeap{T}"/> of the streams' current heads. Each item
/// costs O(log k). Equal items come out in source order, so the merge is stable. The sources are not
/// checked: an unsorted source gives unsorted output.
/// </summary>
public static class SortedStreams
{
    /// <summary>Merges sorted sequences lazily.</summary>
    public static IEnumerable<T> Merge<T>(IEnumerable<IEnumerable<T>> sources, IComparer<T>? comparer = null)
    {
        var order = new HeadOrder<T>(comparer ?? Comparer<T>.Default);
        var heads = new LeftistHeap<Head<T>>(order);
        var cursors = new List<IEnumerator<T>>();
        try
        {
            foreach (var source in sources)
            {
                var cursor = source.GetEnumerator();
                cursors.Add(cursor);
                if (cursor.MoveNext())
                {
                    heads.Insert(new Head<T>(cursor.Current, cursors.Count - 1));
                }
            }
            while (heads.TryPop(out var head))
            {
                yield return head.Value;
                var cursor = cursors[head.Source];
                if (cursor.MoveNext())
                {
                    heads.Insert(head with { Value = cursor.Current });
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }

    /// <summary>Merges sorted asynchronous streams; waits on one source at a time.</summary>
    public static async IAsyncEnumerable<T> MergeAsync<T>(
        IEnumerable<IAsyncEnumerable<T>> sources,
        IComparer<T>? comparer = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var order = new HeadOrder<T>(comparer ?? Comparer<T>.Default);
        var heads = new LeftistHeap<Head<T>>(order);
        var cursors = new List<IAsyncEnumerator<T>>();
        try
        {
            foreach (var source in sources)
            {
                var cursor = source.GetAsyncEnumerator(cancellationToken);
                cursors.Add(cursor);
                if (await cursor.MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Insert(new Head<T>(cursor.Current, cursors.Count - 1));
                }
            }
            while (heads.TryPop(out var head))
            {
                yield return head.Value;
                var cursor = cursors[head.Source];
                if (await cursor.MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Insert(head with { Value = cursor.Current });
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                await cursor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private readonly record struct Head<T>(T Value, int Source);

    /// <summary>Orders heads by value, then by source index for stability.</summary>
    private sealed class HeadOrder<T>(IComparer<T> values) : IComparer<Head<T>>
    {
        public int Compare(Head<T> x, Head<T> y)
        {
            int byValue = values.Compare(x.Value, y.Value);
            return byValue != 0 ? byValue : x.Source.CompareTo(y.Source);
        }
    }
}
