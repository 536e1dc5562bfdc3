using StapSharp.Compiler;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli;

/// <summary>A translated probe class as the runtime's sessions take it, and where it is written for stap.</summary>
internal static class ScriptFiles
{
    /// <param name="arguments">The script's positional arguments ($1, @1, ...), already checked.</param>
    public static StapScript ToStapScript(CompiledScript script, IReadOnlyList<string>? arguments = null) =>
        StapScript.ForClass(script.ClassName, script.Text) with
        {
            Options = StapOptions(script),
            Arguments = arguments ?? [],
            Debuginfo = DebuginfoCheck.RequirementOf(script),
        };

    /// <summary>The stap options a script needs: -g for a [Guru] script.</summary>
    public static IReadOnlyList<string> StapOptions(CompiledScript script) => script.RequiresGuru ? ["-g"] : [];

    public static string Write(CompiledScript script) => ScriptFolder.Write(script.FileName, script.Text);
}
