using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class CacheLockTests
{
    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases()
    {
        using var temp = new TempDir();
        var path = temp.Combine("release.lock");
        var first = await CacheLock.AcquireAsync(path, null, CancellationToken.None);
        var waits = new List<string>();

        var second = CacheLock.AcquireAsync(path, new SyncProgress(waits.Add), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        Assert.Contains(waits, w => w.Contains("waiting"));

        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_unprepared_cache_is_not_opened()
    {
        using var temp = new TempDir();
        var toolchain = StapToolchain.Discover();
        if (toolchain.KernelRelease is { } release)
        {
            Directory.CreateDirectory(temp.Combine(release, "build")); // half-written: no marker
        }

        Assert.Null(KernelBuildTree.TryOpen(toolchain, temp.Path));
    }

    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
