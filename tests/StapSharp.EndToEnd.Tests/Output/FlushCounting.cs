namespace StapSharp.EndToEnd.Tests.Output;

/// <summary>A stream that counts its flushes.</summary>
internal sealed class FlushCountingStream : MemoryStream
{
    public int Flushes { get; private set; }

    public override void Flush()
    {
        Flushes++;
        base.Flush();
    }
}

/// <summary>A writer that counts its flushes.</summary>
internal sealed class FlushCountingWriter : StringWriter
{
    public int Flushes { get; private set; }

    public override void Flush()
    {
        Flushes++;
        base.Flush();
    }
}

/// <summary>A clock that moves only when told, and one-shot timers that fire when it passes their time, on the caller's thread.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly List<Timer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        _now += by.Ticks;
        foreach (var timer in _timers.ToList())
        {
            timer.FireIfDue();
        }
    }

    private sealed class Timer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        private long? _due;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : time._now + dueTime.Ticks;
            return true;
        }

        public void FireIfDue()
        {
            if (_due <= time._now)
            {
                _due = null;
                callback(state);
            }
        }

        public void Dispose() => _due = null;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
