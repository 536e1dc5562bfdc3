using System.Text.RegularExpressions;

namespace StapSharp.Generators.Analysis;

/// <summary>
/// <c>kernel.function("sys_NAME")</c>: the pre-4.17 name of a system call's entry point. Current
/// kernels call it <c>__x64_sys_NAME</c> (per architecture), and kernel.function needs debuginfo;
/// the <c>syscall.NAME</c> tapset alias resolves on every kernel, with or without debuginfo.
/// </summary>
internal static class KernelSyscallPoints
{
    private static readonly Regex Point = new(
        @"^\s*kernel\.function\(""sys_(?<name>[A-Za-z0-9_*?]+)""\)(?<return>\.return)?(?<tail>\s*[?!]?\s*(if\s*\(.*\))?\s*)\z",
        RegexOptions.CultureInvariant);

    /// <summary>The syscall.* point that replaces a kernel.function("sys_*") point, keeping .return, ?/! and a condition.</summary>
    public static bool TryRewrite(string point, out string syscallName, out string replacement)
    {
        var match = Point.Match(point);
        if (!match.Success)
        {
            syscallName = replacement = string.Empty;
            return false;
        }

        syscallName = match.Groups["name"].Value;
        replacement = "syscall." + syscallName + match.Groups["return"].Value + match.Groups["tail"].Value.TrimEnd();
        return true;
    }
}
