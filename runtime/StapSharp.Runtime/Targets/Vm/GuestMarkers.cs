using System.Globalization;

namespace StapSharp.Runtime.Targets.Vm;

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
    /// <summary>Prefix of "the kernel module NAME could not be loaded".</summary>
    public string ModuleFailedPrefix => $"@@stapsharp-{Nonce}:insmod-failed=";

    /// <summary>The marker for a kernel module insmod could not load.</summary>
    public string ModuleFailed(string moduleName) => $"{ModuleFailedPrefix}{moduleName}@@";

    /// <summary>The module named by a <see cref="ModuleFailed"/> line; null when <paramref name="line"/> is not one.</summary>
    public string? TryParseModuleFailed(string line)
    {
        line = line.Trim();
        return line.StartsWith(ModuleFailedPrefix, StringComparison.Ordinal) && line.EndsWith("@@", StringComparison.Ordinal)
            && line.Length > ModuleFailedPrefix.Length + 2
            ? line[ModuleFailedPrefix.Length..^2]
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
            return null;
        var number = line[ExitCodePrefix.Length..^2];
        return int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
