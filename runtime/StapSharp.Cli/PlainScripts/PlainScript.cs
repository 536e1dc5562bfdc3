using StapSharp.Cli.Files;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.StapMessages;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.PlainScripts;

/// <summary>
/// A SystemTap script the user wrote (a PATH ending in .stp), run and checked as it is: stap reads the file itself,
/// with its arguments after it, as <c>stap FILE ARGS</c> would; nothing of it is translated or pasted into another script.
/// It prints text: what needs typed events (tables, CSV, aggregates) needs a probe class.
/// </summary>
/// <param name="FullPath">The file, as stap is given it.</param>
/// <param name="Shown">The file as the user named it, for messages.</param>
/// <param name="Text">What was read, checked as every input file is (<see cref="SourceFileReader"/>).</param>
internal sealed record PlainScript(string FullPath, string Shown, string Text)
{
    /// <summary>The name messages use: the file's name.</summary>
    public string Name => Path.GetFileName(FullPath);

    /// <summary>Whether <paramref name="path"/> names a SystemTap script rather than C# sources.</summary>
    public static bool IsNamedBy(string? path) => path is not null && path.EndsWith(".stp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the script at <paramref name="path"/>: a regular file of a source's size, or a <see cref="UserError"/> that says why not.</summary>
    public static PlainScript Load(string path)
    {
        var full = Path.GetFullPath(path);
        var shown = ShownPath.Of(full);
        var text = new SourceFileReader().Read(full, shown)!;
        return new PlainScript(full, shown, text);
    }

    /// <summary>The stap options of a run in guru mode (<c>--guru</c>), or none.</summary>
    public static IReadOnlyList<string> StapOptions(bool guru) => guru ? ["-g"] : [];

    /// <summary>The script as the runtime's sessions take it; <paramref name="arguments"/> follow the file ($1, @1, ...).</summary>
    public StapScript ToStapScript(IReadOnlyList<string> arguments, bool guru) =>
        StapScript.ForFile(FullPath, Text) with { Arguments = arguments, Options = StapOptions(guru) };

    /// <summary>stap's messages about this script, in its own words, at this file's line:column.</summary>
    public void ReportStapErrors(string stderr, TextWriter writer)
    {
        foreach (var line in StapStderr.ReadableLines(stderr, FullPath, Shown))
        {
            writer.WriteLine(DiagnosticText.Escape(line));
        }

        // stap's own advice names its option; this is the one that passes it.
        if (stderr.Contains(GuruNeeded, StringComparison.Ordinal))
        {
            writer.WriteLine(DiagnosticText.Escape($"{Shown}: stap needs guru mode for this script: give --guru (stap -g), which lets its embedded C write to kernel memory"));
        }
    }

    /// <summary>The C compiler's errors in this file's embedded C (<c>%{ %}</c>), at its line, as compilers name a place.</summary>
    public void ReportEmbeddedCErrors(ModuleCompileFailure failure, TextWriter writer)
    {
        foreach (var error in failure.InEmbeddedC)
        {
            writer.WriteLine(DiagnosticText.Escape($"{Shown}:{error.ScriptLine}: error: the C compiler rejected this embedded C: {error.Message}"));
        }
    }

    /// <summary>How stap says a script's embedded C or kernel writes need -g.</summary>
    private const string GuruNeeded = "need stap -g";
}
