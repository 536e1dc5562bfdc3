namespace StapSharp.Runtime.Machines;

/// <summary>How QEMU runs the guest's CPU.</summary>
public enum VmAccelerator
{
    /// <summary>QEMU's own translator: works everywhere, a CPU-bound guest runs several times slower.</summary>
    Tcg,

    /// <summary>The host's KVM (/dev/kvm): near native speed, where it boots the guest.</summary>
    Kvm,
}

/// <summary>
/// The accelerator the VM uses on this host, and the line to tell the user when it is not the one hoped for
/// (<c>VmAcceleration.ChooseAsync</c> finds it for a toolchain).
/// </summary>
/// <param name="Accelerator">What QEMU runs the guest with.</param>
/// <param name="Notice">Set when /dev/kvm exists but the guest runs under TCG: why, in one line.</param>
/// <param name="FromCache">True when the verdict was read from the cache (no probe boot was paid).</param>
public sealed record VmAcceleration(VmAccelerator Accelerator, string? Notice, bool FromCache)
{
    /// <summary>TCG, with nothing to say: the default for hosts without /dev/kvm.</summary>
    public static VmAcceleration Tcg { get; } = new(VmAccelerator.Tcg, null, FromCache: false);
}
