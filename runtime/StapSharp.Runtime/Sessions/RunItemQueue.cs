using System.Collections.Concurrent;
using System.Threading.Channels;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// The bounded buffer between a run and its reader: one writer, one reader, items in order. Items travel
/// in segments (the writer publishes what it has at the end of each output chunk, or when a segment is
/// full), so the two threads meet once per segment instead of once per item; the bound is still counted
/// in items, and room comes back when the reader has finished a segment.
/// </summary>
internal sealed class RunItemQueue
{
    private const int SegmentItems = 1024;

    private readonly Channel<Segment> _segments = Channel.CreateUnbounded<Segment>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = false });
    // Segments the reader finished go back to the writer, so a long run allocates only a few.
    private readonly ConcurrentQueue<RunItem[]> _spare = new();
    private readonly SemaphoreSlim _roomFreed = new(0);
    private readonly int _capacity;
    private RunItem[] _pending;
    private int _pendingCount;
    private long _published;        // items in published segments the reader has not finished
    private int _writerWaiting;
    private Segment _reading;
    private int _readingIndex;
    private int _readingCount;

    public RunItemQueue(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _pending = new RunItem[Math.Min(_capacity, SegmentItems)];
    }

    // ---- writer side ----

    /// <summary>Items the writer may still add before the bound is reached.</summary>
    public long Room => _capacity - Volatile.Read(ref _published) - _pendingCount;

    /// <summary>Adds an item when there is room (publishing a full segment); false when the buffer is full.</summary>
    public bool TryWrite(RunItem item)
    {
        if (Room <= 0)
        {
            return false;
        }

        _pending[_pendingCount++] = item;
        if (_pendingCount == _pending.Length)
        {
            Publish();
        }

        return true;
    }

    /// <summary>Hands what was added so far to the reader.</summary>
    public void Publish()
    {
        if (_pendingCount == 0)
        {
            return;
        }

        var segment = new Segment(_pending, _pendingCount);
        _pending = _spare.TryDequeue(out var spare) ? spare : new RunItem[_pending.Length];
        _pendingCount = 0;
        Interlocked.Add(ref _published, segment.Count);
        _segments.Writer.TryWrite(segment);
    }

    /// <summary>Waits until the reader frees room; false when <paramref name="cancel"/> ends the wait first.</summary>
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken cancel)
    {
        // What is pending can only make room by being read: publish it first.
        Publish();
        while (Room <= 0)
        {
            Volatile.Write(ref _writerWaiting, 1);
            if (Room > 0)
            {
                break;
            }

            try
            {
                await _roomFreed.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        Volatile.Write(ref _writerWaiting, 0);
        return true;
    }

    /// <summary>Publishes what is pending and tells the reader that nothing more comes (with the run's error, if any).</summary>
    public void Complete(Exception? error = null)
    {
        Publish();
        _segments.Writer.TryComplete(error);
    }

    // ---- reader side ----

    /// <summary>True when an item can be read; false once the writer completed and everything was read.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancel) =>
        _readingIndex < _readingCount ? ValueTask.FromResult(true) : _segments.Reader.WaitToReadAsync(cancel);

    /// <summary>The next item, if one was published.</summary>
    public bool TryRead(out RunItem item)
    {
        if (_readingIndex >= _readingCount && !NextSegment())
        {
            item = default;
            return false;
        }
        item = _reading.Items[_readingIndex++];
        return true;
    }

    private bool NextSegment()
    {
        if (_reading.Items is { } finished)
        {
            // The finished segment's items no longer count against the bound; its array is used again,
            // emptied first so it keeps no record alive.
            Array.Clear(finished, 0, _readingCount);
            _spare.Enqueue(finished);
            Interlocked.Add(ref _published, -_readingCount);
            _reading = default;
            _readingIndex = _readingCount = 0;
            if (Interlocked.Exchange(ref _writerWaiting, 0) == 1)
            {
                _roomFreed.Release();
            }
        }
        if (!_segments.Reader.TryRead(out var segment))
        {
            return false;
        }

        _reading = segment;
        _readingCount = segment.Count;
        return true;
    }

    private readonly record struct Segment(RunItem[] Items, int Count);
}
