using System.Text.RegularExpressions;

namespace StapSharp.EndToEnd.Tests;

/// <summary>
/// A plain SystemTap script run and checked as it is, against the real stap: its messages in stap's own words at the
/// file's own line:column, its arguments after it, its text output as printed.
/// </summary>
public sealed class PlainScriptTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [StapFact]
    public async Task Check_passes_a_script_with_its_arguments()
    {
        using var temp = new TempFolder();
        temp.Write("count.stp", """
            probe begin { printf("%s %d\n", @1, $2); exit() }
            """);

        var result = await CliRunner.RunInAsync(temp.Path, Short, "check", "count.stp", "--", "label", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^count\.stp: stap -p2 ok \(\d+\.\d s\)\n$", result.Stdout);
    }

    [StapFact]
    public async Task Check_reports_stap_errors_at_the_scripts_own_line_and_column()
    {
        using var temp = new TempFolder();
        temp.Write("typo.stp", """
            probe begin {
              printf("%d\n", nosuch(1))
              exit()
            }
            """);

        var result = await CliRunner.RunInAsync(temp.Path, Short, "check", "typo.stp");

        Assert.True(result.ExitCode == 4, result.ToString());
        var stderr = result.Stderr.Split('\n');
        var error = Array.FindIndex(stderr, l => l.StartsWith("semantic error: unresolved function nosuch", StringComparison.Ordinal));
        Assert.True(error >= 0, result.ToString());
        // As stap says it, with the file as the user named it (stap was given the full path).
        Assert.EndsWith(": identifier 'nosuch' at typo.stp:2:18", stderr[error], StringComparison.Ordinal);
        Assert.Equal("        source:   printf(\"%d\\n\", nosuch(1))", stderr[error + 1]);
        Assert.Equal(new string(' ', 33) + "^", stderr[error + 2]);
        Assert.Contains("typo.stp: stap -p2 failed\n", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(temp.Path, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("symbol table missing", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task Check_without_the_arguments_a_script_reads_is_stap_s_own_error_at_the_place()
    {
        using var temp = new TempFolder();
        temp.Write("count.stp", """
            probe begin { printf("%d\n", $1); exit() }
            """);

        var result = await CliRunner.RunInAsync(temp.Path, Short, "check", "count.stp");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("parse error: command line argument out of range [1-0]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(" at count.stp:1:30\n", result.Stderr, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task Check_of_a_script_with_embedded_C_names_guru_mode_and_passes_with_it()
    {
        using var temp = new TempFolder();
        temp.Write("embedded.stp", """
            function one:long() %{ STAP_RETVALUE = 1; %}
            probe begin { println(one()); exit() }
            """);

        var without = await CliRunner.RunInAsync(temp.Path, Short, "check", "embedded.stp");
        var with = await CliRunner.RunInAsync(temp.Path, Short, "check", "embedded.stp", "--guru");

        Assert.True(without.ExitCode == 4, without.ToString());
        Assert.Contains("parse error: embedded code in unprivileged script; need stap -g", without.Stderr, StringComparison.Ordinal);
        Assert.Contains("embedded.stp: stap needs guru mode for this script: give --guru (stap -g)", without.Stderr, StringComparison.Ordinal);
        // The advice, followed, works.
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("embedded.stp: stap -p2 ok", with.Stdout, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task Run_builds_and_runs_a_stp_in_the_VM_with_its_arguments()
    {
        using var temp = new TempFolder();
        temp.Write("mkdirs.stp", """
            # Counts mkdir calls of the command under the script; @1 labels the lines.
            global made
            probe syscall.mkdir { if (execname() == "mkdir") { made++; printf("%s: mkdir %s\n", @1, user_string(pathname_uaddr)) } }
            probe end { printf("%s: %d made\n", @1, made) }
            """);

        var result = await CliRunner.RunInAsync(temp.Path, Long,
            "run", "mkdirs.stp", "--vm", "--vm-command", "mkdir /tmp/plain-stp-e2e", "-T", "5", "--format", "jsonl", "--", "traced");

        Assert.True(result.ExitCode == 0, result.ToString());
        // A plain script prints text: as jsonl, one {"text":...} per line.
        Assert.Equal(["""{"text":"traced: mkdir /tmp/plain-stp-e2e"}""", """{"text":"traced: 1 made"}"""], result.StdoutLines);
        Assert.Contains("stapsharp: building mkdirs.stp (stap -p4)", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(new Regex("time limit reached"), result.Stderr);
        // The module is built into the cache, never beside the user's script.
        Assert.Equal(["mkdirs.stp"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
