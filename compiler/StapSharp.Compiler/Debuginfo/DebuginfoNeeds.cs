using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Debuginfo;

/// <summary>Whose DWARF debuginfo stap reads to resolve a construct.</summary>
public enum DebuginfoOwner
{
    /// <summary>The kernel's (vmlinux with its DWARF).</summary>
    Kernel,

    /// <summary>A kernel module's (<see cref="DebuginfoUse.Name"/> is the module, possibly a pattern).</summary>
    KernelModule,

    /// <summary>A user-space program's or library's (<see cref="DebuginfoUse.Name"/> is its path); its own package, not the kernel's.</summary>
    Program,
}

/// <summary>How surely a construct needs the debuginfo.</summary>
public enum DebuginfoNecessity
{
    /// <summary>stap resolves it through DWARF only: without the debuginfo the script fails.</summary>
    Required,

    /// <summary>On optional points only (<c>?</c>, <c>!</c>): without the debuginfo the probe resolves to nothing.</summary>
    Optional,

    /// <summary>
    /// A tapset probe (<c>vfs.read</c>, <c>syscall.mkdir</c>), or a target variable or <c>@entry</c> in one: it needs
    /// the debuginfo when the tapset resolves the point through DWARF, which the translator cannot see.
    /// </summary>
    ThroughTapset,
}

/// <summary>One construct of a script that stap resolves through debuginfo.</summary>
/// <param name="Owner">Whose debuginfo.</param>
/// <param name="Name">The module (or module pattern) or program; null for the kernel.</param>
/// <param name="Span">The <c>[Probe]</c> attribute of the probe that needs it.</param>
/// <param name="Construct">What needs it, as the script reads: <c>kernel.function("do_mkdirat")</c>, <c>$mode</c>, <c>@entry</c>.</param>
/// <param name="Necessity">Whether the script fails without it.</param>
public sealed record DebuginfoUse(DebuginfoOwner Owner, string? Name, SourceSpan Span, string Construct, DebuginfoNecessity Necessity);

/// <summary>
/// Which debuginfo a script needs, derived from its parsed probe points and its bound IR
/// (see <see cref="DebuginfoAnalysis"/>), in the order its probes are written.
/// </summary>
public sealed record DebuginfoNeeds(IReadOnlyList<DebuginfoUse> Uses)
{
    /// <summary>A script that resolves without any debuginfo.</summary>
    public static DebuginfoNeeds None { get; } = new([]);

    /// <summary>The uses without which the script fails.</summary>
    public IEnumerable<DebuginfoUse> Required => Uses.Where(u => u.Necessity == DebuginfoNecessity.Required);

    /// <summary>The first probe that cannot resolve without the kernel's own debuginfo (vmlinux); null when none needs it.</summary>
    public DebuginfoUse? FirstKernelUse => Required.FirstOrDefault(u => u.Owner == DebuginfoOwner.Kernel);

    /// <summary>The kernel modules whose debuginfo the script needs (names or patterns, as written), each with its first use.</summary>
    public IReadOnlyList<DebuginfoUse> KernelModuleUses =>
        Required.Where(u => u.Owner == DebuginfoOwner.KernelModule).DistinctBy(u => u.Name).ToList();

    /// <summary>True when some probe cannot resolve without the kernel's or a kernel module's debuginfo.</summary>
    public bool NeedsKernelPackage => Required.Any(u => u.Owner is DebuginfoOwner.Kernel or DebuginfoOwner.KernelModule);

    /// <summary>Whether the build needs the kernel's own debuginfo: what the runtime checks before building.</summary>
    public bool NeedsKernelDebuginfo => FirstKernelUse is not null;

    /// <summary>The kernel modules whose debuginfo the build needs: what the runtime checks before building.</summary>
    public IReadOnlyList<string> DebuginfoModules => NeedsKernelPackage ? KernelModuleUses.Select(u => u.Name!).ToList() : [];

    /// <summary>The programs whose own debuginfo the script needs (not checked: it comes with each program's package).</summary>
    public IReadOnlyList<string> Programs =>
        Required.Where(u => u.Owner == DebuginfoOwner.Program).Select(u => u.Name!).Distinct(StringComparer.Ordinal).ToList();
}
