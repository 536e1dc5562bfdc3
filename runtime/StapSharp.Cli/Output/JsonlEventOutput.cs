using System.Buffers;
using System.Text.Json;

namespace StapSharp.Cli.Output;

/// <summary>
/// <c>--format jsonl</c>: one JSON object per line on stdout, in stream order. An event is
/// <c>{"event":"Ns.Type",["host":"…",]"timestampNs":…,"cpu":…,"fields":{…}}</c> (plus <c>"truncated":["name",…]</c> when a
/// string may have been cut); a text line of the script is <c>{"text":"…"}</c>. An errno field is
/// <c>{"value":-17,"name":"EEXIST","message":"File exists"}</c>; a string that is not valid UTF-8 is
/// <c>{"bytes":"&lt;base64&gt;"}</c>; an enum is its integral value (the text, table and csv forms show its member name).
/// Lines are written in blocks and flushed as the <see cref="FlushPacer"/> paces them, not per event.
/// </summary>
internal sealed class JsonlEventOutput : IEventOutput
{
    /// <summary>Lines are collected up to this many bytes between flushes, then written in one block.</summary>
    private const int BlockBytes = 64 * 1024;

    private readonly Stream _stdout;
    private readonly ArrayBufferWriter<byte> _lines = new(BlockBytes);
    private readonly Utf8JsonWriter _json;
    private readonly FlushPacer _pacer;

    /// <param name="time">The clock of the flushes (tests pass a manual one).</param>
    public JsonlEventOutput(Stream stdout, TimeProvider? time = null)
    {
        _stdout = stdout;
        _pacer = new FlushPacer(WriteAndFlush, time);
        // Written into a buffer: Utf8JsonWriter's own Flush would flush stdout after every line.
        _json = new Utf8JsonWriter(_lines, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Declare(IReadOnlyList<OutputEventType> types)
    {
    }

    public void Event(OutputEvent e)
    {
        // The pacer's timer writes and flushes the block from its own thread.
        lock (_pacer.Gate)
        {
            WriteEvent(e);
        }
    }

    private void WriteEvent(OutputEvent e)
    {
        _json.WriteStartObject();
        _json.WriteString("event", e.Type.FullName);
        if (e.Host is { } host)
        {
            _json.WriteString("host", host);
        }

        _json.WriteNumber("timestampNs", e.TimestampNs);
        _json.WriteNumber("cpu", e.Cpu);
        _json.WriteStartObject("fields");
        for (var i = 0; i < e.Values.Count; i++)
        {
            _json.WritePropertyName(e.Type.FieldNames[i]);
            WriteValue(e.Values[i]);
        }

        _json.WriteEndObject();
        if (e.TruncatedFields != 0)
        {
            _json.WriteStartArray("truncated");
            for (var i = 0; i < e.Values.Count; i++)
            {
                if (e.IsTruncated(i))
                {
                    _json.WriteStringValue(e.Type.FieldNames[i]);
                }
            }

            _json.WriteEndArray();
        }

        EndLine();
    }

    public void Text(string line)
    {
        lock (_pacer.Gate)
        {
            _json.WriteStartObject();
            _json.WriteString("text", line);
            EndLine();
        }
    }

    public void Flush() => _pacer.CaughtUp();

    public void Complete() => _pacer.Complete();

    private void WriteAndFlush()
    {
        _stdout.Write(_lines.WrittenSpan);
        _lines.ResetWrittenCount();
        _stdout.Flush();
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null: _json.WriteNullValue(); break;
            case string text: _json.WriteStringValue(text); break;
            case bool flag: _json.WriteBooleanValue(flag); break;
            case long number: _json.WriteNumberValue(number); break;
            case int number: _json.WriteNumberValue(number); break;
            case ulong number: _json.WriteNumberValue(number); break;
            case EnumValue member: _json.WriteNumberValue(member.Value); break;
            case byte[] bytes:
                _json.WriteStartObject();
                _json.WriteBase64String("bytes", bytes);
                _json.WriteEndObject();
                break;
            case Errno errno:
                _json.WriteStartObject();
                _json.WriteNumber("value", errno.Value);
                if (errno.Name is { } name)
                {
                    _json.WriteString("name", name);
                }
                else
                {
                    _json.WriteNull("name");
                }

                _json.WriteString("message", errno.Message);
                _json.WriteEndObject();
                break;
            default: _json.WriteStringValue(value.ToString()); break;
        }
    }

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _lines.Write("\n"u8);
        _json.Reset();
        if (_lines.WrittenCount >= BlockBytes)
        {
            _stdout.Write(_lines.WrittenSpan);
            _lines.ResetWrittenCount();
        }
    }
}
