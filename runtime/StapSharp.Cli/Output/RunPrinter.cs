using Spectre.Console;
using StapSharp.Cli.Aggregate;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.StapMessages;
using StapSharp.Protocol.StapMessages;

namespace StapSharp.Cli.Output;

/// <summary>
/// Everything a run prints: the script's events and text lines in the chosen format on stdout, SystemTap's
/// own warnings and errors as diagnostics at the C# statement on stderr, and the end-of-run tally on stderr.
/// With <see cref="OutputFormat.Auto"/> the format is chosen at the first record: a module that declares
/// event types prints a live table on a terminal and jsonl otherwise; any other module prints text.
/// </summary>
internal sealed class RunPrinter
{
    private readonly OutputFormat _format;
    private readonly string _stpPath;
    private readonly SourceMap _map;
    private readonly TextWriter _stdout;
    private readonly Stream _stdoutStream;
    private readonly TextWriter _stderr;
    private readonly bool _stdoutIsTerminal;
    private readonly EventAggregator? _aggregator;
    private IEventOutput? _output;
    private bool _declared;

    /// <param name="stdoutStream">stdout's bytes, for jsonl (written as UTF-8 JSON directly); <paramref name="stdout"/> is the same stream as text.</param>
    /// <param name="aggregator">When given, events are aggregated into it instead of printed (a live view on a terminal, a report otherwise).</param>
    public RunPrinter(
        OutputFormat format, string stpPath, SourceMap map, TextWriter stdout, Stream stdoutStream, TextWriter stderr, bool stdoutIsTerminal,
        EventAggregator? aggregator = null)
    {
        _aggregator = aggregator;
        _stdoutStream = stdoutStream;
        _format = format;
        _stpPath = stpPath;
        _map = map;
        _stdout = stdout;
        _stderr = stderr;
        _stdoutIsTerminal = stdoutIsTerminal;
    }

    public RunTally Tally { get; } = new();

    /// <summary>SystemTap's messages seen so far, classified, in order.</summary>
    public List<StapMessage> Messages { get; } = [];

    /// <summary>A text line of the module's output stream (SystemTap's own messages come apart, on staprun's stderr).</summary>
    public void Text(string line) => Output(withEvents: false).Text(line);

    /// <summary>A line of staprun's stderr: a classified message, or passed through to stderr.</summary>
    public void Message(string line)
    {
        if (!TryMessage(line))
            _stderr.WriteLine(line);
    }

    public void Declare(IReadOnlyList<OutputEventType> types)
    {
        Tally.Declare(types);
        _declared = types.Count > 0;
        Output(withEvents: _declared).Declare(types);
    }

    public void Event(OutputEvent e)
    {
        Tally.Event(e.Type);
        Output(withEvents: true).Event(e);
    }

    /// <summary>A frame that could not be decoded: counted, and named once on stderr.</summary>
    public void DecodeError(string reason)
    {
        if (Tally.DecodeErrors == 0)
            _stderr.WriteLine($"stapsharp: an event frame could not be decoded ({reason}); it is counted and skipped");
        Tally.DecodeError(reason);
    }

    /// <summary>What was read so far is decoded: shows what it printed (see <see cref="IEventOutput.Flush"/>).</summary>
    public void Flush()
    {
        _output?.Flush();
        _stdout.Flush();
    }

    /// <summary>Flushes the output and prints the tally when the run had events, losses or SystemTap messages.</summary>
    public void Complete()
    {
        _output?.Complete();
        _stdout.Flush();
        if (_declared || Tally.SawEvents || Tally.DecodeErrors > 0 || Messages.Count > 0)
            _stderr.WriteLine($"stapsharp: {Tally.Summary()}");
    }

    private bool TryMessage(string line)
    {
        if (StapMessageClassifier.Classify(line) is not { } message)
            return false;
        Messages.Add(message);
        Tally.Message(message);
        _stderr.WriteLine(RunMessageMapper.ToDiagnostic(message, _stpPath, _map).ToString());
        return true;
    }

    private IEventOutput Output(bool withEvents) => _output ??= Create(withEvents);

    private IEventOutput Create(bool withEvents) => _aggregator is not null
        ? new AggregateEventOutput(_aggregator, _stdout, _stdoutIsTerminal ? AnsiConsole.Console : null)
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
}
