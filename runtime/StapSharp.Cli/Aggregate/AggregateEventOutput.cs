using Spectre.Console;
using Spectre.Console.Rendering;
using StapSharp.Cli.Output;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// The output of a run with <c>--group-by</c>, <c>--percentiles</c> or <c>--histogram</c>: events go into the
/// <see cref="EventAggregator"/> instead of being printed. On a terminal the aggregate view is redrawn by a
/// timer at <see cref="RefreshesPerSecond"/> (an event only updates the numbers, so the cost of drawing does
/// not grow with the event rate); otherwise text lines pass through as they come and the report is printed at the end.
/// </summary>
internal sealed class AggregateEventOutput : IEventOutput
{
    public const int RefreshesPerSecond = 10;

    /// <summary>Groups the live view shows without --top: about a screen.</summary>
    public const int LiveRows = 20;

    private const int TextLinesShown = 5;

    private readonly EventAggregator _aggregator;
    private readonly TextWriter _stdout;
    private readonly IAnsiConsole? _terminal;
    private readonly bool _redrawByTimer;
    private readonly Queue<string> _lastText = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveDisplayContext? _live;
    private Task? _display;
    private Timer? _timer;
    private bool _completed;

    /// <param name="terminal">The terminal for the live view; null when stdout is redirected (a report at the end).</param>
    /// <param name="redrawByTimer">False leaves the redraws to <see cref="Refresh"/> calls (tests that count frames).</param>
    public AggregateEventOutput(EventAggregator aggregator, TextWriter stdout, IAnsiConsole? terminal, bool redrawByTimer = true)
    {
        _redrawByTimer = redrawByTimer;
        _aggregator = aggregator;
        _stdout = stdout;
        _terminal = terminal;
    }

    public void Declare(IReadOnlyList<OutputEventType> types) => Start();

    public void Event(OutputEvent e)
    {
        lock (_aggregator.Gate)
        {
            _aggregator.Add(e);
        }

        Start();
    }

    public void Text(string line)
    {
        if (_terminal is null)
        {
            _stdout.WriteLine(line);
            return;
        }

        lock (_aggregator.Gate)
        {
            _lastText.Enqueue(line);
            while (_lastText.Count > TextLinesShown)
            {
                _lastText.Dequeue();
            }
        }

        Start();
    }

    /// <summary>Redraws the live view with the numbers as they are now (the timer's tick).</summary>
    public void Refresh()
    {
        lock (_aggregator.Gate)
        {
            if (_live is null || _completed)
            {
                return;
            }

            _live.UpdateTarget(View());
            _live.Refresh();
        }
    }

    /// <summary>Text lines shown without a terminal; the live view redraws on its own timer.</summary>
    public void Flush()
    {
        if (_terminal is null)
        {
            _stdout.Flush();
        }
    }

    public void Complete()
    {
        if (_terminal is null)
        {
            lock (_aggregator.Gate)
            {
                _stdout.Write(AggregateReport.Text(_aggregator));
            }

            _stdout.Flush();
            return;
        }

        _timer?.Dispose();
        Refresh();
        lock (_aggregator.Gate)
        {
            _completed = true;
        }

        _done.TrySetResult();
        _display?.GetAwaiter().GetResult();
    }

    private void Start()
    {
        if (_terminal is null || _display is not null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_aggregator.Gate)
        {
            _display = _terminal.Live(View()).AutoClear(false).StartAsync(async context =>
            {
                _live = context;
                started.TrySetResult();
                await _done.Task.ConfigureAwait(false);
            });
        }

        started.Task.GetAwaiter().GetResult();
        if (!_redrawByTimer)
        {
            return;
        }

        var period = TimeSpan.FromSeconds(1.0 / RefreshesPerSecond);
        _timer = new Timer(_ => Refresh(), null, period, period);
    }

    private IRenderable View()
    {
        var view = AggregateReport.View(_aggregator, _aggregator.Plan.Top ?? LiveRows);
        return _lastText.Count == 0
            ? view
            : new Rows(view, new Text(string.Join('\n', _lastText), new Style(Color.Grey)));
    }
}
