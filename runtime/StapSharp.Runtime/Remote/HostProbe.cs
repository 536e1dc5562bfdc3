using System.Globalization;

namespace StapSharp.Runtime.Remote;

/// <summary>What a host told before the run: its kernel release and its clock against this one.</summary>
/// <param name="Clock">Null when the host's date cannot print nanoseconds (it runs all the same).</param>
public sealed record HostIdentity(RemoteHost Host, string Release, ClockOffset? Clock);

/// <summary>
/// Reaches a host once before the run, over the same ssh transport the run uses: one connection prints the kernel
/// release (the module to build), then answers each line it reads with its clock (date +%s%N); the exchange with the
/// shortest round trip gives the clock offset (<see cref="ClockOffset.Estimate"/>).
/// </summary>
public static class HostProbe
{
    /// <summary>The remote command: fixed text, nothing of the user's.</summary>
    public const string RemoteCommand = "uname -r; while read -r _; do date +%s%N; done";

    /// <summary>Exchanges with the host's clock.</summary>
    public const int ClockSamples = 8;

    /// <summary>Reaches <paramref name="host"/>; a host that cannot be reached is a <see cref="HostFault"/>, not an exception.</summary>
    public static async Task<(HostIdentity? Identity, HostFault? Fault)> ReachAsync(RemoteHost host, SshSettings ssh, CancellationToken cancel)
    {
        SshProcess process;
        try
        {
            process = SshProcess.Start(host, ssh, RemoteCommand, _ => ValueTask.CompletedTask);
        }
        catch (InvalidOperationException e)
        {
            return (null, new HostFault(HostStage.Connect, e.Message));
        }

        await using var ownedProcess = process;
        try
        {
            var release = await process.ReadLineAsync(cancel).ConfigureAwait(false);
            if (release is null)
            {
                process.CloseInput();
                var code = await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false);
                var errors = process.LastErrors;
                return (null, new HostFault(HostStage.Connect, code == StapshProtocol.SshFailureExitCode
                    ? "ssh could not connect: " + (errors.Length > 0 ? errors : "ssh exited with code 255")
                    : $"the host closed the connection (exit code {code}){(errors.Length > 0 ? ": " + errors : "")}"));
            }

            release = release.Trim();
            if (!StapshProtocol.IsRelease(release))
            {
                return (null, new HostFault(HostStage.Connect, $"uname -r printed '{StapshProtocol.Printable(release)}', not a kernel release"));
            }

            var samples = new List<ClockSample>();
            for (var i = 0; i < ClockSamples; i++)
            {
                var sent = UnixNanoseconds();
                await process.WriteAsync("\n", cancel).ConfigureAwait(false);
                var answer = await process.ReadLineAsync(cancel).ConfigureAwait(false);
                var received = UnixNanoseconds();
                if (answer is null || !long.TryParse(answer.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var remote))
                {
                    break;
                }

                samples.Add(new ClockSample(sent, remote, received));
            }

            process.CloseInput();
            return (new HostIdentity(host, release, samples.Count > 0 ? ClockOffset.Estimate(samples) : null), null);
        }
        catch (IOException e)
        {
            return (null, new HostFault(HostStage.Connect, $"the connection broke: {e.Message} {process.LastErrors}".Trim()));
        }
        catch (TimeoutException)
        {
            return (null, new HostFault(HostStage.Connect, "the host did not answer"));
        }
    }

    /// <summary>This machine's CLOCK_REALTIME in Unix nanoseconds.</summary>
    internal static long UnixNanoseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
