using StapSharp.Runtime.Build;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Build;

/// <summary>Tier "stap": real stap -p2 against the installed headers (no VM boot needed).</summary>
public class StapInvocationTests
{
    private static StapInvocation CreateInvocation()
    {
        var toolchain = ToolAvailability.Discovered;
        return new StapInvocation(toolchain, KernelBuildTree.TryOpen(toolchain) ?? KernelBuildTree.ForChecking(toolchain));
    }

    [RequiresToolFact(ToolTier.Stap)]
    public async Task Pass_2_of_a_small_script_succeeds()
    {
        using var temp = new TempDir();
        var script = temp.Write("hello.stp", "probe begin {\n  println(\"hello\")\n  exit()\n}\n");

        var result = await CreateInvocation().CheckAsync(script, 2, [], CancellationToken.None);

        Assert.True(result.Succeeded, result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
    }

    [RequiresToolFact(ToolTier.Stap)]
    public async Task A_misspelled_probe_point_fails_with_stderr_naming_line_and_column()
    {
        using var temp = new TempDir();
        var script = temp.Write("typo.stp", "# a comment line\nprobe begn {}\n");

        var result = await CreateInvocation().CheckAsync(script, 2, [], CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("begn", result.Stderr);
        Assert.Contains($"{script}:2:7", result.Stderr); // untouched, so the translator can map it back
    }

    [RequiresToolFact(ToolTier.Stap)]
    public async Task A_missing_script_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            CreateInvocation().CheckAsync("/nonexistent/x.stp", 1, [], CancellationToken.None));
        Assert.Contains("/nonexistent/x.stp", error.Message);
    }
}
