using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace StapSharp.Cli;

/// <summary>--help, for every command, ends with the command's examples and the table of exit codes.</summary>
internal sealed class HelpFooter(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void AddTo(Command root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpFooter((HelpAction)option.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var example in HelpExamples.For(parseResult.CommandResult.Command))
        {
            output.WriteLine($"  {example.What}:");
            output.WriteLine($"    {example.CommandLine}");
        }

        output.WriteLine();
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes.Meanings)
        {
            output.WriteLine($"  {code,-5}{meaning}");
        }

        output.WriteLine();
        return result;
    }
}
