using System.Buffers.Binary;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Writes the wire format (runtime/StapSharp/WIRE-FORMAT.md) as a module would: for tests, replays and
/// tools that produce captures. Buffered: call <see cref="Flush"/> (or dispose) at the end.
/// </summary>
public sealed class WireWriter : IDisposable
{
    private readonly Stream _output;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _length;
    // The frame check of the event being written (WireFormat.FrameCheck): the sum so far and the next value's multiplier.
    private ulong _check;
    private ulong _checkMultiplier;

    /// <summary>Writes to <paramref name="output"/> (left open).</summary>
    /// <param name="output">Where the bytes go.</param>
    public WireWriter(Stream output)
    {
        _output = output;
    }

    /// <summary>Writes the <c>S</c> header and one <c>T</c> line per type; returns the schema they declare.</summary>
    /// <param name="types">Each type's full name and fields (name, field code), in id order.</param>
    public WireSchema WriteSchema(IReadOnlyList<(string FullName, IReadOnlyList<(string Name, string Code)> Fields)> types)
    {
        var hashes = types.Select(t => WireHash.OfType(t.FullName, t.Fields)).ToList();
        var schema = new WireSchema(WireHash.OfScript(hashes), types.Count);
        WriteAscii(WireFormat.HeaderLine(schema.ScriptHash, types.Count) + "\n");
        for (var id = 0; id < types.Count; id++)
        {
            var (name, fields) = types[id];
            WriteAscii(WireFormat.TypeLine(id, name, fields) + "\n");
            schema.Declare(new WireType(id, name, hashes[id], fields.Select(f =>
                WireFieldCodes.TryParse(f.Code, out var kind) ? new WireField(f.Name, kind, f.Code) : throw new ArgumentException($"unknown field code {f.Code}")).ToList()));
        }
        return schema;
    }

    /// <summary>Writes a text line; a '\n' is added.</summary>
    public void WriteText(ReadOnlySpan<byte> line)
    {
        WriteBytes(line);
        WriteByte((byte)'\n');
    }

    /// <summary>Starts an event frame; write its fields in order, then <see cref="EndEvent"/>.</summary>
    public void BeginEvent(int typeId, long timestampNs, int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)typeId, (uint)WireFormat.MaxTypeId, nameof(typeId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)cpu, (uint)WireFormat.MaxCpu, nameof(cpu));
        Reserve(WireFormat.HeaderBytes);
        _buffer[_length] = WireFormat.FrameMark;
        _buffer[_length + 1] = WireFormat.FrameKind;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_length + 2), (ushort)typeId);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length + 4), timestampNs);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_length + 12), (ushort)cpu);
        _length += WireFormat.HeaderBytes;
        _check = 0;
        _checkMultiplier = WireFormat.CheckMultiplier;
        AddToCheck(typeId);
        AddToCheck(timestampNs);
        AddToCheck(cpu);
    }

    /// <summary>An integer field (<c>i64</c>, <c>i32</c>, <c>bool</c> as 0/1, <c>errno</c>, <c>enum</c>; <c>u64</c> as its long bits).</summary>
    public void WriteInteger(long value)
    {
        Reserve(WireFormat.IntegerBytes);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += WireFormat.IntegerBytes;
        AddToCheck(value);
    }

    /// <summary>A string field: its 4-byte length, then its bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        Reserve(WireFormat.StringLengthBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), (uint)value.Length);
        _length += WireFormat.StringLengthBytes;
        AddToCheck(value.Length);
        WriteBytes(value);
    }

    /// <summary>Ends the event frame: its check, then '\n'.</summary>
    public void EndEvent()
    {
        Reserve(WireFormat.CheckBytes + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), WireFormat.Fold(_check));
        _length += WireFormat.CheckBytes;
        _buffer[_length++] = (byte)'\n';
    }

    private void AddToCheck(long value)
    {
        _check += unchecked((ulong)value * _checkMultiplier);
        _checkMultiplier += WireFormat.CheckStep;
    }

    /// <summary>Raw bytes, as they are (to write malformed input on purpose).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Writes the buffered bytes to the stream.</summary>
    public void Flush()
    {
        _output.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Flush();

    private void WriteAscii(string text) => WriteBytes(System.Text.Encoding.UTF8.GetBytes(text));

    private void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Flush();
        }
    }
}
