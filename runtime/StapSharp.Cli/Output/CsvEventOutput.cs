using System.Globalization;
using System.Text;
using StapSharp.Protocol;

namespace StapSharp.Cli.Output;

/// <summary>
/// <c>--format csv</c>: RFC 4180 rows on stdout. One header for all event types: <c>event,timestampNs,cpu</c>
/// (and <c>host</c> when a fleet of hosts runs the module) then every field name of every type, in declaration order, each once (types sharing a field name share
/// its column); an errno field adds a <c>NAME.name</c> column with its symbolic name. A row fills its own
/// type's columns and leaves the others empty. Text lines of the script go to stderr, since a CSV stream
/// cannot carry them. A string that is not valid UTF-8 is written as <c>0x</c> and its bytes in hex. Rows are flushed
/// as the <see cref="FlushPacer"/> paces them, not per event.
/// </summary>
/// <param name="time">The clock of the flushes (tests pass a manual one).</param>
internal sealed class CsvEventOutput(TextWriter stdout, TextWriter stderr, TimeProvider? time = null) : IEventOutput
{
    private readonly FlushPacer _pacer = new(stdout.Flush, time);
    private readonly List<string> _columns = [];
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private IReadOnlyList<OutputEventType> _types = [];
    private bool _headerWritten;

    private const string HostColumn = "host";

    public void Declare(IReadOnlyList<OutputEventType> types) => _types = types;

    public void Event(OutputEvent e)
    {
        // The pacer's timer flushes stdout from its own thread.
        lock (_pacer.Gate)
        {
            WriteRow(e);
        }
    }

    private void WriteRow(OutputEvent e)
    {
        if (!_headerWritten)
        {
            WriteHeader(e);
        }

        var cells = new string[_columns.Count];
        Array.Fill(cells, "");
        cells[0] = e.Type.FullName;
        cells[1] = e.TimestampNs.ToString(CultureInfo.InvariantCulture);
        cells[2] = e.Cpu.ToString(CultureInfo.InvariantCulture);
        if (e.Host is { } host)
        {
            cells[_columnIndex[HostColumn]] = host;
        }

        for (var i = 0; i < e.Values.Count; i++)
        {
            var name = e.Type.FieldNames[i];
            if (e.Values[i] is Errno errno)
            {
                cells[_columnIndex[name]] = errno.Value.ToString(CultureInfo.InvariantCulture);
                if (_columnIndex.TryGetValue(name + ".name", out var nameColumn))
                {
                    cells[nameColumn] = errno.Name ?? "";
                }
            }
            else
            {
                cells[_columnIndex[name]] = EventValueText.Plain(e.Values[i]);
            }
        }

        stdout.WriteLine(string.Join(',', cells.Select(Escape)));
    }

    public void Text(string line) => stderr.WriteLine(line);

    public void Flush() => _pacer.CaughtUp();

    public void Complete() => _pacer.Complete();

    private void WriteHeader(OutputEvent first)
    {
        _headerWritten = true;
        foreach (var column in new[] { "event", "timestampNs", "cpu" })
        {
            AddColumn(column);
        }

        // A fleet's events carry their host (every host's, since one module runs on all).
        if (first.Host is not null)
        {
            AddColumn(HostColumn);
        }

        // Types come from the schema; the first event's type is included in case no schema was declared.
        foreach (var type in _types.Append(first.Type))
        {
            for (var i = 0; i < type.FieldNames.Count; i++)
            {
                AddColumn(type.FieldNames[i]);
                if (type.FieldCodes[i] == WireFieldCodes.Of(WireFieldKind.Errno))
                {
                    AddColumn(type.FieldNames[i] + ".name");
                }
            }
        }
        stdout.WriteLine(string.Join(',', _columns.Select(Escape)));
    }

    private void AddColumn(string name)
    {
        if (_columnIndex.TryAdd(name, _columns.Count))
        {
            _columns.Add(name);
        }
    }

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
