using System.Globalization;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// The status lines the guest /init writes on the control serial port. Each carries a random
/// per-run nonce so nothing a script prints can be mistaken for one.
/// </summary>
internal sealed class GuestMarkers
{
    public GuestMarkers(string? nonce = null) => Nonce = nonce ?? Guid.NewGuid().ToString("N")[..12];

    public string Nonce { get; }

    /// <summary>/init is running (the kernel booted).</summary>
    public string Up => $"@@stapsharp-{Nonce}:up@@";
    /// <summary>The module's initstate is "live": probes are armed.</summary>
    public string Live => $"@@stapsharp-{Nonce}:live@@";
    /// <summary>The kallsyms dump is complete.</summary>
    public string Dumped => $"@@stapsharp-{Nonce}:dumped@@";
    /// <summary>Prefix of "the guest could not set up the run", followed by why.</summary>
    public string FailedPrefix => $"@@stapsharp-{Nonce}:failed=";

    /// <summary>The marker for a run the guest could not set up; <paramref name="reason"/> is one line of plain words.</summary>
    public string Failed(string reason) => $"{FailedPrefix}{reason}@@";

    /// <summary>The reason of a <see cref="Failed"/> line; null when <paramref name="line"/> is not one.</summary>
    public string? TryParseFailed(string line)
    {
        line = line.Trim();
        return line.StartsWith(FailedPrefix, StringComparison.Ordinal) && line.EndsWith("@@", StringComparison.Ordinal)
            && line.Length > FailedPrefix.Length + 2
            ? line[FailedPrefix.Length..^2]
            : null;
    }

    /// <summary>Prefix of "staprun exited with code N".</summary>
    public string ExitCodePrefix => $"@@stapsharp-{Nonce}:rc=";

    /// <summary>Shell text echoing the exit-code marker for the shell variable <paramref name="variable"/>.</summary>
    public string ExitCodeShell(string variable) => $"{ExitCodePrefix}${variable}@@";

    /// <summary>Parses an exit-code marker line; null when <paramref name="line"/> is not one.</summary>
    public int? TryParseExitCode(string line)
    {
        line = line.Trim();
        if (!line.StartsWith(ExitCodePrefix, StringComparison.Ordinal) || !line.EndsWith("@@", StringComparison.Ordinal))
        {
            return null;
        }

        var number = line[ExitCodePrefix.Length..^2];
        return int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
