using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Processes;

/// <summary>Sends POSIX signals (SIGINT/SIGTERM let staprun run the script's end probes).</summary>
internal static class PosixSignals
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int NativeKill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => NativeKill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process of the group <paramref name="groupId"/>; false when the group is gone.</summary>
    public static bool SendToGroup(int groupId, int signal) => groupId > 0 && NativeKill(-groupId, signal) == 0;
}
