using System.Globalization;
using Spectre.Console;

namespace StapSharp.Cli.Output;

/// <summary>
/// <c>--format table</c> (the default on a terminal for scripts with events): a live table of the most
/// recent events and text lines (time since the first record, CPU, type, fields), redrawn as they arrive. A fleet's
/// events carry their host, and the table then has a host column (as csv has; jsonl has a <c>host</c> field).
/// </summary>
internal sealed class LiveTableEventOutput : IEventOutput
{
    private const int VisibleRows = 20;
    private const string HostColumn = "host";

    /// <summary>Where a row keeps its host (empty for text lines and one machine's events).</summary>
    private const int HostCell = 2;

    private readonly IAnsiConsole _console;
    private readonly Queue<string[]> _rows = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private LiveDisplayContext? _live;
    private Task? _display;
    private long? _firstTimestamp;

    // A fleet's events carry their host (every host's, since one module runs on all): the table shows it from the first.
    private bool _hosted;

    public LiveTableEventOutput(IAnsiConsole console) => _console = console;

    public void Declare(IReadOnlyList<OutputEventType> types)
    {
        lock (_gate)
        {
            foreach (var type in types)
            {
                _counts.TryAdd(TextEventOutput.ShortName(type.FullName), 0);
            }
        }

        Start();
    }

    public void Event(OutputEvent e)
    {
        Start();
        lock (_gate)
        {
            _firstTimestamp ??= e.TimestampNs;
            var name = TextEventOutput.ShortName(e.Type.FullName);
            _counts[name] = _counts.GetValueOrDefault(name) + 1;
            _hosted |= e.Host is not null;
            var seconds = (e.TimestampNs - _firstTimestamp.Value) / 1e9;
            Add([seconds.ToString("0.000000", CultureInfo.InvariantCulture), e.Cpu.ToString(CultureInfo.InvariantCulture), e.Host ?? "", name, EventValueText.Fields(e)]);
        }
    }

    public void Text(string line)
    {
        Start();
        lock (_gate)
        {
            Add(["", "", "", "(text)", line]);
        }
    }

    /// <summary>The table redraws on its own timer.</summary>
    public void Flush()
    {
    }

    public void Complete()
    {
        if (_display is null)
        {
            return;
        }

        lock (_gate)
        {
            Redraw();
        }

        _done.TrySetResult();
        _display.GetAwaiter().GetResult();
    }

    private void Start()
    {
        if (_display is not null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _display = _console.Live(Build()).AutoClear(false).StartAsync(async context =>
        {
            _live = context;
            started.TrySetResult();
            await _done.Task.ConfigureAwait(false);
        });
        started.Task.GetAwaiter().GetResult();
    }

    private void Add(string[] row)
    {
        _rows.Enqueue(row);
        while (_rows.Count > VisibleRows)
        {
            _rows.Dequeue();
        }

        Redraw();
    }

    private void Redraw()
    {
        if (_live is null)
        {
            return;
        }

        _live.UpdateTarget(Build());
        _live.Refresh();
    }

    private Table Build()
    {
        var table = new Table().Expand().AddColumns(new TableColumn("time (s)").RightAligned(), new TableColumn("cpu").RightAligned());
        if (_hosted)
        {
            table.AddColumn(new TableColumn(HostColumn));
        }

        table.AddColumns(new TableColumn("event"), new TableColumn("fields"));
        foreach (var row in _rows)
        {
            table.AddRow(row.Where((_, column) => _hosted || column != HostCell).Select(cell => new Text(cell)).ToArray());
        }

        table.Caption(string.Join("   ", _counts.Select(c => $"{c.Key}: {c.Value}")));
        return table;
    }
}
