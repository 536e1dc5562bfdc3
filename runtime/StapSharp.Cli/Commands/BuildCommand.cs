using System.CommandLine;
using StapSharp.Cli.Files;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Cli.Commands;

/// <summary><c>stapsharp build PATH -o DIR</c>: one .stp per probe script; nothing is written if anything is wrong.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .cs file, a folder, or a .csproj" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the .stp files to (made if missing)", DefaultValueFactory = _ => "." };
        var command = new Command("build", "Translate probe scripts (C#) to SystemTap scripts (.stp)") { path, output };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string path, string outputFolder)
    {
        // The destination is checked first: a wrong -o is reported before a long translation.
        using var output = StagedOutput.ForFolder(outputFolder, "-o");
        var result = ScriptBuilder.Compile(path);
        if (ScriptBuilder.ReportErrors(result))
        {
            Console.Error.WriteLine($"build failed: {result.Diagnostics.Count(d => d.Severity == Compiler.Diagnostics.StapSeverity.Error)} error(s); no script written");
            return ExitCodes.TranslationError;
        }

        var clashes = result.Scripts.GroupBy(s => s.FileName, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (clashes.Count > 0)
        {
            throw new UserError(string.Join("; ", clashes.Select(g =>
                $"{string.Join(" and ", g.Select(s => s.FullName))} would both be written to {g.Key}: rename one of the classes")));
        }

        foreach (var script in result.Scripts)
        {
            output.Write(script.FileName, script.Text);
        }

        foreach (var file in output.Commit())
        {
            Console.WriteLine(DiagnosticText.Escape(file));
        }

        return ExitCodes.Success;
    }
}
