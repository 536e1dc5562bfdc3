using System.Security.Cryptography;
using System.Text;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Sessions;

/// <summary>
/// Where a script is written for stap: a folder named by its content, so reruns reuse it (and its built
/// module), under the user's own cache (<see cref="KernelBuildTree.DefaultCacheRoot"/>/scripts). Not in the
/// shared temporary folder: there another user could make the folder first and swap the script or the
/// module between its writing and stap or staprun (as root) reading it.
/// </summary>
public static class ScriptFolder
{
    /// <summary>Writes <paramref name="text"/> as <paramref name="fileName"/> in the cache's scripts/HASH/ and returns the file's path.</summary>
    /// <exception cref="ToolchainException">The cache folder cannot be written.</exception>
    public static string Write(string fileName, string text)
    {
        if (fileName.Length == 0 || Path.GetFileName(fileName) != fileName)
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name", nameof(fileName));
        }

        var folder = FolderFor(text);
        var path = Path.Combine(folder, fileName);
        try
        {
            Directory.CreateDirectory(folder);
            // Written aside and renamed, so a concurrent run of the same script never reads half of it.
            var partial = $"{path}.{Environment.ProcessId}.partial";
            File.WriteAllText(partial, text);
            File.Move(partial, path, overwrite: true);
            return path;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ToolchainException(
                $"cannot write the script for stap in {folder}: {error.Message} (scripts and modules are kept under $XDG_CACHE_HOME/stapsharp or ~/.cache/stapsharp)");
        }
    }

    /// <summary>
    /// The folder of a script of <paramref name="text"/>, made if missing: where its module is built, also for a
    /// script stap reads from the user's own file (<see cref="StapScript.SourcePath"/>), never beside that file.
    /// </summary>
    /// <exception cref="ToolchainException">The cache folder cannot be written.</exception>
    public static string ModuleFolder(string text)
    {
        var folder = FolderFor(text);
        try
        {
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ToolchainException(
                $"cannot make the module's folder in {folder}: {error.Message} (scripts and modules are kept under $XDG_CACHE_HOME/stapsharp or ~/.cache/stapsharp)");
        }
    }

    private static string FolderFor(string text) =>
        Path.Combine(KernelBuildTree.DefaultCacheRoot(), "scripts", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant());

    /// <summary>Writes <paramref name="script"/> and returns its path.</summary>
    public static string Write(StapScript script) => Write(script.FileName, script.Text);
}
