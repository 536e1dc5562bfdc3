using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace StapSharp.Cli;

/// <summary>--help, for every command, ends with the table of exit codes.</summary>
internal sealed class ExitCodeHelp(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void AddTo(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new ExitCodeHelp((HelpAction)option.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            output.WriteLine($"  {code,-5}{meaning}");
        }

        output.WriteLine();
        return result;
    }
}
