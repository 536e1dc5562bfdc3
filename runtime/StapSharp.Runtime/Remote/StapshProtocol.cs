using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// The client side of stapsh, SystemTap's remote shell (the program <c>stap --remote</c> starts over ssh): lines of
/// whitespace-separated words. <c>stap VERSION</c> → <c>stapsh VERSION MACHINE RELEASE</c>; <c>file SIZE NAME</c> and
/// SIZE raw bytes → <c>OK</c>; <c>run ARG...</c> (quoted-printable words) starts staprun with them in stapsh's own
/// temporary folder → <c>OK</c>, after which staprun's stdout and stderr are stapsh's, byte for byte; <c>quit</c> (or
/// the end of its input) sends staprun SIGHUP, which stops the script as Ctrl-C does, and stapsh exits with staprun's code.
/// </summary>
public static partial class StapshProtocol
{
    /// <summary>The version this client announces (the stap it speaks for).</summary>
    public const string ClientVersion = "4.8";

    /// <summary>
    /// The remote command: stapsh from PATH, or where distributions put it outside PATH (Debian: /usr/lib/systemtap,
    /// Fedora: /usr/libexec/systemtap); exit code 127 when there is none. Fixed text: nothing of the user's is in it.
    /// </summary>
    public const string RemoteCommand =
        "for s in stapsh /usr/lib/systemtap/stapsh /usr/libexec/systemtap/stapsh; do command -v $s >/dev/null 2>&1 && exec $s; done; " +
        "echo 'stapsh is not installed on this host (systemtap-runtime)' >&2; exit 127";

    /// <summary>The exit code of <see cref="RemoteCommand"/> when the host has no stapsh.</summary>
    public const int NoStapshExitCode = 127;

    /// <summary>ssh's own exit code for a connection that failed or broke.</summary>
    public const int SshFailureExitCode = 255;

    // A kernel release as uname prints it; it becomes stap's -r argument, so never an option or a path.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._+~-]{0,63}\z")]
    private static partial Regex ReleaseText();

    // stapsh's own rule for file names, plus the .ko staprun needs.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._]{0,200}\.ko\z")]
    private static partial Regex ModuleFileName();

    /// <summary>The handshake line.</summary>
    public static string Hello => $"stap {ClientVersion}\n";

    /// <summary>Whether <paramref name="release"/> can be a kernel release (and so a stap -r argument).</summary>
    public static bool IsRelease(string release) => ReleaseText().IsMatch(release);

    /// <summary>Reads stapsh's answer to <see cref="Hello"/>: its version, the machine and the kernel release.</summary>
    /// <exception cref="FormatException">The line is not stapsh's greeting, or the release is not a kernel release.</exception>
    public static (string Version, string Machine, string Release) ParseHello(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 4 || words[0] != "stapsh")
        {
            throw new FormatException($"the host did not answer as stapsh: '{Printable(line)}'");
        }

        if (!IsRelease(words[3]))
        {
            throw new FormatException($"the host's kernel release '{Printable(words[3])}' is not a release name");
        }

        return (words[1], words[2], words[3]);
    }

    /// <summary>The <c>file</c> command that precedes the module's bytes.</summary>
    /// <exception cref="ArgumentException">The name is not one stapsh accepts.</exception>
    public static string FileCommand(string fileName, long size)
    {
        if (!ModuleFileName().IsMatch(fileName))
        {
            throw new ArgumentException($"'{fileName}' is not a module file name stapsh accepts (letters, digits, '.', '_', ending in .ko)", nameof(fileName));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return $"file {size} {fileName}\n";
    }

    /// <summary>The <c>run</c> command: staprun's arguments, each quoted-printable.</summary>
    public static string RunCommand(IEnumerable<string> staprunArguments) =>
        "run " + string.Join(' ', staprunArguments.Select(Encode)) + "\n";

    /// <summary>The command that stops staprun (SIGHUP: its end probes run) and ends stapsh.</summary>
    public const string QuitCommand = "quit\n";

    /// <summary>Whether an answer line is stapsh's <c>OK</c>.</summary>
    public static bool IsOk(string line) => line.TrimEnd('\r') == "OK";

    /// <summary>
    /// One argument for <c>run</c>: every byte of its UTF-8 form that is not a letter, a digit or one of <c>-_./,:+@</c>
    /// becomes =XX, so spaces, '=' and line breaks cannot split or end the command. A NUL byte would cut the argument
    /// short in stapsh, and stapsh drops an empty word, so both are refused.
    /// </summary>
    /// <exception cref="ArgumentException">The argument is empty or holds a NUL character.</exception>
    public static string Encode(string argument)
    {
        if (argument.Length == 0 || argument.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a staprun argument sent to stapsh cannot be empty or hold a NUL character", nameof(argument));
        }

        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(argument))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-_./,:+@".Contains(c, StringComparison.Ordinal))
            {
                text.Append(c);
            }
            else
            {
                text.Append('=').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>A remote's text in a message: control characters escaped.</summary>
    internal static string Printable(string text) =>
        string.Concat(text.Take(200).Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
}
