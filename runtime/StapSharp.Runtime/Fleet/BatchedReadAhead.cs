using System.Collections.Concurrent;
using System.Threading.Channels;

namespace StapSharp.Runtime.Fleet;

/// <summary>
/// An asynchronous source read on its own task a bounded way ahead of one consumer, handed over in batches: arrays,
/// filled by the source's reader and refilled once the consumer has drained them, so the hand-off between the two
/// tasks is paid per batch, not per item. A batch goes over when it is full or when the source has nothing more at
/// once, so an item never waits in a part-filled batch for the next one. Items come out in the source's order, each once.
/// </summary>
internal sealed class BatchedReadAhead<T>
{
    /// <summary>The largest batch: the hand-off's cost is spread over this many items.</summary>
    private const int MaxBatch = 256;

    private readonly int _batchSize;
    private readonly Channel<ArraySegment<T>> _batches;

    // Arrays the consumer drained, for the reader to fill again: no more arrays exist than the channel's batches and two.
    private readonly ConcurrentQueue<T[]> _drained = new();
    private ArraySegment<T> _current = ArraySegment<T>.Empty;
    private int _next;

    /// <param name="readAhead">
    /// Items that may wait for the consumer in full batches (batches of a quarter of it, at most 256 items); one more
    /// batch is being filled and one being drained.
    /// </param>
    public BatchedReadAhead(int readAhead)
    {
        _batchSize = Math.Clamp(readAhead / 4, 1, MaxBatch);
        _batches = Channel.CreateBounded<ArraySegment<T>>(new BoundedChannelOptions(Math.Max(1, readAhead / _batchSize))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Why the source failed, when it did; set before <see cref="IsDrained"/> can be true.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>The source ended (or failed, or its reading stopped) and the consumer took everything it handed over.</summary>
    public bool IsDrained => _next == _current.Count && _batches.Reader.Completion.IsCompleted;

    /// <summary>The next item, when the source's reader has handed it over.</summary>
    public bool TryTake(out T item)
    {
        if (_next == _current.Count)
        {
            if (_current.Array is { Length: > 0 } drained)
            {
                // Cleared so that the consumed items are not kept alive by a batch waiting to be refilled.
                Array.Clear(drained);
                _drained.Enqueue(drained);
                (_current, _next) = (ArraySegment<T>.Empty, 0);
            }

            if (!_batches.Reader.TryRead(out var batch))
            {
                item = default!;
                return false;
            }

            (_current, _next) = (batch, 0);
        }

        item = _current[_next++];
        return true;
    }

    /// <summary>Until a batch is there to take (true) or none will come (false).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancel) => _batches.Reader.WaitToReadAsync(cancel);

    /// <summary>
    /// Reads <paramref name="source"/> to its end, handing its items over. A failure of the source is kept in
    /// <see cref="Fault"/>, after what it sent before is handed over; <paramref name="cancel"/> stops the reading.
    /// </summary>
    public async Task FillAsync(IAsyncEnumerable<T> source, CancellationToken cancel)
    {
        var batch = Fresh();
        var count = 0;
        try
        {
            await using var items = source.GetAsyncEnumerator(cancel);
            while (true)
            {
                var next = items.MoveNextAsync();
                if (!next.IsCompleted && count > 0)
                {
                    await HandOverWhilePendingAsync(batch, count, next, cancel).ConfigureAwait(false);
                    (batch, count) = (Fresh(), 0);
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                batch[count++] = items.Current;
                if (count == batch.Length)
                {
                    await HandOverAsync(batch, count, cancel).ConfigureAwait(false);
                    (batch, count) = (Fresh(), 0);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The consumer stopped: not the source's fault, and nobody takes the rest.
            count = 0;
        }
        catch (Exception error)
        {
            // Set before the channel completes: the consumer sees the fault once it has taken everything before it.
            Fault = error;
        }

        try
        {
            if (count > 0)
            {
                await HandOverAsync(batch, count, cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The consumer stopped while the last batch waited for room.
        }
        finally
        {
            _batches.Writer.TryComplete();
        }
    }

    /// <summary>Hands a batch over while the source's next item is pending; if the consumer stops, the pending read ends first.</summary>
    private async Task HandOverWhilePendingAsync(T[] batch, int count, ValueTask<bool> pending, CancellationToken cancel)
    {
        try
        {
            await HandOverAsync(batch, count, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The source stops on the same token; an async enumerator cannot be disposed while a read is pending.
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the read was stopped.
            }

            throw;
        }
    }

    private T[] Fresh() => _drained.TryDequeue(out var array) ? array : new T[_batchSize];

    private ValueTask HandOverAsync(T[] batch, int count, CancellationToken cancel) =>
        _batches.Writer.WriteAsync(new ArraySegment<T>(batch, 0, count), cancel);
}
