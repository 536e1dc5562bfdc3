using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// Paths a user (or a hostile folder) can hand the `stapsharp` command: every one ends in a clear user
/// error (exit 2) or works, never hangs, never reads without bound, and never leaves half an output.
/// `build` runs in a build server (of these tests), which must answer them as the process would.
/// </summary>
public sealed class HostileInputTests(BuildServerFixture server) : IClassFixture<BuildServerFixture>
{
    // Guards against a hang (reading a FIFO waits forever), not a timing assert.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("existing-file", "stapsharp: -o existing-file: is a file, not a folder")]
    [InlineData("/dev/null", "stapsharp: -o /dev/null: is a character device, not a folder")]
    [InlineData("/proc/stapsharp-output", "stapsharp: -o /proc/stapsharp-output: cannot write in /proc: ")]
    [InlineData("/sys/kernel/stapsharp-output", "stapsharp: -o /sys/kernel/stapsharp-output: cannot write in /sys/kernel: ")]
    [InlineData("Hello.cs/sub", "stapsharp: -o Hello.cs/sub: Hello.cs is a file, not a folder")]
    [InlineData("", "stapsharp: -o: the path is empty; name a folder")]
    public async Task Build_into_what_cannot_be_a_folder_is_a_user_error(string output, string message)
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        temp.Write("existing-file", "kept");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "Hello.cs", "-o", output);

        AssertUserError(result, message);
        Assert.Equal(["Hello.cs", "existing-file"], Entries(temp.Path));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(temp.Path, "existing-file")));
    }

    [Theory]
    [InlineData("prog", "stapsharp: -d prog: give the program's absolute path")]
    [InlineData("/dev/zero", "stapsharp: -d /dev/zero: no such program or library")]
    [InlineData("/no/such/program", "stapsharp: -d /no/such/program: no such program or library")]
    [InlineData("/tmp/a\u001b[2Jb", "stapsharp: -d /tmp/a\\e[2Jb: a program's path without control characters")]
    public async Task Run_with_symbols_of_what_is_no_program_is_a_user_error_before_the_build(string program, string message)
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Hello.cs", "--vm", "-d", program);

        AssertUserError(result, message);
        Assert.DoesNotContain("building", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_of_an_empty_path_is_a_user_error()
    {
        var result = await server.Sandbox.RunInAsync(CliRunner.RepositoryRoot(), Limit, "build", "");

        AssertUserError(result, "stapsharp: the path is empty: name a .cs file, a folder or a .csproj");
    }

    [Fact]
    public async Task Build_writes_no_script_when_one_of_them_cannot_be_written()
    {
        using var temp = new TempFolder();
        temp.Write("Two.cs", TwoScripts);
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        Directory.CreateDirectory(Path.Combine(output, "Second.stp"));

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "Two.cs", "-o", "out");

        AssertUserError(result, "stapsharp: -o out: out/Second.stp is a folder; remove it or write elsewhere");
        Assert.Equal(["Second.stp"], Entries(output));
        Assert.Equal(["Two.cs", "out"], Entries(temp.Path));
    }

    [Fact]
    public async Task Build_into_a_missing_folder_makes_it_with_every_script()
    {
        using var temp = new TempFolder();
        temp.Write("Two.cs", TwoScripts);

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "Two.cs", "-o", "new/deeper");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["new/deeper/First.stp", "new/deeper/Second.stp"], result.StdoutLines);
        Assert.Equal(["First.stp", "Second.stp"], Entries(Path.Combine(temp.Path, "new", "deeper")));
        Assert.Equal(["Two.cs", "new"], Entries(temp.Path));
    }

    [Fact]
    public async Task Build_replaces_the_scripts_of_an_existing_folder_and_keeps_the_rest()
    {
        using var temp = new TempFolder();
        temp.Write("Two.cs", TwoScripts);
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        File.WriteAllText(Path.Combine(output, "First.stp"), "old");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "kept");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "Two.cs", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["First.stp", "Second.stp", "notes.txt"], Entries(output));
        Assert.Contains("probe begin", File.ReadAllText(Path.Combine(output, "First.stp")), StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public async Task A_fifo_among_the_sources_is_refused_not_waited_on()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        Fifo(Path.Combine(temp.Path, "p.cs"));

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        AssertUserError(result, "stapsharp: p.cs: a FIFO, not a regular file; only regular files are read");
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
    }

    [Fact]
    public async Task A_source_linked_to_dev_zero_is_refused_not_read()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        File.CreateSymbolicLink(Path.Combine(temp.Path, "zero.cs"), "/dev/zero");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        AssertUserError(result, "stapsharp: zero.cs: a character device, not a regular file; only regular files are read");
    }

    [Fact]
    public async Task A_link_to_a_parent_folder_is_not_followed()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        Directory.CreateDirectory(Path.Combine(temp.Path, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "sub", "loop"), "..");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/Hello.stp"], result.StdoutLines);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task A_file_reached_by_two_names_is_read_once()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        File.CreateSymbolicLink(Path.Combine(temp.Path, "Same.cs"), "Hello.cs");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/Hello.stp"], result.StdoutLines);
    }

    [Fact]
    public async Task A_broken_link_among_the_sources_names_no_source_and_is_skipped()
    {
        // Emacs marks a file it edits with such a link: .#Hello.cs -> user@host.pid.
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        File.CreateSymbolicLink(Path.Combine(temp.Path, ".#Hello.cs"), "user@host.1234");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["out/Hello.stp"], result.StdoutLines);
    }

    [Fact]
    public async Task A_source_over_the_size_limit_is_refused_by_name()
    {
        using var temp = new TempFolder();
        temp.Write("Big.cs", Hello + "\n// " + new string('x', 4 << 20) + "\n");

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "Big.cs", "-o", "out");

        AssertUserError(result, "stapsharp: Big.cs: larger than 4 MiB, the most a source file may have; is it a source file?");
    }

    [Fact]
    public async Task Sources_over_the_total_limit_are_refused()
    {
        using var temp = new TempFolder();
        temp.Write("Hello.cs", Hello);
        for (var i = 0; i < 5; i++)
        {
            temp.Write($"Padding{i}.cs", "// " + new string('x', 7 << 19) + "\n"); // 3.5 MiB each, 17.5 MiB in all
        }

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");

        AssertUserError(result, "stapsharp: Padding4.cs: the sources read so far add up to more than 16 MiB, the most one command reads");
    }

    [Fact]
    public async Task Check_reads_its_sources_by_the_same_rules()
    {
        using var temp = new TempFolder();
        Fifo(Path.Combine(temp.Path, "p.cs"));

        var fifo = await CliRunner.RunInAsync(temp.Path, Limit, "check", "p.cs");
        var empty = await CliRunner.RunInAsync(temp.Path, Limit, "check", "");

        AssertUserError(fifo, "stapsharp: p.cs: a FIFO, not a regular file; only regular files are read");
        AssertUserError(empty, "stapsharp: the path is empty: name a .cs file, a folder or a .csproj");
    }

    [Theory]
    [InlineData("/dev/null", "stapsharp: -o /dev/null: a character device, not a regular file; -o writes a regular file")]
    [InlineData("folder", "stapsharp: -o folder: is a folder; name a file")]
    [InlineData("Broken.cs/out", "stapsharp: -o Broken.cs/out: Broken.cs is a file, not a folder")]
    [InlineData("", "stapsharp: -o: the path is empty; name a file")]
    public async Task Run_checks_its_output_file_before_translating(string output, string message)
    {
        // The source does not translate: only a check of -o before translating can report -o.
        using var temp = new TempFolder();
        temp.Write("Broken.cs", Broken);
        Directory.CreateDirectory(Path.Combine(temp.Path, "folder"));

        var result = await CliRunner.RunInAsync(temp.Path, Limit, "run", "Broken.cs", "-o", output);

        AssertUserError(result, message);
        Assert.Equal(["Broken.cs", "folder"], Entries(temp.Path));
    }

    [StapTheory]
    [InlineData("check", "cannot write the script for stap in {0}/stapsharp/scripts/")]
    [InlineData("run", "cannot use the cache folder {0}/stapsharp: ")]
    public async Task A_cache_folder_that_cannot_be_written_is_a_user_error(string command, string message)
    {
        // Scripts for stap go to the user's cache, not the shared temporary folder, where another user could
        // swap a script or a module before root reads it.
        using var temp = new TempFolder();
        var source = temp.Write("Hello.cs", Hello);
        var notAFolder = temp.Write("not-a-folder", "");
        var start = command == "run" ? CliRunner.StartInfo(command, source, "--vm") : CliRunner.StartInfo(command, source);
        start.Environment["XDG_CACHE_HOME"] = notAFolder;

        var result = await CliRunner.RunAsync(start, Limit);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("stapsharp: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, notAFolder), result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Control_characters_in_file_names_are_printed_escaped()
    {
        using var temp = new TempFolder();
        temp.Write("a\u001b[31mred\nerror STAP9999: forged.cs", Broken);

        var result = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", ".", "-o", "out");
        var missing = await server.Sandbox.RunInAsync(temp.Path, Limit, "build", "x\u001b]0;title\u0007\u202e.cs");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(@"a\e[31mred\nerror STAP9999: forged.cs(4,16): error STAP0003:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Stderr.Split('\n'), line => line.StartsWith("error", StringComparison.Ordinal));
        AssertUserError(missing, @"stapsharp: x\e]0;title\x07\u202e.cs: no such .cs file, folder or .csproj");
        Assert.DoesNotContain('\u001b', result.Stderr + missing.Stderr);
        Assert.DoesNotContain('\u202e', missing.Stderr);
    }

    private static void AssertUserError(CliRunner.Result result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(message, result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }
}
