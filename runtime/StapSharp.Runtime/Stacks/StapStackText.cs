namespace StapSharp.Runtime.Stacks;

/// <summary>
/// The frames of a stack as SystemTap writes it into a string: <c>sprint_backtrace()</c>, <c>sprint_ubacktrace()</c>,
/// <c>sprint_stack()</c> and <c>sprint_ustack()</c> return one frame per line, innermost first, each
/// <c>symbol+0xOFFSET [module]</c>, <c>symbol+0xOFFSET</c> (no module known) or <c>0xADDRESS [module+0xOFFSET]</c>
/// (no symbol known). A frame is named by its symbol alone, so samples at different offsets of one function
/// aggregate; an address without a symbol is named by its module (<c>[libc.so.6]</c>) or <see cref="Unknown"/>.
/// The longer forms of <c>print_backtrace()</c> (<c>0xADDRESS : symbol+0xOFFSET/0xSIZE [module]</c>) and
/// <c>symdata()</c> (<c>symbol+0xOFFSET/0xSIZE [module]</c>) read the same way.
/// </summary>
public static class StapStackText
{
    /// <summary>The frame of an address that has neither a symbol nor a module.</summary>
    public const string Unknown = "[unknown]";

    /// <summary>The root of a stack whose text was cut at MAXSTRINGLEN: its outermost frames are missing.</summary>
    public const string Truncated = "[truncated]";

    /// <summary>
    /// The frames of <paramref name="text"/>, innermost first. Blank lines are skipped, and so are SystemTap's notes that
    /// there is no stack to give (<c>&lt;no user backtrace at timer.profile&gt;</c> in a kernel thread).
    /// </summary>
    /// <param name="truncated">
    /// The text may have been cut at MAXSTRINGLEN: its last line may be a cut frame and is left out, and
    /// <see cref="Truncated"/> stands for the missing outer frames, so a cut stack never looks like a whole one.
    /// </param>
    public static List<string> Frames(string text, bool truncated)
    {
        var lines = text.Split('\n');
        var count = truncated ? lines.Length - 1 : lines.Length;
        var frames = new List<string>(count + 1);
        for (var i = 0; i < count; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]) && !IsNote(lines[i]))
            {
                frames.Add(Frame(lines[i]));
            }
        }

        if (truncated)
        {
            frames.Add(Truncated);
        }

        return frames;
    }

    /// <summary>A line that stands for no stack at all: <c>&lt;no kernel backtrace at POINT&gt;</c>, <c>&lt;no user backtrace support on arch&gt;</c>.</summary>
    private static bool IsNote(string line)
    {
        var text = line.Trim();
        return text.StartsWith("<no ", StringComparison.Ordinal) && text.EndsWith('>');
    }

    /// <summary>One line of a stack as its frame's name: the symbol without offset, size or module.</summary>
    public static string Frame(string line)
    {
        var text = line.Trim();
        // print_backtrace()'s form starts with the address: "0xffffffff8123 : vfs_write+0x1a/0x2b0 [kernel]".
        var colon = text.IndexOf(" : ", StringComparison.Ordinal);
        if (colon > 0 && IsHexNumber(text.AsSpan(0, colon)))
        {
            text = text[(colon + 3)..].TrimStart();
        }

        text = StripSuffix(text, " (inexact)");
        string? module = null;
        var bracket = text.LastIndexOf(" [", StringComparison.Ordinal);
        if (text.EndsWith(']') && bracket >= 0)
        {
            module = text[(bracket + 2)..^1];
            text = text[..bracket].TrimEnd();
            // "0xADDRESS [module+0xOFFSET]": the offset is into the module.
            module = StripOffset(module);
        }

        if (text.Length == 0 || IsHexNumber(text))
        {
            return string.IsNullOrWhiteSpace(module) ? Unknown : $"[{module.Trim()}]";
        }

        return StripOffset(text);
    }

    /// <summary><paramref name="text"/> without a trailing <c>+0xOFFSET</c> or <c>+0xOFFSET/0xSIZE</c>.</summary>
    private static string StripOffset(string text)
    {
        var plus = text.LastIndexOf("+0x", StringComparison.Ordinal);
        if (plus <= 0)
        {
            return text;
        }

        var offset = text.AsSpan(plus + 1);
        var slash = offset.IndexOf('/');
        var isOffset = slash < 0 ? IsHexNumber(offset) : IsHexNumber(offset[..slash]) && IsHexNumber(offset[(slash + 1)..]);
        return isOffset ? text[..plus] : text;
    }

    private static string StripSuffix(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length].TrimEnd() : text;

    /// <summary><c>0x</c> and one or more hex digits.</summary>
    private static bool IsHexNumber(ReadOnlySpan<char> text) =>
        text.Length > 2 && text[0] == '0' && text[1] is ('x' or 'X') && !text[2..].ContainsAnyExcept("0123456789abcdefABCDEF");
}
