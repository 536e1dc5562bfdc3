using System.CommandLine;
using System.CommandLine.Help;
using StapSharp.Cli.Commands;

namespace StapSharp.Cli;

/// <summary>The whole command line: its commands, --help (with examples and exit codes) and --version.</summary>
internal static class StapSharpCommand
{
    public static Command Create()
    {
        // A command named as the tool, not a RootCommand: that one takes the assembly's name (StapSharp.Cli),
        // and usage lines would tell users to type that.
        var root = new Command(ToolName.Value, $"{ToolName.Value}: write SystemTap probes in C#, build them, run them, read their output")
        {
            new HelpOption(),
            new VersionOption(),
            BuildCommand.Create(),
            BuildServerCommand.Create(),
            CheckCommand.Create(),
            RunCommand.Create(),
            DecodeCommand.Create(),
            ListCommand.Create(),
            DoctorCommand.Create(),
            ErrnoCommand.Create(),
        };
        HelpFooter.AddTo(root);
        return root;
    }
}
