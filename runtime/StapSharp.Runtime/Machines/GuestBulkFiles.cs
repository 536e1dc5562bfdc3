using System.Globalization;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Bulk mode in the VM: staprun -b writes one file per CPU in the guest (<c>-o PREFIX</c> gives
/// <c>PREFIX_&lt;cpu&gt;</c>). Once staprun has exited, /init sends each file to the host on the console
/// port as base64 lines between nonce markers that carry the file's name and size; the host decodes
/// them from the console log into a folder. Base64 keeps the binary files intact on a text port and
/// out of the script's output stream.
/// </summary>
internal static class GuestBulkFiles
{
    /// <summary>The guest folder staprun writes the per-CPU files to.</summary>
    public const string GuestDirectory = "/tmp/stapsharp-bulk";

    /// <summary>staprun's <c>-o</c> in the guest: files become <c>cpu_0</c>, <c>cpu_1</c>, ...</summary>
    public const string GuestPrefix = GuestDirectory + "/cpu";

    private static string Begin(GuestMarkers markers) => $"@@stapsharp-{markers.Nonce}:bulk ";
    private static string End(GuestMarkers markers) => $"@@stapsharp-{markers.Nonce}:bulk-end@@";

    /// <summary>Shell lines that create the folder before staprun runs.</summary>
    public static void AppendPrepare(StringBuilder script) => script.Append($"mkdir -p {GuestDirectory}\n");

    /// <summary>Shell lines that send every per-CPU file on the console port; run after staprun exited.</summary>
    public static void AppendDump(StringBuilder script, GuestMarkers markers)
    {
        // Only emergencies may print on the console now, so no kernel line lands inside a file.
        script.Append("dmesg -n 1 2>/dev/null\n");
        script.Append($"for f in {GuestPrefix}_*; do\n");
        script.Append("  [ -f \"$f\" ] || continue\n");
        script.Append($"  echo \"{Begin(markers)}$(basename \"$f\") $(wc -c <\"$f\")@@\"\n");
        script.Append("  base64 \"$f\"\n");
        script.Append($"  echo '{End(markers)}'\n");
        script.Append($"done >{GuestInitScript.ConsolePort}\n");
    }

    /// <summary>
    /// Writes the files found in <paramref name="console"/> to <paramref name="directory"/> and returns their
    /// paths, sorted by name. A file whose size does not match what the guest announced is an error.
    /// </summary>
    /// <exception cref="InvalidDataException">A file arrived incomplete.</exception>
    public static IReadOnlyList<string> Extract(string console, GuestMarkers markers, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var begin = Begin(markers);
        var end = End(markers);
        string? name = null;
        long size = 0;
        var base64 = new StringBuilder();
        foreach (var raw in console.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(begin, StringComparison.Ordinal) && line.EndsWith("@@", StringComparison.Ordinal))
            {
                var parts = line[begin.Length..^2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out size)
                    || parts[0].Contains('/') || parts[0].StartsWith('.'))
                {
                    throw new InvalidDataException($"unreadable bulk file header from the guest: {line}");
                }

                name = parts[0];
                base64.Clear();
            }
            else if (line == end && name is not null)
            {
                var bytes = Convert.FromBase64String(base64.ToString());
                if (bytes.Length != size)
                {
                    throw new InvalidDataException($"bulk file {name} arrived with {bytes.Length} of {size} bytes");
                }

                var path = Path.Combine(directory, name);
                File.WriteAllBytes(path, bytes);
                written.Add(path);
                name = null;
            }
            else if (name is not null)
            {
                base64.Append(line);
            }
        }

        if (name is not null)
        {
            throw new InvalidDataException($"bulk file {name} was cut short (the VM stopped while sending it)");
        }

        written.Sort(StringComparer.Ordinal);
        return written;
    }
}
