using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Toolchain;

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

    /// <summary>
    /// The target whose session builds the module for <paramref name="kernel"/>'s release on this machine: the VM's
    /// when its headers and image are here (the build tree is prepared once: patched runtime, the booted kernel's
    /// symbols; the stock runtime fails pass 4 on kernels that renamed task_work_cancel), else its headers as they are.
    /// </summary>
    /// <returns>The target, or null when the release's headers are not installed here: <paramref name="failure"/> names their package.</returns>
    public static TargetDecision? TargetFor(KernelInstall kernel, out string? failure)
    {
        failure = kernel.HeadersDir is null
            ? $"no kernel headers for {kernel.Release} here: apt-get install {KernelHeadersInstaller.PackageName(kernel.Release)}, or run with --install-headers"
            : null;
        return failure is null ? new TargetDecision(UsesVm: kernel.IsComplete, RunningRelease: kernel.Release, FallbackReason: null) : null;
    }
}
