using System.Diagnostics;
using System.Globalization;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Fuzz.Size;

/// <summary>What a translation in a child process gave: how it ended, and what it emitted or reported.</summary>
internal sealed record ChildResult(int ExitCode, IReadOnlyList<(string Name, int Bytes)> Scripts, IReadOnlyList<string> Diagnostics, string Stderr)
{
    /// <summary>The exit code of a child that did not finish in time (and was ended).</summary>
    public const int TimedOut = -1;

    /// <summary>The process ended normally: no exception escaped, no stack overflow.</summary>
    public bool Completed => ExitCode == 0;

    public int Bytes => Scripts.Sum(s => s.Bytes);

    public override string ToString() =>
        $"exit {ExitCode}; scripts: {string.Join(", ", Scripts.Select(s => $"{s.Name} ({s.Bytes} bytes)"))}; diagnostics: {string.Join(", ", Diagnostics.Take(5))}" +
        (Stderr.Length > 0 ? "\n" + Stderr[..Math.Min(Stderr.Length, 2000)] : string.Empty);
}

/// <summary>
/// Translates a source in a child process: the test assembly run as a program. An input that
/// overflows the translator's stack would end the test run itself; in a child only that child
/// ends, with the runtime's "Stack overflow" and exit code 134, and the test reports it. The child's
/// main thread has the stack a command-line run of stapsharp has.
/// </summary>
internal static class ChildTranslation
{
    private const string Verb = "translate";

    /// <summary>Translates <paramref name="source"/> in a child, ended after <paramref name="timeout"/> (exit code <see cref="ChildResult.TimedOut"/>).</summary>
    public static ChildResult Run(string source, TimeSpan timeout)
    {
        var file = Path.Combine(Path.GetTempPath(), "stapsharp-tests", "child-" + Guid.NewGuid().ToString("N") + ".cs");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, source);
        try
        {
            var start = new ProcessStartInfo("dotnet", [typeof(ChildTranslation).Assembly.Location, Verb, file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new ChildResult(ChildResult.TimedOut, [], [], $"did not finish in {timeout.TotalSeconds} s");
            }

            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var scripts = lines.Where(l => l.StartsWith("script ", StringComparison.Ordinal))
                .Select(l => l.Split(' ')).Select(p => (p[1], int.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
            var diagnostics = lines.Where(l => l.StartsWith("diagnostic ", StringComparison.Ordinal)).Select(l => l["diagnostic ".Length..]).ToList();
            return new ChildResult(process.ExitCode, scripts, diagnostics, stderr.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The test assembly's entry point: <c>translate FILE</c> prints each script's size and each diagnostic's id.</summary>
    public static int Main(string[] args)
    {
        if (args is not [Verb, var file])
        {
            return 2;
        }

        try
        {
            var output = ScriptCompiler.CompileSources([(file, File.ReadAllText(file))], TestCompiler.References.Value);
            foreach (var script in output.Scripts)
            {
                Console.WriteLine($"script {script.ClassName} {script.Text.Length}");
            }

            foreach (var diagnostic in output.Diagnostics)
            {
                Console.WriteLine($"diagnostic {diagnostic.Id} {diagnostic.Severity}");
            }

            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 3;
        }
    }
}
