using System.Diagnostics;
using StapSharp.Compiler.Naming;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// ReservedNames.txt is what reserved-names.sh derives from the installed stap, word for word; and
/// the words it lists as keywords and print built-ins are ones stap refuses as names.
/// </summary>
public sealed class ReservedNamesFileTests
{
    private static readonly string NamingFolder = Path.Combine(Snapshot.RepositoryRoot(), "compiler", "StapSharp.Compiler", "Naming");

    public static TheoryData<string> Words() => new(ReservedNames.Keywords.Concat(ReservedNames.PrintBuiltins).Order(StringComparer.Ordinal));

    [Fact]
    public void The_compiler_reads_the_committed_file()
    {
        var committed = ReservedNames.Parse(File.ReadAllText(Path.Combine(NamingFolder, "ReservedNames.txt")));

        Assert.Equal(committed["keyword"].Order(), ReservedNames.Keywords.Order());
        Assert.Equal(committed["function"].Order(), ReservedNames.TapsetFunctions.Order());
        Assert.Equal(committed["global"].Order(), ReservedNames.TapsetGlobals.Order());
        Assert.Equal(committed["macro"].Order(), ReservedNames.Macros.Order());
        Assert.Contains("entry", ReservedNames.Macros);
        Assert.Contains("choose_defined", ReservedNames.Macros);
        Assert.True(ReservedNames.TapsetFunctions.Count > 500, $"only {ReservedNames.TapsetFunctions.Count} tapset functions");
        Assert.Contains("argc", ReservedNames.TapsetGlobals);
        Assert.Superset(new HashSet<string>(TranslatorFunctions.All), new HashSet<string>(ReservedNames.TapsetFunctions));
    }

    [StapFact]
    public void The_committed_file_is_what_the_installed_stap_gives()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(NamingFolder, "reserved-names.sh"), StapTool.KernelRelease!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, stderr.Result);
        Assert.True(File.ReadAllText(Path.Combine(NamingFolder, "ReservedNames.txt")) == stdout.Result,
            "ReservedNames.txt differs from what the installed stap gives: regenerate it with compiler/StapSharp.Compiler/Naming/reserved-names.sh > ReservedNames.txt and review the diff");
    }

    [StapTheory]
    [MemberData(nameof(Words))]
    public void Stap_refuses_each_word_as_a_variable(string word)
    {
        var (exitCode, _, _) = StapTool.Run($"global {word}\nprobe begin {{ {word} = 1 }}\n", 1);

        Assert.NotEqual(0, exitCode);
    }

    /// <summary>A macro of one of these names replaces stap's: it warns for an @ operator, and refuses @define itself.</summary>
    [StapFact]
    public void Stap_warns_for_each_operator_redefined()
    {
        foreach (var name in new[] { "avg", "cast", "count", "defined", "entry", "hist_log", "var" })
        {
            Assert.Contains(name, ReservedNames.Macros);
            var (_, _, stderr) = StapTool.Run($"@define {name}(a) %( (@a) %)\nprobe begin {{ exit() }}\n", 1);
            Assert.Contains($"macro redefines built-in operator '@{name}'", stderr, StringComparison.Ordinal);
        }
    }

    [StapFact]
    public void Stap_takes_an_ordinary_name_in_the_same_script()
    {
        var (exitCode, _, stderr) = StapTool.Run("global ordinary\nprobe begin { ordinary = 1 }\n", 1);

        Assert.True(exitCode == 0, stderr);
    }
}
