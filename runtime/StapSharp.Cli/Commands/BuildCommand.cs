using System.CommandLine;

namespace StapSharp.Cli.Commands;

/// <summary><c>stapsharp build PATH -o DIR</c>: one .stp per probe script; nothing is written if anything is wrong.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .cs file, a folder, or a .csproj" };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write the .stp files to", DefaultValueFactory = _ => "." };
        var command = new Command("build", "Translate probe scripts (C#) to SystemTap scripts (.stp)") { path, output };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(string path, string outputFolder)
    {
        var result = ScriptBuilder.Compile(path);
        ScriptBuilder.Report(result.Diagnostics, Console.Error);
        if (result.HasErrors)
        {
            Console.Error.WriteLine($"build failed: {result.Diagnostics.Count(d => d.Severity == Compiler.Diagnostics.StapSeverity.Error)} error(s); no script written");
            return 1;
        }

        Directory.CreateDirectory(outputFolder);
        foreach (var script in result.Scripts)
        {
            var file = Path.Combine(outputFolder, script.FileName);
            File.WriteAllText(file, script.Text);
            Console.WriteLine(file);
        }

        return 0;
    }
}
