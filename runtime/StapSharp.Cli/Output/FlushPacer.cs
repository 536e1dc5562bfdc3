namespace StapSharp.Cli.Output;

/// <summary>
/// When an output's buffered lines are made visible. The session says when everything read so far is decoded
/// (<see cref="IEventOutput.Flush"/>), which at a high event rate can be after every few events: flushing each time
/// would cost a write to the terminal or pipe per event. So a flush happens at once when the last one is at least
/// <see cref="Interval"/> ago, and otherwise by a timer when the interval is over: output still appears within
/// <see cref="Interval"/> of its event, and at most about ten flushes a second are made however fast events come.
/// The timer flushes on its own thread: writers write under <see cref="Gate"/>.
/// </summary>
internal sealed class FlushPacer
{
    /// <summary>How long written output may wait to be seen: within a terminal's redraw, as the live views do.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Action _flush;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long? _lastFlush;
    private bool _pending;
    private IOException? _failed;

    /// <param name="flush">Makes what was written visible (called under <see cref="Gate"/>).</param>
    /// <param name="time">The clock and timers (tests pass a manual one).</param>
    public FlushPacer(Action flush, TimeProvider? time = null)
    {
        _flush = flush;
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => FlushIfPending(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The lock of everything that writes to what <see cref="FlushPacer"/> flushes.</summary>
    public object Gate { get; } = new();

    /// <summary>What was written so far should be seen: flushed now, or by the timer within <see cref="Interval"/>.</summary>
    /// <exception cref="IOException">The timer's flush failed (stdout was closed, say): reported on the writer's thread.</exception>
    public void CaughtUp()
    {
        lock (Gate)
        {
            ThrowIfFailed();
            var sinceLast = _lastFlush is { } last ? _time.GetElapsedTime(last) : Interval;
            if (sinceLast >= Interval)
            {
                FlushNow();
            }
            else if (!_pending)
            {
                _pending = true;
                _timer.Change(Interval - sinceLast, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>The output ended: flushes what is left, and no timer flushes after this.</summary>
    public void Complete()
    {
        lock (Gate)
        {
            _timer.Dispose();
            ThrowIfFailed();
            FlushNow();
        }
    }

    private void FlushIfPending()
    {
        lock (Gate)
        {
            if (!_pending || _failed is not null)
            {
                return;
            }

            try
            {
                FlushNow();
            }
            catch (IOException e)
            {
                // A timer thread has no one to tell: the writer's next call does.
                _failed = e;
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failed is { } failed)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
        }
    }

    private void FlushNow()
    {
        _pending = false;
        _flush();
        _lastFlush = _time.GetTimestamp();
    }
}
