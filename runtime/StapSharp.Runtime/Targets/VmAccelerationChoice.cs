using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Targets;

/// <summary>Chooses the VM target's accelerator for a toolchain's QEMU, kernel and busybox.</summary>
public static class VmAccelerationChoice
{
    extension(VmAcceleration)
    {
        /// <summary>
        /// KVM where /dev/kvm boots the guest kernel, else TCG with a <see cref="VmAcceleration.Notice"/>. The first call on
        /// a host with /dev/kvm boots the guest once under KVM (at most 20 s: on some nested hosts it hangs in early boot);
        /// the verdict is kept per host and guest kernel in <paramref name="cacheRoot"/> (default: the build-tree cache), so
        /// later calls cost nothing. <paramref name="progress"/> hears of the probe boot only when one is paid.
        /// </summary>
        /// <exception cref="ToolchainException">The probe boot is needed and there is no busybox for it.</exception>
        public static Task<VmAcceleration> ChooseAsync(
            StapToolchain toolchain, IProgress<string>? progress, CancellationToken cancel, string? cacheRoot = null) =>
            ToolchainException.FromMachineAsync(() => KvmProbe.ChooseAsync(
                toolchain.QemuPath, toolchain.Kernel?.KernelImage, toolchain.KernelRelease,
                busyboxCancel => GuestPrograms.BusyboxAsync(toolchain, busyboxCancel),
                cacheRoot ?? KernelBuildTree.DefaultCacheRoot(), progress, cancel));
    }
}
