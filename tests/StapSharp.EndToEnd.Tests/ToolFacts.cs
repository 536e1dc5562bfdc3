using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests;

/// <summary>Needs stap and the kernel headers; skipped, with the fix, only where they are truly absent.</summary>
public sealed class StapFactAttribute : FactAttribute
{
    public StapFactAttribute()
    {
        var report = StapToolchain.Discover().Report;
        var missing = report.Missing.Where(i => i.Name is "stap" or "kernel headers" or "runtime sources").ToList();
        if (missing.Count > 0)
        {
            Skip = $"missing {string.Join(", ", missing.Select(i => i.Name))}: {ToolchainReport.FixCommandFor(missing)}";
        }
    }
}

/// <summary>A theory that needs stap and the kernel headers.</summary>
public sealed class StapTheoryAttribute : TheoryAttribute
{
    public StapTheoryAttribute() => Skip = new StapFactAttribute().Skip;
}

/// <summary>Needs everything the VM target needs (stap, staprun, qemu, the distribution kernel, static busybox).</summary>
public sealed class VmFactAttribute : FactAttribute
{
    public VmFactAttribute()
    {
        var report = StapToolchain.Discover().Report;
        if (!report.IsComplete)
        {
            Skip = $"missing {string.Join(", ", report.Missing.Select(i => i.Name))}: {report.FixCommand}";
        }
    }
}

/// <summary>Needs a running kernel without module support (no /proc/modules); skipped, saying so, on one that has it.</summary>
public sealed class NoModuleSupportFactAttribute : FactAttribute
{
    public NoModuleSupportFactAttribute()
    {
        if (File.Exists("/proc/modules"))
        {
            Skip = "this kernel loads modules (/proc/modules exists): the message for a kernel without module support cannot appear here";
        }
    }
}

/// <summary>Needs the target kernel's debuginfo (linux-image-RELEASE-dbg) on top of stap; skipped, naming the package and the command, only where it is absent.</summary>
public sealed class DebuginfoStapFactAttribute : FactAttribute
{
    public DebuginfoStapFactAttribute() => Skip = new StapFactAttribute().Skip ?? DebuginfoMissing.Reason();
}

/// <summary>Needs the target kernel's debuginfo on top of everything the VM target needs.</summary>
public sealed class DebuginfoVmFactAttribute : FactAttribute
{
    public DebuginfoVmFactAttribute() => Skip = new VmFactAttribute().Skip ?? DebuginfoMissing.Reason();
}

internal static class DebuginfoMissing
{
    public static string? Reason() => StapToolchain.Discover().Debuginfo is { IsInstalled: false } absent
        ? $"the kernel's debuginfo is not installed: {absent.InstallAdvice()}"
        : null;
}
