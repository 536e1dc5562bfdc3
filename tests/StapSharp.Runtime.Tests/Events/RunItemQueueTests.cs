using CsCheck;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Tests.Events;

public class RunItemQueueTests
{
    private static RunItem Item(long i) => RunItem.ForDropped(i + 1);

    [Fact]
    public void Every_item_arrives_once_and_in_order_whatever_the_bound_and_however_the_two_sides_interleave()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, 3000], Gen.Int[1, 50]).Sample((capacity, count, publishEvery) =>
        {
            var queue = new RunItemQueue(capacity);
            var writer = Task.Run(async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    while (!queue.TryWrite(Item(i)))
                    {
                        Assert.True(await queue.WaitForRoomAsync(CancellationToken.None));
                    }

                    if (i % publishEvery == 0)
                    {
                        queue.Publish();
                    }
                }
                queue.Complete();
            });
            var read = new List<long>();
            var reader = Task.Run(async () =>
            {
                while (await queue.WaitToReadAsync(CancellationToken.None))
                {
                    while (queue.TryRead(out var item))
                    {
                        read.Add(item.Dropped - 1);
                        if (read.Count % 97 == 0)
                        {
                            await Task.Yield();
                        }
                    }
                }
            });
            Assert.True(Task.WaitAll([writer, reader], TimeSpan.FromMinutes(2)), "the two sides waited for each other forever");
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), read);
        }, iter: 60);
    }

    [Fact]
    public async Task A_reader_that_reads_nothing_holds_the_writer_to_the_bound_until_it_finishes_a_segment()
    {
        const int capacity = 5;
        var queue = new RunItemQueue(capacity);
        var written = 0;
        while (queue.TryWrite(Item(written)))
        {
            written++;
        }

        Assert.Equal(capacity, written);

        using (var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            Assert.False(await queue.WaitForRoomAsync(soon.Token));    // nothing was read: no room comes
        }

        var room = queue.WaitForRoomAsync(CancellationToken.None).AsTask();
        Assert.True(await queue.WaitToReadAsync(CancellationToken.None));
        for (var i = 0; i < capacity; i++)
        {
            Assert.True(queue.TryRead(out var item));
            Assert.Equal(i + 1, item.Dropped);
        }
        Assert.False(queue.TryRead(out _));                          // finishing the segment frees its room
        Assert.True(await room.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.True(queue.TryWrite(Item(capacity)));
    }
}
