using StapSharp.Runtime.Build;

namespace StapSharp.Runtime.Sessions;

/// <summary>A module build of one script.</summary>
/// <param name="ScriptPath">Where the script was written; stap's messages name this file (map them back with it).</param>
/// <param name="Result">stap -p4's outcome, with its untouched stderr.</param>
public sealed record ScriptBuild(string ScriptPath, ModuleBuildResult Result)
{
    /// <summary>The kernel release the module was built for (stap -r).</summary>
    public string Release { get; init; } = string.Empty;

    /// <summary>True when the module was built.</summary>
    public bool Succeeded => Result.Succeeded;

    /// <summary>The built module; throws when the build failed.</summary>
    public string ModulePath => Result.ModulePath
        ?? throw new InvalidOperationException($"the module of {ScriptPath} was not built; see {nameof(Result)}.{nameof(ModuleBuildResult.Stderr)}");
}
