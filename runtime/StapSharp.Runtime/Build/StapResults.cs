namespace StapSharp.Runtime.Build;

/// <summary>The outcome of one stap run (passes 1-4).</summary>
/// <param name="ExitCode">stap's exit code (0 = success; -1 when it was stopped by the time bound).</param>
/// <param name="Stdout">stap's standard output.</param>
/// <param name="Stderr">stap's standard error, untouched (warnings and errors with file:line:col).</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record StapResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>True when stap exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;
    /// <summary>True when the time bound stopped stap.</summary>
    public bool TimedOut { get; init; }
}

/// <summary>The outcome of building a kernel module with stap -p4.</summary>
/// <param name="Succeeded">True when the .ko was produced.</param>
/// <param name="ModulePath">Full path of the module; null when the build failed.</param>
/// <param name="Stderr">stap's standard error, untouched.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ModuleBuildResult(bool Succeeded, string? ModulePath, string Stderr, TimeSpan Elapsed)
{
    /// <summary>stap's exit code (-1 when it was stopped by the time bound).</summary>
    public int ExitCode { get; init; }
    /// <summary>True when the time bound stopped the build.</summary>
    public bool TimedOut { get; init; }
    /// <summary>True when the module came from the <see cref="ModuleCache"/> instead of a build.</summary>
    public bool FromCache { get; init; }
}
