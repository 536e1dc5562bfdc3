using StapSharp.Compiler;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli;

/// <summary>A translated probe class as the runtime's sessions take it, and where it is written for stap.</summary>
internal static class ScriptFiles
{
    public static StapScript ToStapScript(CompiledScript script) => StapScript.ForClass(script.ClassName, script.Text);

    public static string Write(CompiledScript script) => ScriptFolder.Write(script.FileName, script.Text);
}
