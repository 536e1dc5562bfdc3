using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Targets;

public class LocalStaprunTargetTests
{
    [Fact]
    public async Task A_host_that_cannot_load_modules_is_told_why_instead_of_failing_in_staprun()
    {
        var capabilities = HostCapabilities.Detect();
        if (capabilities.CanLoadModules || ToolAvailability.Discovered.StaprunPath is null)
        {
            return; // this host could run it for real; the refusal path does not apply
        }

        using var temp = new TempDir();
        var module = temp.Write("m.ko", "not a module");
        var target = new LocalStaprunTarget(ToolAvailability.Discovered);
        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            target.RunAsync(module, new RunOptions(), _ => ValueTask.CompletedTask, CancellationToken.None));
        Assert.Contains(capabilities.Reason!, error.Message);
    }
}
