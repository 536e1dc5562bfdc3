using Spectre.Console;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Cli;

/// <summary>
/// Progress and notices go to stderr (with a spinner on a terminal), so stdout carries only the
/// probe script's own output and can be piped.
/// </summary>
internal static class Status
{
    public static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    private static bool Interactive => Err.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;

    /// <summary>A notice on stderr; <paramref name="text"/> may hold names from outside: they are escaped.</summary>
    public static void Notice(string text)
    {
        text = DiagnosticText.Escape(text);
        if (Interactive)
        {
            Err.MarkupLineInterpolated($"[grey]stapsharp:[/] {text}");
        }
        else
        {
            // Plain, unwrapped lines for logs and pipes.
            Console.Error.WriteLine($"stapsharp: {text}");
        }
    }

    /// <summary>An error line on stderr: "stapsharp: " and the message, escaped to one line.</summary>
    public static void Error(string message) => Console.Error.WriteLine($"stapsharp: {DiagnosticText.Escape(message)}");

    /// <summary>Runs a long step with a spinner whose text follows the step's progress lines.</summary>
    public static async Task<T> StepAsync<T>(string title, Func<IProgress<string>, Task<T>> step)
    {
        if (!Interactive)
        {
            Notice(title);
            return await step(new Progress<string>(line => Notice("  " + Brief(line))));
        }

        return await Err.Status().Spinner(Spinner.Known.Dots).StartAsync(title, async context =>
            await step(new Progress<string>(line => context.Status(Markup.Escape($"{title}: {Brief(line)}")))));
    }

    /// <summary>stap's pass lines without their memory and timing statistics.</summary>
    private static string Brief(string line)
    {
        var cut = line.IndexOf(" using ", StringComparison.Ordinal);
        return cut > 0 ? line[..cut] : line;
    }
}
