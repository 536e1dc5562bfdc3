namespace StapSharp.Runtime.Remote;

/// <summary>A module for one kernel release, or why it could not be built.</summary>
public sealed record ReleaseModule(string? ModulePath, string? Failure)
{
    /// <summary>A built module.</summary>
    public static ReleaseModule Built(string path) => new(path, null);

    /// <summary>A build that failed, with stap's reason.</summary>
    public static ReleaseModule Failed(string reason) => new(null, reason);
}

/// <summary>A fleet ready to run: the hosts that can, and the reports of those that dropped out already.</summary>
public sealed record FleetPreparation(IReadOnlyList<RemoteHostRun> Ready, IReadOnlyList<RemoteHostReport> DroppedOut);

/// <summary>
/// Gets a fleet of hosts ready for one probe script: reaches every host at once (release, clock), builds one module
/// per distinct release (<see cref="ReleaseBuildPlan"/>), and hands back the hosts ready to run. A host that cannot be
/// reached, or whose build fails, is a report with its reason; the others go on.
/// </summary>
public static class RemoteFleet
{
    /// <param name="hosts">The targets, each once (<see cref="HostsFile.Combine"/>).</param>
    /// <param name="ssh">How ssh reaches them.</param>
    /// <param name="build">Builds the module for a release (stap -p4 -r RELEASE, cached); called once per release, one at a time.</param>
    /// <param name="progress">One line per host reached or dropped, and per build.</param>
    public static async Task<FleetPreparation> PrepareAsync(
        IReadOnlyList<RemoteHost> hosts, SshSettings ssh, Func<string, CancellationToken, Task<ReleaseModule>> build,
        IProgress<string>? progress, CancellationToken cancel)
    {
        var reached = await Task.WhenAll(hosts.Select(host => HostProbe.ReachAsync(host, ssh, cancel))).ConfigureAwait(false);
        var dropped = new List<RemoteHostReport>();
        var identities = new List<HostIdentity>();
        foreach (var (host, (identity, fault)) in hosts.Zip(reached))
        {
            if (identity is null)
            {
                dropped.Add(new RemoteHostReport(host, null, null, null, 0, null, fault));
                progress?.Report($"{host.Name}: {fault}");
                continue;
            }

            identities.Add(identity);
            progress?.Report($"{host.Name}: {identity.Release}, clock {identity.Clock?.ToString() ?? "unknown"}");
        }

        var ready = new List<RemoteHostRun>();
        foreach (var release in ReleaseBuildPlan.For(identities.Select(i => (i.Host, i.Release))))
        {
            var module = await build(release.Release, cancel).ConfigureAwait(false);
            foreach (var identity in identities.Where(i => release.Hosts.Contains(i.Host)))
            {
                if (module.ModulePath is { } path)
                {
                    ready.Add(new RemoteHostRun(identity, path, ssh));
                }
                else
                {
                    dropped.Add(new RemoteHostReport(identity.Host, identity.Release, identity.Clock, null, 0, null,
                        new HostFault(HostStage.Build, module.Failure ?? "the module did not build")));
                }
            }
        }

        return new FleetPreparation(ready, dropped);
    }
}
