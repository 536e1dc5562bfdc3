using System.CommandLine;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Commands;
using StapSharp.Cli.Flame;
using StapSharp.Cli.Output;

namespace StapSharp.Cli.PlainScripts;

/// <summary>
/// The options of `run` that a plain SystemTap script cannot serve, refused while the command line is parsed (a usage
/// error): such a script prints text, and tables, CSV and aggregates are made of typed events, which only a probe class emits.
/// </summary>
internal static class PlainScriptOptions
{
    private const string Remedy = "write the probe as a C# class that emits events (Emit), or leave the option out";

    /// <summary>stap's -g, for a .stp with embedded C (stap says "need stap -g"); a probe class says so itself, with [Guru].</summary>
    public static Option<bool> Guru() => new("--guru", "-g")
    {
        Description = "A .stp script only: build it in guru mode (stap -g: embedded C, writes to kernel memory); a probe class asks for it with [Guru]",
    };

    /// <summary>--guru with a probe class is a usage error saying how a class asks for guru mode.</summary>
    public static void GuruOnlyForStp(Command command, Argument<string> path, Option<bool> guru) =>
        command.Validators.Add(result =>
        {
            if (OptionRules.Given(result, guru) && result.GetResult(path) is { Tokens: [var token] } && !PlainScript.IsNamedBy(token.Value))
            {
                result.AddError("--guru is for a .stp script; a probe class asks for guru mode itself: mark the class [Guru]");
            }
        });

    public static void AddTo(Command run, Argument<string> path, Option<string?> className, Option<OutputFormat> format, AggregateCommandLine aggregate, FlameCommandLine flame) =>
        run.Validators.Add(result =>
        {
            if (result.GetResult(path) is not { Tokens: [var token] } || !PlainScript.IsNamedBy(token.Value))
            {
                return;
            }

            var script = Path.GetFileName(token.Value);
            if (OptionRules.Given(result, className))
            {
                result.AddError($"--class picks a probe class among C# sources; {script} is one SystemTap script: leave --class out");
            }

            if (OptionRules.Given(result, format) && result.GetValue(format) is OutputFormat.Table or OutputFormat.Csv)
            {
                result.AddError($"--format {result.GetValue(format).ToString().ToLowerInvariant()} shows typed events, and {script} is a SystemTap script, which prints text: " +
                                $"use --format text or jsonl, or {Remedy}");
            }

            foreach (var option in new Option[] { aggregate.GroupBy, aggregate.Percentiles, aggregate.Histogram })
            {
                if (OptionRules.Given(result, option))
                {
                    result.AddError($"{option.Name} aggregates typed events, and {script} is a SystemTap script, which prints text: {Remedy}");
                }
            }

            foreach (var option in new Option[] { flame.Folded, flame.Flame, flame.Stack })
            {
                if (OptionRules.Given(result, option))
                {
                    result.AddError($"{option.Name} folds the stacks that typed events carry, and {script} is a SystemTap script, which prints text: {Remedy}");
                }
            }
        });
}
