using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// The SystemTap toolchain found on this machine: stap, staprun, stapio, QEMU, a static busybox,
/// and the distribution kernel (release, headers, image) modules are built for.
/// </summary>
public sealed class StapToolchain
{
    /// <summary>The environment variable that picks a kernel release instead of the newest installed one.</summary>
    public const string KernelReleaseVariable = "STAPSHARP_KERNEL_RELEASE";

    private StapToolchain() { }

    /// <summary>Path of stap (the translator), or null.</summary>
    public string? StapPath { get; private init; }
    /// <summary>Path of staprun (module loader), or null.</summary>
    public string? StaprunPath { get; private init; }
    /// <summary>Path of stapio (staprun's output reader), or null.</summary>
    public string? StapioPath { get; private init; }
    /// <summary>Path of qemu-system-x86_64, or null.</summary>
    public string? QemuPath { get; private init; }
    /// <summary>Path of a statically linked busybox, or null when missing or dynamic.</summary>
    public string? BusyboxPath { get; private init; }
    /// <summary>Path of ldd (to find staprun's libraries for the guest), or null.</summary>
    public string? LddPath { get; private init; }
    /// <summary>SystemTap's runtime sources (/usr/share/systemtap/runtime), or null.</summary>
    public string? RuntimeSourceDir { get; private init; }
    /// <summary>The kernel modules are built for and the VM boots, or null when none is installed.</summary>
    public KernelInstall? Kernel { get; private init; }
    /// <summary>The target kernel release, e.g. "6.1.0-56-amd64"; null when no kernel was found.</summary>
    public string? KernelRelease => Kernel?.Release;
    /// <summary>The target kernel release when its headers are installed, so modules can be built for it; else null.</summary>
    public string? BuildRelease => Kernel is { HeadersDir: not null } kernel ? kernel.Release : null;
    /// <summary>The target kernel's debuginfo (installed or not); null when no kernel was found.</summary>
    public KernelDebuginfo? Debuginfo { get; private init; }
    /// <summary>Everything found and missing, with the command that fixes it.</summary>
    public ToolchainReport Report { get; private init; } = null!;

    /// <summary>
    /// Discovers the toolchain. The kernel release is <paramref name="kernelRelease"/>, else
    /// $STAPSHARP_KERNEL_RELEASE, else the newest release that has both headers and a vmlinuz.
    /// Never throws: what is missing is in <see cref="Report"/>.
    /// </summary>
    public static StapToolchain Discover(string? kernelRelease = null)
    {
        kernelRelease ??= Environment.GetEnvironmentVariable(KernelReleaseVariable);
        var kernel = string.IsNullOrWhiteSpace(kernelRelease)
            ? KernelReleaseLocator.FindInstalled().FirstOrDefault()
            : KernelReleaseLocator.Describe(kernelRelease.Trim());

        var busybox = ExecutableLocator.FindOnPath("busybox");
        var busyboxStatic = busybox is not null && ElfInspector.IsStaticallyLinked(busybox) == true;
        var runtimeDir = Directory.Exists("/usr/share/systemtap/runtime") ? "/usr/share/systemtap/runtime" : null;

        var stap = ExecutableLocator.FindOnPath("stap");
        var staprun = ExecutableLocator.FindOnPath("staprun");
        var stapio = ExecutableLocator.FirstExisting(
            "/usr/lib/systemtap/stapio", "/usr/libexec/systemtap/stapio", "/usr/local/libexec/systemtap/stapio");
        var qemu = ExecutableLocator.FindOnPath("qemu-system-x86_64");
        var ldd = ExecutableLocator.FindOnPath("ldd");

        var debuginfo = kernel is null ? null : KernelDebuginfo.Locate(kernel.Release);
        var headersPackage = kernel is null ? "linux-headers-amd64" : KernelHeadersInstaller.PackageName(kernel.Release);
        var imagePackage = kernel is null ? "linux-image-amd64" : "linux-image-" + kernel.Release;
        var items = new List<ToolchainItem>
        {
            Item("stap", "translate .stp to a module", stap, "systemtap"),
            Item("staprun", "load and run modules", staprun, "systemtap-runtime"),
            Item("stapio", "staprun's output reader", stapio, "systemtap-runtime"),
            Item("runtime sources", "compiled into every module", runtimeDir, "systemtap-runtime"),
            Item("kernel headers", "build modules (stap -r)", kernel?.HeadersDir, headersPackage,
                kernel is null ? "no kernel with headers in /lib/modules/*/build" : null),
            Item("kernel image", "boot the VM target", kernel?.KernelImage, imagePackage,
                kernel is null ? "no /boot/vmlinuz-*" : null),
            Item("qemu", "run the VM target", qemu, "qemu-system-x86"),
            new("busybox (static)", "the VM's shell and tools", busybox,  "busybox-static",
                busybox is null ? "not found" : busyboxStatic ? null : $"{busybox} is dynamically linked"),
            Item("ldd", "find staprun's libraries for the VM", ldd, "libc-bin"),
            new("kernel debuginfo", "kernel.function, module(...).function, .statement, $vars of tapset probes",
                debuginfo?.VmlinuxPath, debuginfo?.PackageName ?? "linux-image-amd64-dbg",
                debuginfo?.VmlinuxPath is null ? $"not installed ({KernelDebuginfo.InstallCommand})" : null, Optional: true),
        };

        return new StapToolchain
        {
            StapPath = stap,
            StaprunPath = staprun,
            StapioPath = stapio,
            QemuPath = qemu,
            BusyboxPath = busyboxStatic ? busybox : null,
            LddPath = ldd,
            RuntimeSourceDir = runtimeDir,
            Kernel = kernel,
            Debuginfo = debuginfo,
            Report = new ToolchainReport(items),
        };
    }

