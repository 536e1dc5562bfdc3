using System.CommandLine;
using StapSharp.Cli;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>--help speaks of the command users type, and shows examples that are real command lines.</summary>
public sealed class HelpTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("stapsharp [command] [options]", "--help")]
    [InlineData("stapsharp build <path> [options]", "build", "--help")]
    [InlineData("stapsharp errno [<error>] [options]", "errno", "-h")]
    public async Task The_usage_line_names_the_tool_not_its_assembly(string usage, params string[] arguments)
    {
        var result = await CliRunner.RunAsync(Limit, arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Usage:\n  {usage}\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("StapSharp.Cli", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nExamples:\n  ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_has_examples()
    {
        var root = StapSharpCommand.Create();

        Assert.Equal(root.Subcommands.Select(c => c.Name).Prepend(root.Name).Order(), HelpExamples.Commands.Order());
        Assert.All(root.Subcommands.Prepend(root), command => Assert.NotEmpty(HelpExamples.For(command)));
    }

    public static TheoryData<string, string> Examples()
    {
        var root = StapSharpCommand.Create();
        var data = new TheoryData<string, string>();
        foreach (var command in root.Subcommands.Prepend(root))
        {
            foreach (var example in HelpExamples.For(command))
            {
                data.Add(command.Name, example.CommandLine);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_parses_as_the_command_it_illustrates(string command, string commandLine)
    {
        var root = StapSharpCommand.Create();
        Assert.StartsWith(root.Name + " ", commandLine, StringComparison.Ordinal);

        var parsed = root.Parse(commandLine);

        Assert.True(parsed.Errors.Count == 0, string.Join("\n", parsed.Errors.Select(e => e.Message)));
        // The tool's own examples show its commands; a command's examples show that command (or one of its own).
        if (command != root.Name)
        {
            var result = parsed.CommandResult;
            while (result.Parent is System.CommandLine.Parsing.CommandResult parent && parent.Command != root)
            {
                result = parent;
            }

            Assert.Equal(command, result.Command.Name);
        }
    }
}
