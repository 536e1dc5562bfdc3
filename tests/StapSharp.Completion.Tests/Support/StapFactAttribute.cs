using StapSharp.Runtime.Toolchain;

namespace StapSharp.Completion.Tests.Support;

/// <summary>A test that runs the real stap: skipped, naming what to install, only where stap or the kernel headers are missing.</summary>
public sealed class StapFactAttribute : FactAttribute
{
    public StapFactAttribute()
    {
        var missing = StapToolchain.Discover().Report.Missing.Where(i => i.Name is "stap" or "kernel headers" or "runtime sources").ToList();
        if (missing.Count > 0)
        {
            Skip = $"missing {string.Join(", ", missing.Select(i => i.Name))}: {ToolchainReport.FixCommandFor(missing)}";
        }
    }
}