    /// <summary>Every kernel release installed here with headers or an image, the default (see <see cref="Discover"/>) first.</summary>
    public static IReadOnlyList<KernelInstall> InstalledKernels() => KernelReleaseLocator.FindInstalled();

    private static ToolchainItem Item(string name, string purpose, string? path, string package, string? whyMissing = null) =>
        new(name, purpose, path, package, path is null ? whyMissing ?? "not found" : null);

    /// <summary>Throws a <see cref="ToolchainException"/> naming the fix unless everything needed to build modules is present.</summary>
    public void RequireForBuild() => Require("build modules", "stap", "runtime sources", "kernel headers");

    /// <summary>Throws unless everything needed to run modules in the VM target is present.</summary>
    public void RequireForVm() => Require("run modules in a VM",
        "stap", "staprun", "stapio", "runtime sources", "kernel headers", "kernel image", "qemu", "busybox (static)", "ldd");

    /// <summary>Throws unless staprun is present for the local target.</summary>
    public void RequireForLocal() => Require("run modules locally", "staprun", "stapio");

    /// <summary>
    /// Throws a <see cref="ToolchainException"/> naming the package and how to install it unless the debuginfo
    /// <paramref name="requirement"/> names is installed for the target release.
    /// </summary>
    public void RequireDebuginfo(DebuginfoRequirement requirement)
    {
        if (requirement.IsEmpty)
        {
            return;
        }

        var debuginfo = Debuginfo ?? throw new ToolchainException("no kernel is installed to look up debuginfo for", "apt-get install linux-image-amd64");
        if (debuginfo.Check(requirement) is { } shortfall)
        {
            throw new ToolchainException($"cannot build: {shortfall}", debuginfo.IsInstalled ? null : KernelDebuginfo.InstallCommand);
        }
    }

    private void Require(string purpose, params string[] names)
    {
        var missing = Report.Items.Where(i => names.Contains(i.Name) && !i.IsOk).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var what = string.Join(", ", missing.Select(i => $"{i.Name} ({i.Problem})"));
        throw new ToolchainException($"cannot {purpose}: missing {what}", ToolchainReport.FixCommandFor(missing));
    }
}
