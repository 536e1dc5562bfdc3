using System.Security.Cryptography;
using System.Text;

namespace StapSharp.Runtime.Sessions;

/// <summary>Where a script is written for stap: a folder named by its content, so reruns reuse it (and its built module).</summary>
public static class ScriptFolder
{
    /// <summary>Writes <paramref name="text"/> as <paramref name="fileName"/> in $TMPDIR/stapsharp/HASH/ and returns the file's path.</summary>
    public static string Write(string fileName, string text)
    {
        if (fileName.Length == 0 || Path.GetFileName(fileName) != fileName)
            throw new ArgumentException($"'{fileName}' is not a plain file name", nameof(fileName));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "stapsharp", hash);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes <paramref name="script"/> and returns its path.</summary>
    public static string Write(StapScript script) => Write(script.FileName, script.Text);
}
