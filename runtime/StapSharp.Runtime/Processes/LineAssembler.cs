using System.Text;

namespace StapSharp.Runtime.Processes;

/// <summary>
/// Turns output bytes, chunked anywhere, into UTF-8 text lines: splits on '\n', drops one '\r' before it
/// (serial ports and terminals add them), and delivers a final line without '\n' on <see cref="FlushAsync"/>.
/// </summary>
internal sealed class LineAssembler
{
    private readonly Func<string, ValueTask> _onLine;
    private byte[] _pending = new byte[256];
    private int _pendingLength;

    public LineAssembler(Func<string, ValueTask> onLine) => _onLine = onLine;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(chunk.Span);
                return;
            }
            string line;
            if (_pendingLength == 0)
            {
                line = Decode(chunk.Span[..newline]);
            }
            else
            {
                Append(chunk.Span[..newline]);
                line = Decode(_pending.AsSpan(0, _pendingLength));
                _pendingLength = 0;
            }
            chunk = chunk[(newline + 1)..];
            await _onLine(line).ConfigureAwait(false);
        }
    }

    public async ValueTask FlushAsync()
    {
        if (_pendingLength == 0)
        {
            return;
        }

        var line = Decode(_pending.AsSpan(0, _pendingLength));
        _pendingLength = 0;
        await _onLine(line).ConfigureAwait(false);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_pendingLength + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + bytes.Length));
        }

        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
    }

    private static string Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return Encoding.UTF8.GetString(line);
    }
}
