using System.CommandLine;
using System.Globalization;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp errno 5|-5|EIO</c>: the Linux error number, its name and glibc's message, one line,
/// tab-separated; <c>--all</c> lists the whole table (aliases after it).
/// </summary>
internal static class ErrnoCommand
{
    public static Command Create()
    {
        var error = new Argument<string?>("error")
        {
            Description = "An error number (5 or -5, as a syscall returns it) or name (EIO, eio, EWOULDBLOCK)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all", "-a") { Description = "List every Linux error number, name and message" };
        var command = new Command("errno", "Look up a Linux error number or name: prints number, name and message")
        {
            error, all,
        };
        command.Validators.Add(result =>
        {
            if (OptionRules.Given(result, all) == OptionRules.Given(result, error))
            {
                result.AddError("errno: give one error number or name (stapsharp errno 5, stapsharp errno EIO), or --all");
            }
        });
        command.SetAction(parse => Run(parse.GetValue(error), parse.GetValue(all), Console.Out));
        return command;
    }

    internal static int Run(string? text, bool all, TextWriter output)
    {
        if (all)
        {
            foreach (var errno in Errno.All)
            {
                output.WriteLine(Line(errno.Number, errno.Name!, errno.Message));
            }

            foreach (var (alias, errno) in Errno.Aliases)
            {
                output.WriteLine(Line(errno.Number, alias, $"{errno.Message} (alias of {errno.Name})"));
            }

            return ExitCodes.Success;
        }

        if (!Errno.TryParse(text, out var found))
        {
            throw new UserError($"errno: '{text}' is neither an error number nor a name: write a number (5 or -5) or a name such as EIO (stapsharp errno --all lists them)");
        }

        if (!found.IsKnown)
        {
            var why = found.Number == 0 ? "0 is not an error (success)" : $"{found.Number} is not a Linux error number";
            var gaps = Enumerable.Range(1, Errno.MaxKnownNumber).Where(n => !new Errno(n).IsKnown);
            throw new UserError($"errno: {why}; Linux defines 1..{Errno.MaxKnownNumber} except {string.Join(" and ", gaps)} (stapsharp errno --all lists them)");
        }

        output.WriteLine(Line(found.Number, found.Name!, found.Message));
        return ExitCodes.Success;
    }

    private static string Line(int number, string name, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{number}\t{name}\t{message}");
}
