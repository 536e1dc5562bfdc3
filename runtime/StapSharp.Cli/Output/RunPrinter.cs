using Spectre.Console;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Flame;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.StapMessages;
using StapSharp.Protocol.StapMessages;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Output;

/// <summary>
/// Everything a run prints: the script's events and text lines in the chosen format on stdout, SystemTap's
/// own warnings and errors as diagnostics at the C# statement on stderr, and the run's counts on stderr at its end.
/// With <see cref="OutputFormat.Auto"/> the format is chosen at the first record: a module that declares
/// event types prints a live table on a terminal and jsonl otherwise; any other module prints text.
/// </summary>
internal sealed class RunPrinter : IEventOutput
{
    private readonly OutputFormat _format;
    private readonly string _stpPath;
    private readonly SourceMap _map;
    private readonly TextWriter _stdout;
    private readonly Stream _stdoutStream;
    private readonly TextWriter _stderr;
    private readonly bool _stdoutIsTerminal;
    private readonly EventAggregator? _aggregator;
    private readonly StackFolder? _folder;
    private IEventOutput? _output;
    private bool _decodeErrorShown;

    /// <param name="stdoutStream">stdout's bytes, for jsonl (written as UTF-8 JSON directly); <paramref name="stdout"/> is the same stream as text.</param>
    /// <param name="aggregator">When given, events are aggregated into it instead of printed (a live view on a terminal, a report otherwise).</param>
    /// <param name="folder">When given, events' stacks are folded into it instead of printed (and aggregated too with <paramref name="aggregator"/>).</param>
    public RunPrinter(
        OutputFormat format, string stpPath, SourceMap map, TextWriter stdout, Stream stdoutStream, TextWriter stderr, bool stdoutIsTerminal,
        EventAggregator? aggregator = null, StackFolder? folder = null)
    {
        _aggregator = aggregator;
        _folder = folder;
        _stdoutStream = stdoutStream;
        _format = format;
        _stpPath = stpPath;
        _map = map;
        _stdout = stdout;
        _stderr = stderr;
        _stdoutIsTerminal = stdoutIsTerminal;
    }

    /// <summary>The handlers that print a session's items here (events as rows, their enum fields named by <paramref name="enumNames"/>).</summary>
    public EventHandlers Handlers(IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null)
    {
        var events = new OutputEvents(enumNames);
        return new EventHandlers()
            .OnSchema(schema => Declare(events.TypesOf(schema)))
            .OnRow(row => Event(events.From(row)))
            .OnText(Text)
            .OnMessage(Message)
            .OnDecodeError(DecodeError)
            .OnCaughtUp(Flush);
    }

    /// <summary>A text line of the module's output stream (SystemTap's own messages come apart, on staprun's stderr).</summary>
    private void Text(string line) => Output(withEvents: false).Text(line);

    /// <summary>A line of staprun's stderr: SystemTap's message as a diagnostic at the C# statement, or passed through.</summary>
    private void Message(string line) =>
        _stderr.WriteLine(StapMessageClassifier.Classify(line) is { } message ? RunMessageMapper.ToDiagnostic(message, _stpPath, _map).ToString() : line);

    /// <summary>
    /// A fleet's item other than an event or a text line (see <see cref="FleetAggregateInput"/>): staprun's messages
    /// mapped as one machine's are, with the host in front; decode errors as one machine's.
    /// </summary>
    public void FleetItem(Runtime.Fleet.FleetItem merged)
    {
        if (merged.Item.Kind == RunItemKind.DecodeError)
        {
            DecodeError(merged.Item.Text ?? "");
            return;
        }

        var line = merged.Item.Text ?? "";
        _stderr.WriteLine($"{merged.Host}: " + (StapMessageClassifier.Classify(line) is { } message
            ? RunMessageMapper.ToDiagnostic(message, _stpPath, _map).ToString()
            : DiagnosticText.Escape(line)));
    }

    void IEventOutput.Declare(IReadOnlyList<OutputEventType> types) => Declare(types);

    void IEventOutput.Event(OutputEvent e) => Event(e);

    void IEventOutput.Text(string line) => Text(line);

    void IEventOutput.Flush() => Flush();

    void IEventOutput.Complete()
    {
        _output?.Complete();
        _stdout.Flush();
    }

    private void Declare(IReadOnlyList<OutputEventType> types) => Output(withEvents: types.Count > 0).Declare(types);

    private void Event(OutputEvent e) => Output(withEvents: true).Event(e);

    /// <summary>A frame that could not be decoded: named once on stderr (the session counts them).</summary>
    private void DecodeError(string reason)
    {
        if (!_decodeErrorShown)
        {
            _stderr.WriteLine($"stapsharp: an event frame could not be decoded ({reason}); it is counted and skipped");
        }

        _decodeErrorShown = true;
    }

    /// <summary>What was read so far is decoded: the output shows what it printed, when it paces that (see <see cref="IEventOutput.Flush"/>).</summary>
    private void Flush() => _output?.Flush();

    /// <summary>Flushes the output and prints <paramref name="summary"/> when the run had events, losses or SystemTap messages.</summary>
    public void Complete(EventRunSummary summary)
    {
        _output?.Complete();
        _stdout.Flush();
        if (RunSummaryText.IsWorthPrinting(summary))
        {
            _stderr.WriteLine($"stapsharp: {RunSummaryText.Line(summary)}");
        }
    }

    private IEventOutput Output(bool withEvents) => _output ??= Create(withEvents);

    private IEventOutput Create(bool withEvents) => _folder is not null
        ? new StackFoldingOutput(_folder, _aggregator is null ? null : Aggregate(_aggregator), _stdout)
        : _aggregator is not null
        ? Aggregate(_aggregator)
        : _format switch
        {
            OutputFormat.Jsonl => new JsonlEventOutput(_stdoutStream),
            OutputFormat.Csv => new CsvEventOutput(_stdout, _stderr),
            OutputFormat.Table => new LiveTableEventOutput(AnsiConsole.Console),
            OutputFormat.Text => new TextEventOutput(_stdout),
            _ when !withEvents => new TextEventOutput(_stdout),
            _ when _stdoutIsTerminal => new LiveTableEventOutput(AnsiConsole.Console),
            _ => new JsonlEventOutput(_stdoutStream),
        };

    private AggregateEventOutput Aggregate(EventAggregator aggregator) =>
        new(aggregator, _stdout, _stdoutIsTerminal ? AnsiConsole.Console : null);
}
