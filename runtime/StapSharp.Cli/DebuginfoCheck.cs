using StapSharp.Compiler;
using StapSharp.Compiler.Debuginfo;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli;

/// <summary>
/// Checks, before stap runs, that the debuginfo a script's probes need is installed for the target kernel,
/// and says so at the probe that needs it: one error for a package that is not installed, one per module it lacks.
/// </summary>
internal static class DebuginfoCheck
{
    /// <summary>What the runtime checks again before a build: the kernel's own debuginfo, and the modules'.</summary>
    public static DebuginfoRequirement RequirementOf(CompiledScript script) =>
        script.Debuginfo.NeedsKernelPackage
            ? new DebuginfoRequirement(script.Debuginfo.NeedsKernelDebuginfo, script.Debuginfo.DebuginfoModules)
            : DebuginfoRequirement.None;

    /// <summary>The errors for what <paramref name="script"/> needs and <paramref name="debuginfo"/> lacks; empty when all is there.</summary>
    public static IReadOnlyList<StapDiagnostic> Find(CompiledScript script, KernelDebuginfo? debuginfo)
    {
        if (debuginfo is null || debuginfo.Check(RequirementOf(script)) is not { } shortfall)
        {
            return [];
        }

        var needs = script.Debuginfo;
        if (!debuginfo.IsInstalled)
        {
            // One package holds the kernel's and every module's debuginfo: one error, at the first probe that needs any of it.
            var first = needs.Required.First(u => u.Owner is DebuginfoOwner.Kernel or DebuginfoOwner.KernelModule);
            return [DiagnosticCatalog.KernelDebuginfoMissing.At(first.Span, first.Construct, debuginfo.Release, debuginfo.InstallAdvice())];
        }

        return needs.KernelModuleUses
            .Where(use => shortfall.Modules.Contains(use.Name!))
            .Select(use => DiagnosticCatalog.ModuleDebuginfoMissing.At(use.Span, use.Construct, use.Name!, debuginfo.Release, debuginfo.ModulesDirectory!))
            .ToList();
    }

    /// <summary>
    /// After stap failed: when it said it found no kernel debuginfo (its messages point to
    /// <c>[man warning::debuginfo]</c>) and none is installed, the failure may be only that, which the
    /// translator cannot see in tapset probes. Placed at stap's first error where it names a place of the
    /// script, else at the first tapset probe (stap names the tapset's place for a point that resolved to nothing); null otherwise.
    /// </summary>
    public static StapDiagnostic? HintAfterFailure(CompiledScript script, KernelDebuginfo? debuginfo, string stapStderr, IReadOnlyList<StapDiagnostic> mapped)
    {
        if (debuginfo is null || debuginfo.IsInstalled || !stapStderr.Contains(StapDebuginfoPointer, StringComparison.Ordinal))
        {
            return null;
        }

        var span = mapped.FirstOrDefault(d => d.Severity == StapSeverity.Error && !d.Span.IsNone)?.Span
            ?? script.Debuginfo.Uses.FirstOrDefault(u => u.Necessity == DebuginfoNecessity.ThroughTapset)?.Span
            ?? SourceSpan.None;
        return DiagnosticCatalog.DebuginfoMayBeMissing.At(span, debuginfo.Release, debuginfo.InstallAdvice());
    }

    /// <summary>How stap's messages about debuginfo it could not find end: a pointer to its manual page on it.</summary>
    private const string StapDebuginfoPointer = "[man warning::debuginfo]";

    /// <summary>Writes the errors of <see cref="Find"/>; true when there were any.</summary>
    public static bool Report(CompiledScript script, KernelDebuginfo? debuginfo, TextWriter writer)
    {
        var errors = Find(script, debuginfo);
        ScriptBuilder.Report(errors, writer);
        return errors.Count > 0;
    }
}
