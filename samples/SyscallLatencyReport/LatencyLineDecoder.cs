using System.Globalization;

namespace SyscallLatencyReport;

/// <summary>One completed system call as SyscallLatency prints it.</summary>
internal readonly record struct SyscallSample(string ExecName, int Pid, string Syscall, long LatencyNanoseconds);

/// <summary>
/// Decodes SyscallLatency's lines, <c>execname TAB pid TAB syscall TAB latency_ns</c>. The last three
/// fields are split off from the right, so a process name holding a tab still decodes (names are
/// chosen by the process and may contain anything). Anything else is rejected with the reason.
/// </summary>
internal static class LatencyLineDecoder
{
    private const char Separator = '\t';

    public static bool TryDecode(string line, out SyscallSample sample, out string? problem)
    {
        sample = default;
        var text = line.TrimEnd('\r');
        var latencyTab = text.LastIndexOf(Separator);
        var syscallTab = latencyTab > 0 ? text.LastIndexOf(Separator, latencyTab - 1) : -1;
        var pidTab = syscallTab > 0 ? text.LastIndexOf(Separator, syscallTab - 1) : -1;
        if (pidTab <= 0)
        {
            problem = "expected 4 tab-separated fields: execname, pid, syscall, latency_ns";
            return false;
        }

        var execName = text[..pidTab];
        var pidText = text[(pidTab + 1)..syscallTab];
        var syscall = text[(syscallTab + 1)..latencyTab];
        var latencyText = text[(latencyTab + 1)..];
        if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            problem = $"pid '{pidText}' is not a positive integer";
            return false;
        }

        if (syscall.Length == 0 || syscall.Any(char.IsWhiteSpace))
        {
            problem = $"syscall name '{syscall}' is empty or holds spaces";
            return false;
        }

        // NumberStyles.None: digits only, so a sign, spaces or a fraction are malformed; overflow fails too.
        if (!long.TryParse(latencyText, NumberStyles.None, CultureInfo.InvariantCulture, out var latency))
        {
            problem = $"latency '{latencyText}' is not a non-negative integer of nanoseconds within 64 bits";
            return false;
        }

        sample = new SyscallSample(execName, pid, syscall, latency);
        problem = null;
        return true;
    }
}
