namespace StapSharp.Runtime.Targets;

/// <summary>How QEMU runs the guest's CPU.</summary>
public enum VmAccelerator
{
    /// <summary>QEMU's own translator: works everywhere, a CPU-bound guest runs several times slower.</summary>
    Tcg,

    /// <summary>The host's KVM (/dev/kvm): near native speed, where it boots the guest.</summary>
    Kvm,
}

/// <summary>The accelerator the VM target uses on this host, and the line to tell the user when it is not the one hoped for.</summary>
/// <param name="Accelerator">What QEMU runs the guest with.</param>
/// <param name="Notice">Set when /dev/kvm exists but the guest runs under TCG: why, in one line.</param>
/// <param name="FromCache">True when the verdict was read from the cache (no probe boot was paid).</param>
public sealed record VmAcceleration(VmAccelerator Accelerator, string? Notice, bool FromCache)
{
    /// <summary>TCG, with nothing to say: the default for hosts without /dev/kvm.</summary>
    public static VmAcceleration Tcg { get; } = new(VmAccelerator.Tcg, null, FromCache: false);

    /// <summary>
    /// KVM where /dev/kvm boots the guest kernel, else TCG with a <see cref="Notice"/>. The first call on a host with
    /// /dev/kvm boots the guest once under KVM (at most 20 s: on some nested hosts it hangs in early boot); the verdict
    /// is kept per host and guest kernel in <paramref name="cacheRoot"/> (default: the build-tree cache), so later calls
    /// cost nothing. <paramref name="progress"/> hears of the probe boot only when one is paid.
    /// </summary>
    public static Task<VmAcceleration> ChooseAsync(
        Toolchain.StapToolchain toolchain, IProgress<string>? progress, CancellationToken cancel, string? cacheRoot = null) =>
        Vm.KvmProbe.ChooseAsync(toolchain, cacheRoot ?? Toolchain.KernelBuildTree.DefaultCacheRoot(), progress, cancel);
}
