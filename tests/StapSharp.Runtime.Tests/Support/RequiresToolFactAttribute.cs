using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Support;

/// <summary>The real-tool tiers a test can need.</summary>
public enum ToolTier
{
    /// <summary>stap plus kernel headers and runtime sources: passes 1-4 on the host.</summary>
    Stap,
    /// <summary>Everything for the VM target: stap, headers, kernel image, QEMU, static busybox, staprun, stapio.</summary>
    Vm,
    /// <summary>The cpio tool (to read back archives in round-trip tests).</summary>
    Cpio,
    /// <summary>The target kernel's debuginfo (linux-image-RELEASE-dbg), on top of the tier it is combined with.</summary>
    Debuginfo,
}

/// <summary>
/// A fact that skips only when a tool it needs is truly absent, naming the missing pieces and
/// the exact apt-get command (from the toolchain report) in the skip reason.
/// </summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params ToolTier[] tiers)
    {
        if (tiers.Select(ToolAvailability.MissingFor).FirstOrDefault(reason => reason is not null) is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Answers "what is missing for this tier" once per test run.</summary>
public static class ToolAvailability
{
    private static readonly Lazy<StapToolchain> Toolchain = new(() => StapToolchain.Discover());

    public static StapToolchain Discovered => Toolchain.Value;

    /// <summary>The skip reason for <paramref name="tier"/>, or null when everything is present.</summary>
    public static string? MissingFor(ToolTier tier)
    {
        if (tier == ToolTier.Cpio)
        {
            return File.Exists("/usr/bin/cpio") || File.Exists("/bin/cpio")
                ? null
                : "needs cpio; install it: apt-get install --no-install-recommends cpio";
        }

        if (tier == ToolTier.Debuginfo)
        {
            return Discovered.Debuginfo is { IsInstalled: false } absent
                ? $"needs the kernel's debuginfo; install it: {KernelDebuginfo.InstallCommand} (or {absent.AptCommand})"
                : MissingFor(ToolTier.Stap);
        }

        string[] names = tier == ToolTier.Stap
            ? ["stap", "runtime sources", "kernel headers"]
            : ["stap", "staprun", "stapio", "runtime sources", "kernel headers", "kernel image", "qemu", "busybox (static)", "ldd"];
        var missing = Discovered.Report.Items.Where(i => names.Contains(i.Name) && !i.IsOk).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        return $"needs {string.Join(", ", missing.Select(i => $"{i.Name} ({i.Problem})"))}; install: {ToolchainReport.FixCommandFor(missing)}";
    }
}
