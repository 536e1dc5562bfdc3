using StapSharp.Cli.PlainScripts;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.StapMessages;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli;

/// <summary>
/// What `run` builds and runs: a translated probe class (<see cref="Compiled"/>), whose stap messages are put at their
/// C# place, or a plain SystemTap script of the user's (<see cref="Plain"/>), whose messages stay at its own line:column.
/// </summary>
internal sealed record RunnableScript(string Name, StapScript Script, CompiledScript? Compiled, PlainScript? Plain)
{
    private static readonly SourceMap NoMap = new([]);

    /// <summary>Where the script's lines came from in C#; a plain script's map is empty, so its places stay its own.</summary>
    public SourceMap Map => Compiled?.Map ?? NoMap;

    /// <summary>The names of the script's enum members, for its events' enum fields (none for a plain script).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> EnumNames =>
        Compiled?.EnumNames ?? new Dictionary<string, IReadOnlyDictionary<long, string>>();

    /// <param name="arguments">The script's positional arguments, already checked.</param>
    public static RunnableScript Of(CompiledScript compiled, IReadOnlyList<string> arguments) =>
        new(compiled.ClassName, ScriptFiles.ToStapScript(compiled, arguments), compiled, null);

    /// <param name="arguments">The script's positional arguments, handed to stap after the file as they are.</param>
    /// <param name="guru">Whether the user asked for stap's guru mode (-g).</param>
    public static RunnableScript Of(PlainScript plain, IReadOnlyList<string> arguments, bool guru) =>
        new(plain.Name, plain.ToStapScript(arguments, guru), null, plain);

    /// <summary>The same script built with the kernel's symbols (stap -d kernel), so folded stacks name their frames.</summary>
    public RunnableScript WithKernelSymbols() => this with { Script = Flame.FlameFiles.WithKernelSymbols(Script) };

    /// <summary>
    /// Why the module was not built: with <paramref name="verbose"/> stap's whole output first, the C compiler's included; then
    /// stap's errors (<see cref="ReportStapErrors"/>), the compiler's errors in the script's own embedded C at their place, and
    /// one line for each kind of pass-4 failure, instead of the compiler's pages about C the user never wrote.
    /// </summary>
    public void ReportBuildFailure(ScriptBuild build, KernelDebuginfo? debuginfo, bool verbose, TextWriter writer)
    {
        var result = build.Result;
        if (verbose)
        {
            writer.WriteLine(result.Stderr);
        }

        ReportStapErrors(result.Stderr, build.ScriptPath, debuginfo, writer);
        if (!result.TimedOut && ModuleCompileFailure.Read(result.Stderr, Script.Text) is { } failure)
        {
            if (Compiled is not null)
            {
                ScriptBuilder.Report(failure.EmbeddedCDiagnostics(Compiled.Map), writer);
            }

            Plain?.ReportEmbeddedCErrors(failure, writer);
            foreach (var line in failure.Summaries(build.Release, outputShown: verbose))
            {
                writer.WriteLine(DiagnosticText.Escape("stapsharp: " + line));
            }

            return;
        }

        writer.WriteLine($"stapsharp: building the module failed{(result.TimedOut ? " (time limit)" : string.Empty)}");
    }

    /// <summary>Why stap rejected the script: at the C# place (with a hint when debuginfo is missing), or in stap's words.</summary>
    public void ReportStapErrors(string stderr, string scriptPath, KernelDebuginfo? debuginfo, TextWriter writer)
    {
        if (Compiled is null)
        {
            Plain?.ReportStapErrors(stderr, writer);
            return;
        }

        var errors = StapErrorMapper.Map(stderr, scriptPath, Compiled.Map);
        ScriptBuilder.Report(errors, writer);
        if (DebuginfoCheck.HintAfterFailure(Compiled, debuginfo, stderr, errors) is { } hint)
        {
            ScriptBuilder.Report([hint], writer);
        }
    }
}
