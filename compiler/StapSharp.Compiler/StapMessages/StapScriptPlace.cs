using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;

namespace StapSharp.Compiler.StapMessages;

/// <summary>Where a place stap names (FILE:LINE) is in the C#: the one rule both build and run messages follow.</summary>
internal static class StapScriptPlace
{
    /// <summary>
    /// True when <paramref name="file"/> is the generated script. stap names the file in full once and leaves it
    /// empty in later places of the same message, so an empty name is the script too.
    /// </summary>
    public static bool IsScript(string file, string stpPath) =>
        file.Length == 0 || Path.GetFileName(file) == Path.GetFileName(stpPath);

    /// <summary>The C# span that produced line <paramref name="stpLine"/> of the script, or none.</summary>
    public static SourceSpan ToCSharp(int stpLine, SourceMap map) => map.Lookup(stpLine);
}
