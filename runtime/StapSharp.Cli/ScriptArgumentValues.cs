using System.Globalization;
using StapSharp.Compiler;

namespace StapSharp.Cli;

/// <summary>
/// The values given after <c>--</c> for a script's <c>[ScriptArgument(N)]</c> fields, checked before
/// stap sees them: a long argument is pasted into the script as stap's <c>$N</c>, so it must be an integer.
/// </summary>
internal static class ScriptArgumentValues
{
    public static IReadOnlyList<string> Check(CompiledScript script, IReadOnlyList<string> values)
    {
        var declared = script.Arguments.ToDictionary(a => a.Position);
        var highest = declared.Count == 0 ? 0 : declared.Keys.Max();
        if (values.Count > highest)
        {
            throw new UserError(highest == 0
                ? $"{script.ClassName} takes no script arguments, but {values.Count} were given after --: mark a static field [ScriptArgument(1)] to read one"
                : $"{script.ClassName} takes at most {highest} script argument(s), but {values.Count} were given after --");
        }

        foreach (var argument in script.Arguments)
        {
            if (argument.Position > values.Count)
            {
                if (!argument.HasDefault)
                {
                    throw new UserError($"{script.ClassName} needs script argument {argument.Position} ({argument.Global}): give it after --, e.g. -- {Example(script, argument.Position)}");
                }

                continue;
            }

            var value = values[argument.Position - 1];
            if (!argument.IsString && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new UserError($"script argument {argument.Position} ({argument.Global}) is a long, but '{value}' is not an integer");
            }
        }

        return values;
    }

    private static string Example(CompiledScript script, int upTo) =>
        string.Join(' ', Enumerable.Range(1, upTo).Select(p => script.Arguments.FirstOrDefault(a => a.Position == p) is { IsString: true } ? "text" : "0"));
}
