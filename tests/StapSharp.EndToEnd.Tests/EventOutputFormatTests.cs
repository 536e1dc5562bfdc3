using System.Text;
using System.Text.Json;
using Spectre.Console.Testing;
using StapSharp.Cli.Output;
using StapSharp.EndToEnd.Tests.Output;
using StapSharp.Runtime.Sessions;

namespace StapSharp.EndToEnd.Tests;

/// <summary>The jsonl, csv and text forms of `stapsharp run` output, from decoded events.</summary>
public sealed class EventOutputFormatTests
{
    private static readonly OutputEventType Started = new("Demo.MkdirStarted", ["path", "mode"], ["str", "i32"]);
    private static readonly OutputEventType Done = new("Demo.Events+MkdirDone", ["path", "result", "ok"], ["str", "errno", "bool"]);

    private static OutputEvent FirstDone => new(Done, 1_700_000_000_123_456_789, 1, ["/tmp/d", new Errno(-17), false], 0);

    [Fact]
    public void Jsonl_writes_one_object_per_event_and_per_text_line()
    {
        using var stdout = new MemoryStream();
        var output = new JsonlEventOutput(stdout);
        output.Declare([Started, Done]);

        output.Event(new OutputEvent(Started, 5, 0, ["/tmp/d", 511], 0));
        output.Text("plain \"text\"");
        output.Event(FirstDone);
        output.Complete();

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"event":"Demo.MkdirStarted","timestampNs":5,"cpu":0,"fields":{"path":"/tmp/d","mode":511}}""", lines[0]);
        Assert.Equal("""{"text":"plain \"text\""}""", lines[1]);
        using var done = JsonDocument.Parse(lines[2]);
        var fields = done.RootElement.GetProperty("fields");
        Assert.Equal("Demo.Events+MkdirDone", done.RootElement.GetProperty("event").GetString());
        Assert.Equal(1_700_000_000_123_456_789, done.RootElement.GetProperty("timestampNs").GetInt64());
        Assert.Equal(-17, fields.GetProperty("result").GetProperty("value").GetInt64());
        Assert.Equal("EEXIST", fields.GetProperty("result").GetProperty("name").GetString());
        Assert.Equal("File exists", fields.GetProperty("result").GetProperty("message").GetString());
        Assert.False(fields.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Jsonl_and_csv_write_their_lines_at_a_flush_not_per_event()
    {
        using var jsonlStream = new FlushCountingStream();
        var jsonl = new JsonlEventOutput(jsonlStream);
        var csvWriter = new FlushCountingWriter();
        var csv = new CsvEventOutput(csvWriter, new StringWriter());
        foreach (var output in new IEventOutput[] { jsonl, csv })
        {
            output.Declare([Started, Done]);
            for (var i = 0; i < 100; i++)
            {
                output.Event(new OutputEvent(Started, i, 0, ["/tmp/d", 511], 0));
            }
        }

        Assert.Equal((0, 0), (jsonlStream.Flushes, csvWriter.Flushes));
        jsonl.Flush();
        csv.Flush();
        Assert.Equal((1, 1), (jsonlStream.Flushes, csvWriter.Flushes));
        Assert.Equal(100, Encoding.UTF8.GetString(jsonlStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(101, csvWriter.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Jsonl_keeps_invalid_utf8_as_bytes_and_names_cut_strings()
    {
        using var stdout = new MemoryStream();
        var output = new JsonlEventOutput(stdout);
        var type = new OutputEventType("Demo.Raw", ["name", "big", "code"], ["str", "u64", "errno"]);

        output.Event(new OutputEvent(type, 1, 0, [new byte[] { 0xff, 0x0a, 0x1e }, ulong.MaxValue, new Errno(-999)], 0b1));
        output.Complete();

        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(stdout.ToArray()));
        var fields = json.RootElement.GetProperty("fields");
        Assert.Equal(new byte[] { 0xff, 0x0a, 0x1e }, fields.GetProperty("name").GetProperty("bytes").GetBytesFromBase64());
        Assert.Equal(ulong.MaxValue, fields.GetProperty("big").GetUInt64());
        Assert.Equal(JsonValueKind.Null, fields.GetProperty("code").GetProperty("name").ValueKind);
        Assert.Equal("Unknown error 999", fields.GetProperty("code").GetProperty("message").GetString());
        Assert.Equal(["name"], json.RootElement.GetProperty("truncated").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Csv_has_one_header_for_all_types_and_text_on_stderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = new CsvEventOutput(stdout, stderr);
        output.Declare([Started, Done]);

        output.Event(new OutputEvent(Started, 5, 0, ["/tmp/a,b", 511], 0));
        output.Text("a text line");
        output.Event(FirstDone);
        output.Complete();

        Assert.Equal(
            "event,timestampNs,cpu,path,mode,result,result.name,ok\n" +
            "Demo.MkdirStarted,5,0,\"/tmp/a,b\",511,,,\n" +
            "Demo.Events+MkdirDone,1700000000123456789,1,/tmp/d,,-17,EEXIST,false\n",
            stdout.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("a text line\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Text_prints_events_as_one_line_with_quoted_strings()
    {
        var stdout = new StringWriter();
        var output = new TextEventOutput(stdout);

        output.Event(new OutputEvent(Done, 1, 0, ["two\nlines", new Errno(-17), true], 0));
        output.Text("as printed");

        Assert.Equal("MkdirDone path=\"two\\nlines\" result=EEXIST (File exists) ok=true\nas printed\n", stdout.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_summary_line_counts_per_type_in_declaration_order()
    {
        var counts = new Dictionary<string, long> { [Started.FullName] = 0, [Done.FullName] = 2 };
        var summary = new EventRunSummary(null, counts, TextLines: 0, Messages: 1, DecodeErrors: 1, ["field 1: expected an integer"], Dropped: 0, LostBytes: 0)
        {
            StapWarnings = 1,
            TransportFailures = 3,
        };

        Assert.Equal("events: MkdirStarted 0, MkdirDone 2; dropped 3; decode errors 1; stap warnings 1, errors 0 (first decode error: field 1: expected an integer)",
            RunSummaryText.Line(summary));
    }

    [Fact]
    public async Task Enum_fields_print_their_member_names_in_text_and_csv_and_their_values_in_jsonl()
    {
        var capture = new MemoryStream();
        using (var writer = new StapSharp.Runtime.Events.WireWriter(capture))
        {
            writer.WriteSchema([("Demo.Open", [("path", "str"), ("kind", "enum:Demo.OpenKind")])]);
            foreach (var (path, kind) in new[] { ("/tmp/x", 2L), ("/tmp/y", 7L) })
            {
                writer.BeginEvent(0, 5, 0);
                writer.WriteString(Encoding.UTF8.GetBytes(path));
                writer.WriteInteger(kind);
                writer.EndEvent();
            }
        }
        var events = new List<OutputEvent>();
        var names = new Dictionary<string, IReadOnlyDictionary<long, string>> { ["Demo.OpenKind"] = new Dictionary<long, string> { [2] = "Create" } };
        var printed = new OutputEvents(names);
        await using (var session = EventSession.FromCapture(new MemoryStream(capture.ToArray())))
        {
            await session.DispatchAsync(new EventHandlers().OnRow(row => events.Add(printed.From(row))));
        }

        Assert.Equal(["path=\"/tmp/x\" kind=Create", "path=\"/tmp/y\" kind=7"], events.Select(EventValueText.Fields));

        var csv = new StringWriter();
        var csvOutput = new CsvEventOutput(csv, new StringWriter());
        csvOutput.Declare([events[0].Type]);
        events.ForEach(csvOutput.Event);
        csvOutput.Complete();
        Assert.Equal("event,timestampNs,cpu,path,kind\nDemo.Open,5,0,/tmp/x,Create\nDemo.Open,5,0,/tmp/y,7\n", csv.ToString().ReplaceLineEndings("\n"));

        using var jsonl = new MemoryStream();
        var jsonOutput = new JsonlEventOutput(jsonl);
        jsonOutput.Event(events[0]);
        jsonOutput.Complete();
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(jsonl.ToArray()));
        Assert.Equal(2, json.RootElement.GetProperty("fields").GetProperty("kind").GetInt64());
    }

    [Fact]
    public void The_live_table_shows_each_event_with_its_fields_the_text_lines_and_the_counts_per_type()
    {
        var console = new TestConsole().Interactive().Width(160);
        var output = new LiveTableEventOutput(console);
        output.Declare([Started, Done]);

        output.Event(new OutputEvent(Started, 1_700_000_000_000_000_000, 0, ["/tmp/d", 511], 0));
        output.Text("a text line");
        output.Event(FirstDone with { TimestampNs = 1_700_000_000_250_000_000 });
        output.Complete();

        // The last frame drawn is the table as it stands at the end.
        var last = console.Output[console.Output.LastIndexOf("time (s)", StringComparison.Ordinal)..];
        Assert.Contains("path=\"/tmp/d\" mode=511", last);
        Assert.Contains("a text line", last);
        Assert.Contains("0.250000", last);
        Assert.Contains("result=EEXIST (File exists)", last);
        Assert.Contains("MkdirStarted: 1", last);
        Assert.Contains("MkdirDone: 1", last);
    }

    [Fact]
    public void The_live_table_has_a_host_column_for_a_fleets_events_and_none_for_one_machines()
    {
        static string LastFrame(params OutputEvent[] events)
        {
            var console = new TestConsole().Interactive().Width(160);
            var output = new LiveTableEventOutput(console);
            output.Declare([Started, Done]);
            output.Text("root@db1:2222: a text line");
            foreach (var e in events)
            {
                output.Event(e);
            }

            output.Complete();
            return console.Output[console.Output.LastIndexOf("time (s)", StringComparison.Ordinal)..];
        }

        var fleet = LastFrame(FirstDone with { Host = "root@db1:2222" }, FirstDone with { Host = "db2", TimestampNs = FirstDone.TimestampNs + 500_000_000 });
        var oneMachine = LastFrame(FirstDone, FirstDone with { TimestampNs = FirstDone.TimestampNs + 500_000_000 });

        Assert.Matches(@"cpu │ host +│ event +│ fields", fleet);
        Assert.Matches(@"│ +0\.000000 │ +1 │ root@db1:2222 +│ MkdirDone +│ path=""/tmp/d""", fleet);
        Assert.Matches(@"│ +0\.500000 │ +1 │ db2 +│ MkdirDone +│ path=""/tmp/d""", fleet);
        Assert.Matches(@"│ +│ +│ +│ \(text\) +│ root@db1:2222: a text line", fleet);
        Assert.Matches(@"cpu │ event +│ fields", oneMachine);
        Assert.Matches(@"│ +0\.500000 │ +1 │ MkdirDone +│ path=""/tmp/d""", oneMachine);
        Assert.DoesNotContain("host", oneMachine, StringComparison.Ordinal);
    }
}
