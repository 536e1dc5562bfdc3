using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class KernelReleaseTests
{
    [Fact]
    public void Orders_releases_by_number()
    {
        string[] releases = ["6.1.0-9-amd64", "6.1.0-56-amd64", "5.10.0-30-amd64", "6.1.0-10-amd64"];
        var ordered = releases.OrderByDescending(r => r, KernelReleaseComparer.Instance).ToList();
        Assert.Equal(["6.1.0-56-amd64", "6.1.0-10-amd64", "6.1.0-9-amd64", "5.10.0-30-amd64"], ordered);
    }

    [Fact]
    public void Prefers_the_newest_release_that_has_both_headers_and_an_image()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.Combine("modules", "6.1.0-56-amd64", "build"));
        Directory.CreateDirectory(temp.Combine("modules", "6.1.0-60-amd64", "build")); // headers only
        Directory.CreateDirectory(temp.Combine("modules", "6.18.44-host")); // running kernel, no build link
        Directory.CreateDirectory(temp.Combine("boot"));
        File.WriteAllText(temp.Combine("boot", "vmlinuz-6.1.0-56-amd64"), "");
        File.WriteAllText(temp.Combine("boot", "vmlinuz-6.1.0-9-amd64"), ""); // image only

        var found = KernelReleaseLocator.FindInstalled(temp.Combine("modules"), temp.Combine("boot"));

        Assert.Equal("6.1.0-56-amd64", found[0].Release);
        Assert.True(found[0].IsComplete);
        Assert.Equal(["6.1.0-56-amd64", "6.1.0-60-amd64", "6.1.0-9-amd64"], found.Select(k => k.Release));
    }

    [Fact]
    public void Of_one_release_prefers_the_plain_flavour_to_its_variants_and_a_newer_release_to_both()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.Combine("boot"));
        foreach (var release in new[] { "6.1.0-57-cloud-amd64", "6.1.0-57-amd64", "6.1.0-57-rt-amd64", "6.1.0-9-cloud-amd64" })
        {
            Directory.CreateDirectory(temp.Combine("modules", release, "build"));
            File.WriteAllText(temp.Combine("boot", "vmlinuz-" + release), "");
        }

        var found = KernelReleaseLocator.FindInstalled(temp.Combine("modules"), temp.Combine("boot"));

        Assert.Equal(["6.1.0-57-amd64", "6.1.0-57-cloud-amd64", "6.1.0-57-rt-amd64", "6.1.0-9-cloud-amd64"], found.Select(k => k.Release));
    }
}
