using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Sessions;

/// <summary>Where a session runs its modules.</summary>
public enum TargetChoice
{
    /// <summary>This kernel when it can load modules (<see cref="HostCapabilities.CanLoadModules"/>), else a QEMU VM.</summary>
    Auto,
    /// <summary>This kernel, with staprun.</summary>
    Local,
    /// <summary>A throw-away QEMU VM booting the distribution kernel.</summary>
    Vm,
}

/// <summary>The target a <see cref="TargetChoice"/> resolved to on this host.</summary>
/// <param name="UsesVm">True for the VM target, false for this kernel.</param>
/// <param name="RunningRelease">
/// The release modules are built for: this kernel's when running locally; for the VM, the installed release it boots
/// (null: the default one, see <see cref="StapToolchain.Discover"/>).
/// </param>
/// <param name="FallbackReason">Set when <see cref="TargetChoice.Auto"/> fell back to the VM: why this kernel cannot load modules.</param>
public sealed record TargetDecision(bool UsesVm, string? RunningRelease, string? FallbackReason)
{
    /// <summary>Resolves <paramref name="choice"/>; only <see cref="TargetChoice.Auto"/> and <see cref="TargetChoice.Local"/> look at the host.</summary>
    /// <exception cref="ToolchainException"><see cref="TargetChoice.Local"/> on a host whose kernel cannot load modules: the message says why.</exception>
    public static TargetDecision Resolve(TargetChoice choice) => Resolve(choice, HostCapabilities.Detect);

    internal static TargetDecision Resolve(TargetChoice choice, Func<HostCapabilities> detectHost)
    {
        switch (choice)
        {
            case TargetChoice.Vm:
                return new(true, null, null);
            case TargetChoice.Local:
                // Said before anything is looked up for this kernel: its headers cannot help a kernel that loads no modules.
                var local = detectHost();
                return local.CanLoadModules
                    ? new(false, local.RunningRelease, null)
                    : throw new ToolchainException($"--local: this kernel cannot load modules: {local.Reason}; run in the QEMU VM instead (--vm)");
            case TargetChoice.Auto:
                var host = detectHost();
                return host.CanLoadModules ? new(false, host.RunningRelease, null) : new(true, null, host.Reason);
            default:
                throw new ArgumentOutOfRangeException(nameof(choice), choice, "choose Auto, Local or Vm");
        }
    }
}
