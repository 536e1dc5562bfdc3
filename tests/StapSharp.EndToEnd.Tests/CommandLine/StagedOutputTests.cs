using StapSharp.Cli;
using StapSharp.Cli.Files;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>Output written all or nothing: nothing appears before Commit, and nothing stays without it.</summary>
public sealed class StagedOutputTests
{
    [Fact]
    public void Nothing_is_left_when_the_output_is_not_committed()
    {
        using var temp = new TempFolder();
        var target = Path.Combine(temp.Path, "run.txt");

        var (output, name) = StagedOutput.ForFile(target, "-o");
        using (output)
        {
            File.WriteAllText(output.Reserve(name), "partial output");
            Assert.False(File.Exists(target));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_committed_file_replaces_the_old_one_and_nothing_else_is_left()
    {
        using var temp = new TempFolder();
        var target = temp.Write("run.txt", "old");

        var (output, name) = StagedOutput.ForFile(target, "-o");
        using (output)
        {
            File.WriteAllText(output.Reserve(name), "new");
            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal([target], output.Commit());
        }

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_missing_folder_appears_only_at_commit()
    {
        using var temp = new TempFolder();
        var target = Path.Combine(temp.Path, "a", "b");

        using var output = StagedOutput.ForFolder(target, "-o");
        output.Write("One.stp", "1");
        output.Write("Two.stp", "2");
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "a")));
        output.Commit();

        Assert.Equal(["One.stp", "Two.stp"], Directory.EnumerateFiles(target).Select(Path.GetFileName).Order());
        Assert.Equal([Path.Combine(temp.Path, "a")], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_a_user_error_naming_the_option()
    {
        var error = Assert.Throws<UserError>(() =>
        {
            using var output = StagedOutput.ForFolder("/proc/stapsharp-output", "-o");
            output.Write("One.stp", "1");
        });

        Assert.StartsWith("-o /proc/stapsharp-output: cannot write in /proc: ", error.Message, StringComparison.Ordinal);
    }
}
