using System.Security.Cryptography;
using System.Text;
using StapSharp.Compiler;

namespace StapSharp.Cli;

/// <summary>Where an emitted script is written for stap: a folder named by its content, so reruns reuse it.</summary>
internal static class ScriptFiles
{
    public static string Write(CompiledScript script)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(script.Text)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "stapsharp", hash);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, script.FileName);
        File.WriteAllText(path, script.Text);
        return path;
    }

    /// <summary>stap module names are lower-case letters, digits and _, and short.</summary>
    public static string ModuleName(CompiledScript script)
    {
        var name = new string(script.ClassName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return "stapsharp_" + (name.Length > 40 ? name[..40] : name);
    }
}
