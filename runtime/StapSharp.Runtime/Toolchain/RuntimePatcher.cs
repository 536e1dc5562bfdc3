namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Two changes to SystemTap 4.8's runtime in a prepared build tree: it adapts to kernels (6.1.x stable backports
/// included) where <c>task_work_cancel(task, func)</c> was renamed <c>task_work_cancel_func</c>, and it makes the
/// module wait a moment before it tells stapio to exit, so the end probes' output is read first.
/// </summary>
/// <remarks>
/// Why the wait: the module runs the end probes, flushes the relay buffers (which wakes stapio's readers) and sends
/// STP_EXIT at once. stapio 4.8 stops its reader threads as soon as STP_EXIT arrives, and a reader not yet scheduled
/// since the wake-up ends without reading: the end probes' last lines are lost, now and then (seen in the VM under
/// load). SystemTap 5.1 fixed this in stapio (a pause of twice its 200 ms poll before stopping the readers); a module
/// cannot change the stapio it runs under, so it pauses as long itself before STP_EXIT.
/// </remarks>
internal static class RuntimePatcher
{
    /// <summary>Changes whenever a patch changes, so modules built on an older patched runtime are not reused.</summary>
    public const int Level = 2;

    /// <summary>The runtime file that sends STP_EXIT to stapio.</summary>
    public static readonly string TransportFile = Path.Combine("transport", "transport.c");

    /// <summary>How long the module waits between flushing its output and STP_EXIT (stapio 5.1 waits this long).</summary>
    public const int ExitDrainMilliseconds = 400;

    private const string ExitDrainMarker = "stapsharp: exit drain";

    // In user context (a write to the control file): sleeping is allowed there, as the runtime's own comment says.
    private const string ExitSend = "\t\tif (send_exit) {\n";

    /// <summary>The runtime file that calls task_work_cancel.</summary>
    public const string TaskWorkFile = "stp_task_work.c";

    private static readonly (string From, string To)[] TaskWorkRenames =
    [
        ("typeof(&task_work_cancel)", "typeof(&task_work_cancel_func)"),
        ("#define task_work_cancel (", "#define task_work_cancel_func ("),
        ("= task_work_cancel(task, func)", "= task_work_cancel_func(task, func)"),
        ("kallsyms_lookup_name(\"task_work_cancel\")", "kallsyms_lookup_name(\"task_work_cancel_func\")"),
    ];

    /// <summary>True when the kernel headers declare task_work_cancel_func.</summary>
    public static bool HeadersHaveTaskWorkCancelFunc(string taskWorkHeaderText) =>
        taskWorkHeaderText.Contains("task_work_cancel_func", StringComparison.Ordinal);

    /// <summary>
    /// Returns the runtime source with the rename applied, or the text unchanged when it
    /// already knows task_work_cancel_func.
    /// </summary>
    public static string PatchTaskWorkCancel(string runtimeText)
    {
        if (runtimeText.Contains("task_work_cancel_func", StringComparison.Ordinal))
        {
            return runtimeText;
        }

        foreach (var (from, to) in TaskWorkRenames)
        {
            runtimeText = runtimeText.Replace(from, to, StringComparison.Ordinal);
        }

        return runtimeText;
    }

    /// <summary>
    /// Returns transport.c with a pause of <see cref="ExitDrainMilliseconds"/> before STP_EXIT is sent; unchanged when it
    /// has it already or when the send is not where 4.8 has it (another runtime: left as it is).
    /// </summary>
    public static string PatchExitDrain(string transportText)
    {
        var send = transportText.IndexOf(ExitSend, StringComparison.Ordinal);
        if (send < 0 || transportText.Contains(ExitDrainMarker, StringComparison.Ordinal))
        {
            return transportText;
        }

        var after = send + ExitSend.Length;
        return transportText[..after] + $"\t\t\tmsleep({ExitDrainMilliseconds}); /* {ExitDrainMarker}: let stapio read the end probes' output */\n" +
            transportText[after..];
    }

    /// <summary>Applies <see cref="PatchExitDrain"/> to the runtime in <paramref name="runtimeDir"/>. Returns true when a change was made.</summary>
    public static bool PatchExitDrainFile(string runtimeDir) => PatchFile(Path.Combine(runtimeDir, TransportFile), PatchExitDrain);

    /// <summary>
    /// Patches <paramref name="runtimeDir"/> in place: the exit drain always, the task_work rename when
    /// <paramref name="headerDirs"/>' include/linux/task_work.h has task_work_cancel_func. Returns true when a change was made.
    /// </summary>
    public static bool PatchRuntimeDirectory(string runtimeDir, IEnumerable<string> headerDirs)
    {
        var drained = PatchExitDrainFile(runtimeDir);
        return PatchTaskWorkDirectory(runtimeDir, headerDirs) | drained;
    }

    private static bool PatchTaskWorkDirectory(string runtimeDir, IEnumerable<string> headerDirs)
    {
        var header = headerDirs
            .Select(dir => Path.Combine(dir, "include", "linux", "task_work.h"))
            .FirstOrDefault(File.Exists);
        if (header is null || !HeadersHaveTaskWorkCancelFunc(File.ReadAllText(header)))
        {
            return false;
        }

        return PatchFile(Path.Combine(runtimeDir, TaskWorkFile), PatchTaskWorkCancel);
    }

    private static bool PatchFile(string file, Func<string, string> patch)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        var original = File.ReadAllText(file);
        var patched = patch(original);
        if (patched == original)
        {
            return false;
        }

        // Renamed into place: a build reading the runtime meanwhile sees the old file or the new one, never half of one.
        var staged = file + ".stapsharp-tmp";
        File.WriteAllText(staged, patched);
        File.Move(staged, file, overwrite: true);
        return true;
    }
}
