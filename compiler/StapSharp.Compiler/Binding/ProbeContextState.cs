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

    /// <summary>
    /// Nesting depth of places where stap never checks an <c>@entry</c>: the argument of
    /// <c>@defined(@entry(...))</c> and what it guards. Outside a return probe stap folds that test to 0
    /// and drops the guarded branch before it resolves the <c>@entry</c> in it.
    /// </summary>
    public int EntryGuardDepth { get; set; }

    /// <summary>Binds <paramref name="bind"/> where an <c>@entry</c> is guarded by <c>@defined(@entry(...))</c>.</summary>
    public T UnderEntryGuard<T>(Func<T> bind)
    {
        EntryGuardDepth++;
        try
        {
            return bind();
        }
        finally
        {
            EntryGuardDepth--;
        }
    }

    /// <summary>True for the bound test <c>@defined(@entry(...))</c>.</summary>
    public static bool IsEntryGuard(IR.Expression condition) =>
        condition is IR.AtOperator { Kind: IR.AtOperatorKind.Defined, Operand: IR.AtOperator { Kind: IR.AtOperatorKind.Entry } };

    /// <summary><c>catch (StapException e)</c>: the stap string local standing for <c>e.Message</c>.</summary>
    public Dictionary<ILocalSymbol, string> CatchMessages { get; } = new(SymbolEqualityComparer.Default);
}
