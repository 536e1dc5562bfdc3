using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StapSharp.Compiler.Tests.Support;

/// <summary>
/// stap's parser over many scripts in one process. Each script is written as a tapset file of a
/// throw-away library directory (<c>-I</c>), and stap parses every library file completely in pass 1,
/// reporting each one's errors under its path and skipping it: hundreds of scripts take about as
/// long as one (≈0.5 s, most of it stap's start-up). The library parser is stap's script parser;
/// what it allows beyond a user script (embedded C without -g) is checked separately with
/// <see cref="StapTool.Run"/> where it matters.
/// </summary>
internal static partial class StapBatch
{
    /// <summary>Scripts stap rejected, by name, with stap's messages about them; empty when all parse.</summary>
    public static IReadOnlyDictionary<string, string> ParseErrors(IReadOnlyList<(string Name, string Text)> scripts)
    {
        var folder = Path.Combine(Path.GetTempPath(), "stapsharp-tests", "batch-" + Guid.NewGuid().ToString("N"));
        var library = Path.Combine(folder, "library");
        Directory.CreateDirectory(library);
        try
        {
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < scripts.Count; i++)
            {
                var path = Path.Combine(library, $"s{i}.stp");
                File.WriteAllText(path, scripts[i].Text);
                paths[path] = scripts[i].Name;
            }

            var start = new ProcessStartInfo(StapTool.Path!, ["-r", StapTool.KernelRelease!, "-p1", "-I", library, "-e", "probe never {}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"stap -p1 of the library failed as a whole:\n{stderr.Result}");
            }

            return Rejected(stderr.Result, paths);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// stap ends each rejected file's messages with <c>WARNING: tapset "PATH" has errors, and will be skipped</c>:
    /// the messages since the previous such line are that file's.
    /// </summary>
    private static Dictionary<string, string> Rejected(string stderr, IReadOnlyDictionary<string, string> names)
    {
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = 0;
        foreach (Match skipped in SkippedTapset().Matches(stderr))
        {
            var path = skipped.Groups["path"].Value;
            var messages = stderr[from..(skipped.Index + skipped.Length)].Trim();
            from = skipped.Index + skipped.Length;
            rejected[names.TryGetValue(path, out var name) ? name : path] = messages;
        }

        return rejected;
    }

    [GeneratedRegex("WARNING: tapset \"(?<path>[^\"]+)\" has errors, and will be skipped")]
    private static partial Regex SkippedTapset();

    /// <summary>Runs <paramref name="work"/> on each item, as many at once as there are cores (stap is single-threaded).</summary>
    public static TResult[] OnAllCores<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> work)
    {
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = work(items[i]));
        return results;
    }
}
