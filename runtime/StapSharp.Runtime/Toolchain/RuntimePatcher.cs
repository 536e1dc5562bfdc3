namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Adapts SystemTap 4.8's runtime to kernels (6.1.x stable backports included) where
/// <c>task_work_cancel(task, func)</c> was renamed <c>task_work_cancel_func</c>.
/// </summary>
internal static class RuntimePatcher
{
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
    /// Patches <paramref name="runtimeDir"/> in place when <paramref name="headerDirs"/>'
    /// include/linux/task_work.h has task_work_cancel_func. Returns true when a change was made.
    /// </summary>
    public static bool PatchRuntimeDirectory(string runtimeDir, IEnumerable<string> headerDirs)
    {
        var header = headerDirs
            .Select(dir => Path.Combine(dir, "include", "linux", "task_work.h"))
            .FirstOrDefault(File.Exists);
        if (header is null || !HeadersHaveTaskWorkCancelFunc(File.ReadAllText(header)))
        {
            return false;
        }

        var file = Path.Combine(runtimeDir, TaskWorkFile);
        if (!File.Exists(file))
        {
            return false;
        }

        var original = File.ReadAllText(file);
        var patched = PatchTaskWorkCancel(original);
        if (patched == original)
        {
            return false;
        }

        File.WriteAllText(file, patched);
        return true;
    }
}
