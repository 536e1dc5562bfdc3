using System.CommandLine;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Commands;
using StapSharp.Cli.Output;

namespace StapSharp.Cli.Flame;

/// <summary>
/// The options of `stapsharp run` that fold the events' stacks into flame graphs, and the rules on them that need no
/// script. The stack fields are checked against the script later (<see cref="StackPlan.Resolve"/>).
/// </summary>
internal sealed class FlameCommandLine
{
    public Option<string?> Folded { get; } = new("--folded")
    {
        Description = "Write the events' stacks folded (root;...;leaf COUNT per line, as flamegraph.pl and speedscope read them) to FILE when the run ends",
    };

    public Option<string?> Flame { get; } = new("--flame")
    {
        Description = "Draw the events' stacks as an SVG flame graph in FILE when the run ends",
    };

    public Option<string[]> Stack { get; } = new("--stack")
    {
        Description = "The stack fields of --folded and --flame, root side first (FIELD[,FIELD]): string fields set from Stap.SprintUBacktrace() or " +
                      "Stap.SprintBacktrace(). Default: the string fields whose name ends in Stack, in the record's order",
        CustomParser = AggregateCommandLine.ParseFieldList,
    };

    /// <summary>Adds the options and their rules to <paramref name="run"/>.</summary>
    /// <param name="output">-o FILE: the module's output goes to the file, so no event would reach the folding.</param>
    public void AddTo(Command run, Option<OutputFormat> format, Option<string?> output)
    {
        run.Options.Add(Folded);
        run.Options.Add(Flame);
        run.Options.Add(Stack);
        run.Validators.Add(result =>
        {
            if (OptionRules.Given(result, Stack) && !OptionRules.Given(result, Folded) && !OptionRules.Given(result, Flame))
            {
                result.AddError("--stack names the stack fields of --folded FILE and --flame FILE: give one of them");
            }
        });
        foreach (var folding in new Option[] { Folded, Flame })
        {
            OptionRules.Exclusive(run, folding, format,
                $"{folding.Name} folds the events' stacks instead of printing the events; leave out --format (or leave out {folding.Name} to print events)");
            OptionRules.Exclusive(run, folding, output,
                $"{folding.Name} and -o exclude each other: -o sends the module's output to the file, so no event would reach the folding");
        }
    }

    public StackRequest Request(ParseResult parse) => new(parse.GetValue(Folded), parse.GetValue(Flame), parse.GetValue(Stack) ?? []);
}

/// <summary>What `stapsharp run` was asked to fold, as typed on the command line (field names not yet checked).</summary>
internal sealed record StackRequest(string? FoldedFile, string? FlameFile, IReadOnlyList<string> StackFields)
{
    /// <summary>No folding asked for.</summary>
    public bool IsEmpty => FoldedFile is null && FlameFile is null;
}
