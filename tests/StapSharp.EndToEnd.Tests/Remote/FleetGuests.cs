using System.Diagnostics;
using StapSharp.Runtime.Remote;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests.Remote;

/// <summary>
/// Three throw-away guests booting the distribution kernel, each serving ssh on a loopback port, and a fourth booting
/// another installed release of it (another flavour, with one more kernel parameter), booted in parallel once for the
/// tests of a class, with a throw-away key and an ssh configuration that reaches only them.
/// </summary>
public sealed class FleetGuests : IAsyncLifetime
{
    public const int Count = 3;
    private ThrowAwaySshKey? _key;
    private readonly TempFolder _folder = new();

    public IReadOnlyList<SshGuest> Guests { get; private set; } = [];

    /// <summary>The parameter <see cref="OtherRelease"/> boots with besides the guests' own: its command line differs too.</summary>
    public const string OtherKernelParameter = "nokaslr";

    /// <summary>
    /// A guest booting an installed release other than the default one (tests/run.sh installs a second flavour of it,
    /// see runtime/prerequisites.sh --second-kernel); null when there is none or it did not boot (<see cref="OtherReleaseFailure"/>).
    /// </summary>
    public SshGuest? OtherRelease { get; private set; }

    /// <summary>Why there is no <see cref="OtherRelease"/>.</summary>
    public string? OtherReleaseFailure { get; private set; }

    /// <summary>ssh -F for the guests: the throw-away key, their host keys neither checked nor kept (they are new at every boot).</summary>
    public string SshConfig { get; private set; } = "";

    /// <summary>QEMU started → every guest accepts logins (they boot at once).</summary>
    public TimeSpan BootTime { get; private set; }

    /// <summary>Why the guests could not boot; null when they did (a test reports it rather than skip).</summary>
    public string? Failure { get; private set; }

    public async Task InitializeAsync()
    {
        if (new VmFactAttribute().Skip is not null)
        {
            return;
        }

        try
        {
            _key = await ThrowAwaySshKey.CreateAsync(CancellationToken.None);
            var toolchain = StapToolchain.Discover();
            var clock = Stopwatch.StartNew();
            var other = StartOtherReleaseAsync(toolchain, _key.PublicKey);
            try
            {
                Guests = await Task.WhenAll(Enumerable.Range(0, Count)
                    .Select(_ => SshGuest.StartAsync(toolchain, _key.PublicKey, null, TimeSpan.FromMinutes(5), CancellationToken.None)));
            }
            finally
            {
                OtherRelease = await other;
            }

            BootTime = clock.Elapsed;
            // Only towards these guests, reached on 127.0.0.1: their keys are new at every boot.
            SshConfig = _folder.Write("ssh_config", $"""
                Host 127.0.0.1
                  User root
                  IdentityFile {_key.PrivateKeyPath}
                  IdentitiesOnly yes
                  StrictHostKeyChecking no
                  UserKnownHostsFile /dev/null
                  LogLevel ERROR
                """);
        }
        catch (ToolchainException e)
        {
            Failure = e.Message;
        }
    }

    private async Task<SshGuest?> StartOtherReleaseAsync(StapToolchain toolchain, string publicKey)
    {
        var release = StapToolchain.InstalledKernels().FirstOrDefault(k => k.IsComplete && k.Release != toolchain.KernelRelease)?.Release;
        if (release is null)
        {
            OtherReleaseFailure = $"no release besides {toolchain.KernelRelease} has both headers and an image here: bash runtime/prerequisites.sh --second-kernel";
            return null;
        }

        try
        {
            return await SshGuest.StartAsync(StapToolchain.Discover(release), publicKey, [OtherKernelParameter], null, TimeSpan.FromMinutes(5), CancellationToken.None);
        }
        catch (ToolchainException e)
        {
            OtherReleaseFailure = $"the guest booting {release} did not come up: {e.Message}";
            return null;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var guest in OtherRelease is null ? Guests : Guests.Append(OtherRelease))
        {
            await guest.DisposeAsync();
        }

        _key?.Dispose();
        _folder.Dispose();
    }
}
