using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests.UserSpace;

/// <summary>The PythonCalls sample, run in the VM on a small Python program: every call of its functions, by function.</summary>
public sealed class PythonCallsSampleTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    /// <summary>fib(5) is 15 calls; greet twice; Counter.add three times; main once. The markers fire once the profile function is set.</summary>
    private const string App = """
        import sys


        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)


        def greet(name):
            return "hello " + name


        class Counter:
            def __init__(self):
                self.total = 0

            def add(self, n):
                self.total += n


        def main():
            greet("a")
            greet("b")
            counter = Counter()
            for n in range(3):
                counter.add(n)
            return fib(5)


        sys.setprofile(lambda *a: None)
        main()
        sys.setprofile(None)
        """;

    [VmFact]
    public async Task The_table_counts_every_call_of_the_programs_functions_at_their_first_lines()
    {
        using var temp = new TempFolder();
        var app = temp.Write("app.py", App);
        var start = CliRunner.ProgramStartInfo("PythonCalls.dll", "-c", "python3 app.py");
        start.WorkingDirectory = temp.Path;

        var result = await CliRunner.RunAsync(start, Long);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^\d+ calls of \d+ functions$", result.StdoutLines[0]);
        // One row per function of app.py, each "│ rank │ function │ file:line │ count │ …": nothing else of app.py.
        var rows = result.StdoutLines
            .Select(l => Regex.Match(l, $@"^│ +\d+ │ (?<function>\S+) +│ {Regex.Escape(app)}:(?<line>\d+) +│ +(?<count>[\d,]+) │"))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["function"].Value} {m.Groups["line"].Value} {m.Groups["count"].Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(rows.SequenceEqual(["__init__ 13 1", "add 16 3", "fib 4 15", "greet 8 2", "main 20 1"]), result.ToString());
        Assert.DoesNotContain("dropped", result.Stderr, StringComparison.Ordinal);
    }
}
