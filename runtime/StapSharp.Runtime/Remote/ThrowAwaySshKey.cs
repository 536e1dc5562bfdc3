using System.Diagnostics;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Processes;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// An ed25519 key pair made for one set of throw-away guests (<see cref="SshGuest"/>) in a private temporary folder,
/// gone on dispose: the public half goes into the guests' authorized_keys, the private half to ssh (-i).
/// </summary>
public sealed class ThrowAwaySshKey : IDisposable
{
    private readonly TempDirectory _folder;

    private ThrowAwaySshKey(TempDirectory folder, string privateKeyPath, string publicKey)
    {
        _folder = folder;
        PrivateKeyPath = privateKeyPath;
        PublicKey = publicKey;
    }

    /// <summary>The private key file (mode 600), for ssh's -i.</summary>
    public string PrivateKeyPath { get; }

    /// <summary>The public key as one authorized_keys line.</summary>
    public string PublicKey { get; }

    /// <summary>Makes a key pair with ssh-keygen.</summary>
    /// <exception cref="ToolchainException">ssh-keygen is missing or failed.</exception>
    public static async Task<ThrowAwaySshKey> CreateAsync(CancellationToken cancel)
    {
        var keygen = ExecutableLocator.FindOnPath("ssh-keygen")
            ?? throw new ToolchainException("ssh-keygen is needed to make the guests' key", "apt-get install openssh-client");
        var folder = new TempDirectory("stapsharp-ssh-");
        try
        {
            var path = folder.Combine("id_ed25519");
            var info = new ProcessStartInfo(keygen) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "stapsharp-guest", "-f", path })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new ToolchainException("cannot start ssh-keygen");
            var error = await process.StandardError.ReadToEndAsync(cancel).ConfigureAwait(false);
            await process.WaitForExitAsync(cancel).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new ToolchainException($"ssh-keygen failed: {error.Trim()}");
            }

            var publicKey = (await File.ReadAllTextAsync(path + ".pub", cancel).ConfigureAwait(false)).Trim();
            return new ThrowAwaySshKey(folder, path, publicKey);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public void Dispose() => _folder.Dispose();
}
