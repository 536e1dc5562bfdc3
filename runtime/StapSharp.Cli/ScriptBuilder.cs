using Microsoft.CodeAnalysis;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Cli;

/// <summary>Compiles probe-script sources with the StapSharp API assembly that ships beside the CLI.</summary>
internal static class ScriptBuilder
{
    // Made once a process: the build server's later compilations reuse what Roslyn read from them.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References =
        new(() => ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location));

    /// <summary>A .csproj compiled as its build would (<see cref="Projects.ProjectCompiler"/>); a .cs file or a folder as one library.</summary>
    public static CompilationOutput Compile(string path)
    {
        if (Projects.ProjectFile.IsNamedBy(path) && IsRegularFile(path))
        {
            return Projects.ProjectCompiler.Compile(path);
        }

        var sources = ProbeSources.Load(path, new Files.SourceFileReader());
        return ScriptCompiler.CompileSources(sources, References.Value);
    }

    private static bool IsRegularFile(string path)
    {
        try
        {
            return Files.UnixFile.Status(Path.GetFullPath(path)).Kind == Files.FileKind.Regular;
        }
        catch (Exception error) when (Files.FileErrors.IsFileError(error))
        {
            throw new UserError($"{path}: cannot read: {Files.FileErrors.Reason(error)}");
        }
    }

    /// <summary>
    /// Prints every diagnostic the compiler returned; true when one is an error, and the command ends with
    /// <see cref="ExitCodes.TranslationError"/>.
    /// </summary>
    public static bool ReportErrors(CompilationOutput output)
    {
        Report(output.Diagnostics, Console.Error);
        return output.HasErrors;
    }

    /// <summary>Picks the script to run: the only one, or the one named with --class.</summary>
    public static CompiledScript Select(CompilationOutput output, string? className)
    {
        if (className is not null)
        {
            return output.Scripts.FirstOrDefault(s => s.ClassName == className || s.FullName == className)
                ?? throw new UserError($"no probe script class '{className}'; found: {string.Join(", ", output.Scripts.Select(s => s.ClassName))}");
        }

        return output.Scripts.Count switch
        {
            1 => output.Scripts[0],
            0 => throw new UserError("no probe script class found: derive a class from StapSharp.ProbeScript"),
            _ => throw new UserError($"several probe scripts found ({string.Join(", ", output.Scripts.Select(s => s.ClassName))}): choose one with --class NAME"),
        };
    }

    /// <summary>One line per diagnostic; file names and quoted source are escaped, so none can forge a line.</summary>
    public static void Report(IEnumerable<StapDiagnostic> diagnostics, TextWriter writer)
    {
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteLine(DiagnosticText.Escape(diagnostic.ToString()));
        }
    }
}
