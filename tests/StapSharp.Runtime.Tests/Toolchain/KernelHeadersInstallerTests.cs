using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

/// <summary>
/// <c>run --remote … --install-headers</c>: a host's release without headers here gets them from the archive. apt-get is a
/// script standing in for it, which records its arguments: nothing is installed on this machine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class KernelHeadersInstallerTests
{
    private const string Release = "6.1.0-99-cloud-amd64";

    [Fact]
    public async Task Refreshes_the_index_then_installs_the_release_headers_package_and_finds_them()
    {
        using var temp = new TempDir();
        var apt = FakeAptGet(temp, exitCodeOfInstall: 0);
        var found = new KernelInstall(Release, "/usr/src/linux-headers-" + Release, null, null);
        var lines = new List<string>();

        if (!IsRoot())
        {
            await AssertNeedsRoot(apt);
            return;
        }

        var installed = await KernelHeadersInstaller.InstallAsync(Release, lines.Add, CancellationToken.None, apt, _ => found);

        Assert.Same(found, installed);
        Assert.Equal(["update", "install -y --no-install-recommends linux-headers-" + Release], File.ReadAllLines(temp.Combine("calls")));
        Assert.Contains("apt-get install -y --no-install-recommends linux-headers-" + Release, lines);
    }

    [Fact]
    public async Task A_failing_apt_get_is_a_toolchain_error_naming_the_package_and_the_command()
    {
        using var temp = new TempDir();
        var apt = FakeAptGet(temp, exitCodeOfInstall: 100);
        if (!IsRoot())
        {
            await AssertNeedsRoot(apt);
            return;
        }

        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            KernelHeadersInstaller.InstallAsync(Release, _ => { }, CancellationToken.None, apt, _ => null));

        Assert.Contains("apt-get install failed (exit 100) while installing linux-headers-" + Release, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_still_missing_after_the_install_are_an_error_saying_where_they_were_looked_for()
    {
        using var temp = new TempDir();
        var apt = FakeAptGet(temp, exitCodeOfInstall: 0);
        if (!IsRoot())
        {
            await AssertNeedsRoot(apt);
            return;
        }

        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            KernelHeadersInstaller.InstallAsync(Release, _ => { }, CancellationToken.None, apt, r => new KernelInstall(r, null, null, null)));

        Assert.Equal($"linux-headers-{Release} is installed but /lib/modules/{Release}/build is missing", error.Message);
    }

    [Theory]
    [InlineData("6.1.0-99_Custom")] // uname allows it; no Debian package can be named after it
    [InlineData("6.1.0 -oAPT::Get")]
    public async Task A_release_no_package_can_be_named_after_never_reaches_apt_get(string release)
    {
        using var temp = new TempDir();
        var apt = FakeAptGet(temp, exitCodeOfInstall: 0);

        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            KernelHeadersInstaller.InstallAsync(release, _ => { }, CancellationToken.None, apt, _ => null));

        Assert.Contains("is not a package name", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("calls")));
    }

    [Theory]
    [InlineData("-oDebug::pkgProblemResolver=1")]
    [InlineData("../linux-headers.deb")]
    [InlineData("")]
    public async Task Apt_installer_takes_only_package_names(string package) =>
        await Assert.ThrowsAsync<ArgumentException>(() => AptInstaller.InstallAsync(package, false, _ => { }, CancellationToken.None, "/bin/false"));

    /// <summary>An apt-get that appends each call's arguments as a line to "calls" and fails "install" with the given code.</summary>
    private static string FakeAptGet(TempDir temp, int exitCodeOfInstall)
    {
        var script = temp.Write("apt-get", $"""
            #!/bin/sh
            echo "$*" >> '{temp.Combine("calls")}'
            [ "$1" = install ] && exit {exitCodeOfInstall}
            exit 0
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static async Task AssertNeedsRoot(string apt)
    {
        var error = await Assert.ThrowsAsync<ToolchainException>(() =>
            KernelHeadersInstaller.InstallAsync(Release, _ => { }, CancellationToken.None, apt, _ => null));
        Assert.Contains("needs root", error.Message, StringComparison.Ordinal);
    }
}
