using System.Text;
using StapSharp.Cli.Output;

namespace StapSharp.EndToEnd.Tests.Output;

/// <summary>
/// jsonl and csv flush stdout at most once per <see cref="FlushPacer.Interval"/> however often the session catches up,
/// and what waits is flushed when the interval is over, so a terminal still sees each line soon. The clock is manual:
/// nothing here depends on how fast the machine is.
/// </summary>
public sealed class FlushPacingTests
{
    private const int Events = 1_000;

    private static readonly OutputEventType Tick = new("Demo.Tick", ["n"], ["i64"]);

    private static OutputEvent TickEvent(long n) => new(Tick, n, 0, [n], 0);

    public static TheoryData<string> Formats => new() { "jsonl", "csv" };

    /// <summary>The output, its flushes so far, and the lines it wrote (counted once it completed: the fakes show unflushed bytes too).</summary>
    private static (IEventOutput Output, Func<int> Flushes, Func<int> Lines) Create(string format, ManualTime time)
    {
        if (format == "jsonl")
        {
            var stream = new FlushCountingStream();
            return (new JsonlEventOutput(stream, time), () => stream.Flushes, () => Encoding.UTF8.GetString(stream.ToArray()).Count(c => c == '\n'));
        }

        var writer = new FlushCountingWriter();
        // The header line comes before the rows.
        return (new CsvEventOutput(writer, TextWriter.Null, time), () => writer.Flushes, () => writer.ToString().Count(c => c == '\n') - 1);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Events_each_read_alone_are_flushed_once_then_once_per_interval_and_at_the_end(string format)
    {
        var time = new ManualTime();
        var (output, flushes, lines) = Create(format, time);
        output.Declare([Tick]);

        // The worst case: each read of the module's output holds one event.
        for (var i = 0; i < Events; i++)
        {
            output.Event(TickEvent(i));
            output.Flush();
        }

        Assert.Equal(1, flushes());

        time.Advance(FlushPacer.Interval - TimeSpan.FromTicks(1));
        Assert.Equal(1, flushes());
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, flushes());

        output.Event(TickEvent(Events));
        output.Complete();
        Assert.Equal(3, flushes());
        Assert.Equal(Events + 1, lines());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_event_after_a_quiet_interval_is_flushed_at_once(string format)
    {
        var time = new ManualTime();
        var (output, flushes, _) = Create(format, time);
        output.Declare([Tick]);
        output.Event(TickEvent(0));
        output.Flush();

        time.Advance(TimeSpan.FromSeconds(5));
        output.Event(TickEvent(1));
        output.Flush();

        Assert.Equal(2, flushes());
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, flushes()); // nothing waited: the timer was never set
    }

    [Fact]
    public void A_flush_the_timer_could_not_make_fails_the_writers_next_call()
    {
        var time = new ManualTime();
        var failing = true;
        var pacer = new FlushPacer(() =>
        {
            if (failing)
            {
                throw new IOException("Broken pipe");
            }
        }, time);
        failing = false;
        pacer.CaughtUp();
        failing = true;
        pacer.CaughtUp();

        time.Advance(FlushPacer.Interval);

        Assert.Equal("Broken pipe", Assert.Throws<IOException>(pacer.CaughtUp).Message);
    }
}
