using StapSharp.Compiler.Diagnostics;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli;

/// <summary>
/// After <c>check</c> failed against the installed kernel headers: stap decides whether the kernel has uretprobes from
/// the symbol map, and Debian's is a stub, so until the build tree is prepared it rejects every
/// <c>process(...).return</c> probe. Says so, with the way out, at stap's first error.
/// </summary>
internal static class UprobesCheckHint
{
    /// <summary>How stap's message on a kernel without (inode) uprobes or uretprobes ends: a pointer to its manual page.</summary>
    private const string StapUprobesPointer = "[man error::inode-uprobes]";

    public static StapDiagnostic? AfterFailure(KernelBuildTree tree, string stapStderr, IReadOnlyList<StapDiagnostic> mapped)
    {
        if (tree.IsPrepared || !stapStderr.Contains(StapUprobesPointer, StringComparison.Ordinal))
        {
            return null;
        }

        var span = mapped.FirstOrDefault(d => d.Severity == StapSeverity.Error && !d.Span.IsNone)?.Span ?? SourceSpan.None;
        return DiagnosticCatalog.UprobesHiddenFromCheck.At(span,
            "run the script once with `stapsharp run` (it prepares the kernel build tree with the real symbol map, one VM boot); `check` uses that tree from then on");
    }
}
