using StapSharp.Runtime.Build;

namespace StapSharp.Runtime.Tests.Build;

/// <summary>stap -d PATH only for an absolute path of a real ELF file, and the program a command runs found as a shell would.</summary>
public sealed class ProgramSymbolsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("stapsharp-symbols-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The .NET host running these tests: an ELF program that exists on every machine that runs them.</summary>
    private static string Program => Environment.ProcessPath!;

    [Fact]
    public void A_program_becomes_one_d_option_and_a_link_the_file_it_leads_to()
    {
        var folderLink = Path.Combine(_folder, "folder");
        Directory.CreateSymbolicLink(folderLink, Path.GetDirectoryName(Program)!);
        var link = Path.Combine(_folder, "link");
        File.CreateSymbolicLink(link, Path.Combine(folderLink, Path.GetFileName(Program)));

        var options = ProgramSymbols.Options([Program, link]);

        Assert.Equal(2, options.Count);
        Assert.Equal("-d", options[0]);
        Assert.Equal(new FileInfo(Program).Length, new FileInfo(options[1]).Length);
        Assert.Null(new FileInfo(options[1]).LinkTarget);
        Assert.DoesNotContain(_folder, options[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relative/prog", "absolute path")]
    [InlineData("-dkernel", "absolute path")]
    [InlineData("/tmp/a\"b", "without control characters, quotes or backslashes")]
    [InlineData("/tmp/a\nb", "without control characters, quotes or backslashes")]
    [InlineData("/no/such/program", "no such program or library")]
    [InlineData("/dev/zero", "no such program or library")]
    [InlineData("/tmp", "no such program or library")]
    public void Anything_but_an_absolute_path_of_an_ELF_file_is_refused_saying_why(string path, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => ProgramSymbols.Options([path]));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_ELF_object_is_refused()
    {
        var script = Path.Combine(_folder, "script.sh");
        File.WriteAllText(script, "#!/bin/sh\necho hi\n");

        Assert.Throws<ArgumentException>(() => ProgramSymbols.Checked(script));
    }

    [Fact]
    public void A_command_s_program_is_its_first_word_as_a_path_or_on_PATH()
    {
        var sh = ProgramSymbols.Checked("/bin/sh");

        Assert.Equal(sh, ProgramSymbols.ProgramOf("sh -c 'while :; do :; done'", _folder));
        Assert.Equal(sh, ProgramSymbols.ProgramOf("  /bin/sh", _folder));
        Assert.Equal(sh, ProgramSymbols.ProgramOf("../../bin/sh -x", "/usr/lib"));
    }

    [Theory]
    [InlineData("X=1 sh -c true")]
    [InlineData("\"sh\" -c true")]
    [InlineData("$SHELL -c true")]
    [InlineData("no-such-program-anywhere --flag")]
    [InlineData("")]
    public void A_command_that_does_not_plainly_start_with_a_program_has_none(string command)
    {
        Assert.Null(ProgramSymbols.ProgramOf(command, _folder));
    }

    [Theory]
    [InlineData("probe timer.profile { s = sprint_ubacktrace() }", true)]
    [InlineData("probe timer.profile { print_ubacktrace_brief() }", true)]
    [InlineData("probe timer.profile { s = sprint_ustack(ubacktrace()) }", true)]
    [InlineData("probe timer.profile { s = usymname(uaddr()) }", true)]
    [InlineData("probe timer.profile { s = sprint_backtrace() }", false)]
    [InlineData("probe timer.profile { my_ustack_depth = 1 }", false)]
    public void A_script_reads_user_stacks_when_it_calls_a_function_that_does(string script, bool reads)
    {
        Assert.Equal(reads, ProgramSymbols.ReadsUserStacks(script));
    }

    [Fact]
    public void The_programs_among_stap_options_are_the_paths_after_d()
    {
        Assert.Equal(["/usr/bin/python3.11"], ProgramSymbols.In(["-g", "-d", "kernel", "-d", "/usr/bin/python3.11", "-d"]));
    }
}
