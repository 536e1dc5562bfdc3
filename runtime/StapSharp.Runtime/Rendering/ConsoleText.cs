using Spectre.Console;
using Spectre.Console.Rendering;

namespace StapSharp.Runtime.Rendering;

/// <summary>Renders Spectre.Console output to plain text (files, logs, tests).</summary>
public static class ConsoleText
{
    /// <summary>The renderable as text without colours, laid out for <paramref name="width"/> columns.</summary>
    public static string Render(IRenderable renderable, int width = 100)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Write(renderable);
        return writer.ToString();
    }
}
