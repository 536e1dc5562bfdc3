using Microsoft.CodeAnalysis;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>What the target-variable and try/catch binders track while binding one body.</summary>
internal sealed class ProbeContextState
{
    /// <summary>
    /// The body is a probe whose every point is a <c>.return</c> probe: <c>@entry</c> is allowed, and a
    /// bare <c>$param</c> (which stap reads at entry) must say so with <c>Entry(...)</c>.
    /// </summary>
    public bool AllPointsReturn { get; set; }

    /// <summary>What the probe's points do with a procfs file's <c>$value</c>: set it (<c>.read</c>), read it (<c>.write</c>), or neither.</summary>
    public ProcfsAccess Procfs { get; set; }

    /// <summary>Nesting depth of <c>Entry(...)</c> and <c>Defined(...)</c> arguments being bound (reads there are explicit).</summary>
    public int ExplicitDepth { get; set; }

    /// <summary><c>catch (StapException e)</c>: the stap string local standing for <c>e.Message</c>.</summary>
    public Dictionary<ILocalSymbol, string> CatchMessages { get; } = new(SymbolEqualityComparer.Default);
}
