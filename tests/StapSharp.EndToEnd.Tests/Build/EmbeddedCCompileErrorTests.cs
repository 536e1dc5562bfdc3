using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests.Build;

/// <summary>
/// A guru script whose embedded C does not compile, built by the real stap -p4: without -v one line at the C# that holds the
/// code and one line for the failure, none of the compiler's pages about generated C; with -v the compiler's whole output too.
/// </summary>
public sealed class EmbeddedCCompileErrorTests
{
    private const string Script = """
        using StapSharp;
        using static StapSharp.Stap;

        [Guru]
        public sealed class BrokenC : ProbeScript
        {
            [EmbeddedC("STAP_RETVALUE = STAP_ARG_a + no_such_variable;")]
            static extern long Add(long a);

            [Probe("begin")]
            void Begin()
            {
                Println(Add(1));
                Exit();
            }
        }
        """;

    /// <summary>The line at the method that holds the code, with gcc's message (its quotes are the locale's).</summary>
    private static string Mapped(string file) =>
        $@"(?m)^{Regex.Escape(file)}\(8,24\): error STAP0013: stap: the C compiler rejected this embedded C: .no_such_variable. undeclared \(first use in this function\)$";

    [VmFact]
    public async Task Without_v_the_error_is_at_the_CSharp_and_the_failure_one_line_and_with_v_the_compiler_output_follows()
    {
        using var temp = new TempFolder();
        var file = temp.Write("BrokenC.cs", Script);

        var quiet = await CliRunner.RunAsync(TimeSpan.FromMinutes(20), "run", file, "--vm");

        Assert.True(quiet.ExitCode == 4, quiet.ToString());
        var lines = quiet.Stderr.Split('\n');
        Assert.Matches(Mapped(file), quiet.Stderr);
        var failure = Assert.Single(lines, line => line.StartsWith("stapsharp: the module did not compile for kernel ", StringComparison.Ordinal));
        Assert.EndsWith(": the C compiler reported 1 error in the generated code, 1 in the script's embedded C ([EmbeddedC], %{ %}), shown above at its place; run again with -v to see it", failure, StringComparison.Ordinal);
        // Nothing of the compiler's own output: its messages about the generated file, its quoted lines, make, kbuild.
        Assert.DoesNotMatch(@"_src\.c:\d+", quiet.Stderr);
        Assert.DoesNotContain(lines, line => line.StartsWith("make", StringComparison.Ordinal) || line.Contains(" | ", StringComparison.Ordinal) || line.Contains("kbuild", StringComparison.Ordinal));

        var verbose = await CliRunner.RunAsync(TimeSpan.FromMinutes(20), "run", file, "--vm", "-v");

        Assert.True(verbose.ExitCode == 4, verbose.ToString());
        Assert.Matches(@"_src\.c:\d+:\d+: error: .no_such_variable. undeclared", verbose.Stderr);
        Assert.Contains("WARNING: kbuild exited with status", verbose.Stderr, StringComparison.Ordinal);
        Assert.Matches(Mapped(file), verbose.Stderr);
        Assert.EndsWith("1 in the script's embedded C ([EmbeddedC], %{ %}), shown above at its place; its output is above",
            verbose.Stderr.Split('\n').Last(line => line.StartsWith("stapsharp: the module did not compile", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
