using System.Globalization;
using System.Text;

namespace StapSharp.Runtime.Stacks;

/// <summary>
/// Stacks counted in the folded form of flamegraph.pl and speedscope: one line per distinct stack, its frames root
/// first and joined by <c>;</c>, a space and its count. Frame names are user data: <c>%</c>, <c>;</c>, control characters
/// (line breaks included), the Unicode line and paragraph separators and U+FFFE and U+FFFF are written as the
/// <c>%XX</c> escapes of their UTF-8 bytes (a lone surrogate as U+FFFD's), so a frame never splits into two, never
/// ends a line, and the text is valid in XML. Lines come in ordinal order of their stack: the same stacks give the same text.
/// </summary>
public sealed class FoldedStacks
{
    /// <summary>Between the frames of a stack.</summary>
    public const char Separator = ';';

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Every count added.</summary>
    public long Total { get; private set; }

    /// <summary>How many distinct stacks there are.</summary>
    public int Count => _counts.Count;

    /// <summary>Counts <paramref name="rootFirst"/> (outermost frame first) <paramref name="count"/> more times.</summary>
    /// <exception cref="ArgumentException">There is no frame, a frame is empty, or the count is not positive.</exception>
    public void Add(IReadOnlyList<string> rootFirst, long count = 1)
    {
        if (rootFirst.Count == 0 || count <= 0)
        {
            throw new ArgumentException("A stack has at least one frame and a positive count.", nameof(rootFirst));
        }

        var folded = new StringBuilder();
        foreach (var frame in rootFirst)
        {
            if (frame.Length == 0)
            {
                throw new ArgumentException("A frame has a name.", nameof(rootFirst));
            }

            if (folded.Length > 0)
            {
                folded.Append(Separator);
            }

            AppendEscaped(folded, frame);
        }

        var key = folded.ToString();
        _counts[key] = checked(_counts.GetValueOrDefault(key) + count);
        Total = checked(Total + count);
    }

    /// <summary>Each distinct stack, its (escaped) frames root first, with its count, in ordinal order of the folded line.</summary>
    public IEnumerable<(string[] Frames, long Count)> Stacks() =>
        _counts.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key.Split(Separator), s.Value));

    /// <summary>The folded text: <c>root;...;leaf COUNT</c> per line, each line ended by <c>\n</c>.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var stack in _counts.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(stack.Key).Append(' ').Append(stack.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary><paramref name="frame"/> as the folded text writes it.</summary>
    public static string Escape(string frame) => AppendEscaped(new StringBuilder(frame.Length), frame).ToString();

    private static StringBuilder AppendEscaped(StringBuilder to, string frame)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var rest = frame.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            var text = rest[..used];
            rest = rest[used..];
            if (status != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }
            else if (!NeedsEscape(rune))
            {
                to.Append(text);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                to.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return to;
    }

    private static bool NeedsEscape(Rune rune) =>
        rune.Value is '%' or Separator or 0x2028 or 0x2029 or 0xFFFE or 0xFFFF || Rune.IsControl(rune);
}
