using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class LeftistHeapTests
{
    [Fact]
    public void Inserts_and_pops_match_PriorityQueue()
    {
        // (value, pop?) with a small value range for many duplicates.
        Gen.Select(Gen.Int[-10, 10], Gen.Int[0, 2]).Array[0, 300].Sample(ops =>
        {
            var heap = new LeftistHeap<int>();
            var model = new PriorityQueue<int, int>();
            foreach (var (value, action) in ops)
            {
                if (action == 0)
                {
                    Assert.Equal(model.TryDequeue(out int expected, out _), heap.TryPop(out int actual));
                    Assert.Equal(expected, actual);
                }
                else
                {
                    heap.Insert(value);
                    model.Enqueue(value, value);
                }
                heap.Validate();
                Assert.Equal(model.Count, heap.Count);
                if (model.TryPeek(out int top, out _))
                {
                    Assert.Equal(top, heap.Peek());
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Merge_is_persistent_and_matches_sorting_the_union()
    {
        Gen.Int[0, 1000].Array[0, 60].Array[1, 6].Sample(parts =>
        {
            var heaps = parts.Select(p => new LeftistHeap<int>(p)).ToList();
            var merged = heaps[0].Clone();
            foreach (var heap in heaps.Skip(1))
            {
                merged.Merge(heap);
            }

            merged.Validate();
            Assert.Equal(parts.SelectMany(p => p).Order(), merged);
            // The inputs still hold exactly their own items.
            for (int i = 0; i < parts.Length; i++)
            {
                heaps[i].Validate();
                Assert.Equal(parts[i].Order(), heaps[i]);
            }
        }, iter: 300);
    }

    [Theory]
    [InlineData("sorted")]
    [InlineData("reversed")]
    [InlineData("all-equal")]
    public void Adversarial_orders_pop_in_order(string order)
    {
        const int n = 5000;
        var values = order switch
        {
            "sorted" => Enumerable.Range(0, n),
            "reversed" => Enumerable.Range(0, n).Reverse(),
            _ => Enumerable.Repeat(3, n),
        };
        var heap = new LeftistHeap<int>(values);
        heap.Validate();
        var popped = new List<int>();
        while (heap.TryPop(out int v))
        {
            popped.Add(v);
        }

        Assert.Equal(values.Order(), popped);
    }

    [Fact]
    public void TopN_matches_sort_descending()
    {
        Gen.Select(Gen.Int[-50, 50].Array[0, 200], Gen.Int[0, 30]).Sample((values, n) =>
        {
            Assert.Equal(values.OrderDescending().Take(n), LeftistHeap<int>.TopN(values, n));
        }, iter: 300);
    }

    [Fact]
    public void Merge_rejects_a_different_comparer()
    {
        var a = new LeftistHeap<int>(Comparer<int>.Create((x, y) => y.CompareTo(x)));
        var b = new LeftistHeap<int>();
        Assert.Throws<ArgumentException>(() => a.Merge(b));
    }

    [Fact]
    public void Sorted_stream_merge_matches_sorting_and_is_stable()
    {
        Gen.Int[0, 20].Array[0, 30].Array[0, 6].Sample(parts =>
        {
            var sources = parts.Select((p, source) => p.Order().Select(v => (Value: v, Source: source)).ToArray()).ToArray();
            var byValue = Comparer<(int Value, int Source)>.Create((x, y) => x.Value.CompareTo(y.Value));
            var merged = SortedStreams.Merge(sources, byValue).ToList();
            // Stable: equal values keep source order, which is what OrderBy (stable) on the concatenation gives.
            Assert.Equal(sources.SelectMany(s => s).OrderBy(e => e.Value), merged);
        }, iter: 300);
    }

    [Fact]
    public async Task Async_sorted_stream_merge_matches_sorting()
    {
        var parts = new[] { new[] { 1, 4, 9 }, Array.Empty<int>(), new[] { 2, 3, 10, 11 }, new[] { 4, 4 } };
        var merged = new List<int>();
        await foreach (int v in SortedStreams.MergeAsync(parts.Select(Slowly)))
        {
            merged.Add(v);
        }

        Assert.Equal(parts.SelectMany(p => p).Order(), merged);

        static async IAsyncEnumerable<int> Slowly(int[] values)
        {
            foreach (int v in values)
            {
                await Task.Yield();
                yield return v;
            }
        }
    }
}
