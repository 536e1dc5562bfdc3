namespace StapSharp.Runtime.Sessions;

/// <summary>A SystemTap script ready for stap: its text, the file name stap sees, and the module name to build.</summary>
/// <param name="FileName">The .stp file name, e.g. "MkdirTrace.stp"; stap's messages quote it.</param>
/// <param name="Text">The script.</param>
/// <param name="ModuleName">The kernel module's name (a C identifier of at most 55 characters).</param>
public sealed record StapScript(string FileName, string Text, string ModuleName)
{
    /// <summary>stap options the script needs, e.g. -g for a guru-mode script.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The script's positional arguments ($1, @1, ...), compiled into its module.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The kernel and module debuginfo the script cannot be built without; checked before building.</summary>
    public Toolchain.DebuginfoRequirement Debuginfo { get; init; } = Toolchain.DebuginfoRequirement.None;

    /// <summary>
    /// The user's own .stp file this script is (null for a generated script). stap reads it where it is, so its
    /// messages name that file; only the module is built into the cache.
    /// </summary>
    public string? SourcePath { get; init; }

    /// <summary>The script of a probe class: file CLASS.stp, module stapsharp_class.</summary>
    public static StapScript ForClass(string className, string text) =>
        new(className + ".stp", text, ModuleNameFor(className));

    /// <summary>
    /// The script a probe class was translated to at build time (the generated <c>CLASS.Script</c>), with the
    /// options and debuginfo its build needs: nothing is translated at run time.
    /// </summary>
    /// <param name="arguments">The script's positional arguments ($1, @1, ...), compiled into its module.</param>
    public static StapScript From(TranslatedScript script, IReadOnlyList<string>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        var options = script.Options;
        return new(script.FileName, script.Text, script.ModuleName)
        {
            Options = options.StapOptions,
            Arguments = arguments ?? [],
            Debuginfo = options.KernelDebuginfo || options.DebuginfoModules.Count > 0
                ? new Toolchain.DebuginfoRequirement(options.KernelDebuginfo, options.DebuginfoModules)
                : Toolchain.DebuginfoRequirement.None,
        };
    }

    /// <summary>The plain SystemTap script at <paramref name="path"/>, whose <paramref name="text"/> was read: module stapsharp_NAME.</summary>
    public static StapScript ForFile(string path, string text)
    {
        var full = Path.GetFullPath(path);
        return new(Path.GetFileName(full), text, ModuleNameFor(Path.GetFileNameWithoutExtension(full))) { SourcePath = full };
    }

    /// <summary>stap module names are lower-case letters, digits and _, and short (<see cref="TranslatedScript.ModuleNameFor"/>).</summary>
    public static string ModuleNameFor(string className) => TranslatedScript.ModuleNameFor(className);
}
