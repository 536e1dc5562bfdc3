using System.Buffers.Text;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Finds the exit-code marker /init writes on the output port after staprun ended, in the raw byte
/// stream, and passes every byte before it on untouched. The marker may follow the script's last bytes
/// on the same line and arrive cut across reads; bytes are held back only while they could still be the
/// start of the marker, so output is never delayed otherwise.
/// </summary>
internal sealed class ExitMarkerScanner
{
    private const int MaxDigits = 16;
    private readonly byte[] _prefix;
    private byte[] _held = [];
    private bool _found;

    public ExitMarkerScanner(GuestMarkers markers) => _prefix = Encoding.ASCII.GetBytes(markers.ExitCodePrefix);

    /// <summary>staprun's exit code, once the marker was read.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Feeds a chunk; script bytes go to <paramref name="output"/>. Returns true when this chunk completed the marker.</summary>
    public async ValueTask<bool> FeedAsync(ReadOnlyMemory<byte> chunk, Func<ReadOnlyMemory<byte>, ValueTask> output)
    {
        if (_found)
        {
            return false; // only the marker's line break and the power-off follow
        }

        ReadOnlyMemory<byte> data = _held.Length == 0 ? chunk : Concat(_held, chunk.Span);
        _held = [];
        var start = data.Span.IndexOf(_prefix);
        if (start >= 0)
        {
            if (start > 0)
            {
                await output(data[..start]).ConfigureAwait(false);
            }

            var rest = data[(start + _prefix.Length)..];
            var end = rest.Span.IndexOf("@@"u8);
            if (end < 0 && rest.Length < MaxDigits + 2)
            {
                _held = data[start..].ToArray();
                return false;
            }
            if (end >= 0 && Utf8Parser.TryParse(rest.Span[..end], out int code, out var used) && used == end)
            {
                ExitCode = code;
                _found = true;
                return true;
            }
            // Not a well-formed marker after all: it is output.
            await output(data[start..]).ConfigureAwait(false);
            return false;
        }
        var keep = PartialPrefixLength(data.Span);
        if (data.Length > keep)
        {
            await output(data[..^keep]).ConfigureAwait(false);
        }

        if (keep > 0)
        {
            _held = data[^keep..].ToArray();
        }

        return false;
    }

    /// <summary>Hands on bytes held back at the end of the stream (a marker that never completed).</summary>
    public async ValueTask FlushAsync(Func<ReadOnlyMemory<byte>, ValueTask> output)
    {
        if (_held.Length > 0 && !_found)
        {
            await output(_held).ConfigureAwait(false);
        }

        _held = [];
    }

    /// <summary>The length of the longest tail of <paramref name="data"/> that starts the marker.</summary>
    private int PartialPrefixLength(ReadOnlySpan<byte> data)
    {
        for (var length = Math.Min(_prefix.Length - 1, data.Length); length > 0; length--)
        {
            if (data[^length..].SequenceEqual(_prefix.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }

    private static byte[] Concat(byte[] first, ReadOnlySpan<byte> second)
    {
        var joined = new byte[first.Length + second.Length];
        first.CopyTo(joined, 0);
        second.CopyTo(joined.AsSpan(first.Length));
        return joined;
    }
}
