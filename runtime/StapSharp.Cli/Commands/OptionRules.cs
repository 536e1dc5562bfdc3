using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace StapSharp.Cli.Commands;

/// <summary>Rules on option values, checked while the command line is parsed, so a wrong value is a usage error.</summary>
internal static class OptionRules
{
    /// <summary>
    /// The option takes a whole number from <paramref name="min"/> to <paramref name="max"/>; anything else
    /// (a word, a number out of range) gets <paramref name="message"/>.
    /// </summary>
    public static void InRange(Option<int> option, int min, int max, string message) =>
        option.CustomParser = result => ParseInRange(result, min, max, message) ?? 0;

    /// <inheritdoc cref="InRange(Option{int}, int, int, string)"/>
    public static void InRange(Option<int?> option, int min, int max, string message) =>
        option.CustomParser = result => ParseInRange(result, min, max, message);

    /// <summary>Giving both <paramref name="first"/> and <paramref name="second"/> gets <paramref name="message"/>.</summary>
    public static void Exclusive(Command command, Symbol first, Symbol second, string message) =>
        command.Validators.Add(result =>
        {
            // Whether they were given, not their values: a value that did not parse has its own error.
            if (Given(result, first) && Given(result, second))
            {
                result.AddError(message);
            }
        });

    /// <summary>Giving <paramref name="dependent"/> without <paramref name="required"/> gets <paramref name="message"/>.</summary>
    public static void Requires(Command command, Symbol dependent, Symbol required, string message) =>
        command.Validators.Add(result =>
        {
            if (Given(result, dependent) && !Given(result, required))
            {
                result.AddError(message);
            }
        });

    /// <summary>Whether the command line gave the option (or a value for the argument).</summary>
    public static bool Given(CommandResult result, Symbol symbol) => symbol switch
    {
        Option option => result.GetResult(option) is { Implicit: false },
        Argument argument => result.GetResult(argument) is { Tokens.Count: > 0 },
        _ => false,
    };

    private static int? ParseInRange(ArgumentResult result, int min, int max, string message)
    {
        if (result.Tokens is [var token] &&
            int.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) &&
            value >= min && value <= max)
        {
            return value;
        }

        result.AddError(message);
        return null;
    }
}
