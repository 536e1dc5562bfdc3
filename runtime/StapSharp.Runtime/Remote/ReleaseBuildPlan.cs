namespace StapSharp.Runtime.Remote;

/// <summary>One module build for the hosts that run one kernel release.</summary>
/// <param name="Release">The kernel release (stap -r).</param>
/// <param name="Hosts">The hosts that run it, in the order they were given.</param>
public sealed record ReleaseBuild(string Release, IReadOnlyList<RemoteHost> Hosts);

/// <summary>The builds a fleet needs: one module per distinct kernel release among the hosts reached.</summary>
public static class ReleaseBuildPlan
{
    /// <summary>
    /// Groups <paramref name="hosts"/> by release, in the order each release first appears. Releases are compared
    /// exactly (uname -r is the module's vermagic: two spellings are two kernels).
    /// </summary>
    /// <exception cref="ArgumentException">A release is not a release name (it would become stap's -r argument).</exception>
    public static IReadOnlyList<ReleaseBuild> For(IEnumerable<(RemoteHost Host, string Release)> hosts)
    {
        var builds = new List<(string Release, List<RemoteHost> Hosts)>();
        foreach (var (host, release) in hosts)
        {
            if (!StapshProtocol.IsRelease(release))
            {
                throw new ArgumentException($"{host.Name}: '{StapshProtocol.Printable(release)}' is not a kernel release", nameof(hosts));
            }

            var build = builds.FindIndex(b => b.Release == release);
            if (build < 0)
            {
                builds.Add((release, [host]));
            }
            else
            {
                builds[build].Hosts.Add(host);
            }
        }

        return builds.Select(b => new ReleaseBuild(b.Release, b.Hosts)).ToList();
    }
}
