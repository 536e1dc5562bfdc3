using System.CommandLine;
using StapSharp.Cli.PlainScripts;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.StapMessages;
using StapSharp.Runtime.Build;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary><c>stapsharp check PATH</c>: translate, then let the real stap elaborate the script; its errors are shown at the C# place.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A .cs file, a folder, or a .csproj; or a SystemTap script (.stp), checked as it is" };
        var scriptArguments = new Argument<string[]>("arguments")
        {
            Description = "After --: a .stp script's arguments ($1, @1, ...), passed to stap as they are",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var pass = new Option<int>("--pass", "-p") { Description = "The last stap pass to run (1 parse, 2 elaborate, 3 translate to C)", DefaultValueFactory = _ => 2 };
        OptionRules.InRange(pass, 1, 3, "--pass takes 1, 2 or 3 (use `stapsharp run` to build and run a module)");
        var guru = PlainScriptOptions.Guru();
        var command = new Command("check", "Translate probe scripts and check them with stap (default -p2)") { path, scriptArguments, pass, guru };
        PlainScriptOptions.GuruOnlyForStp(command, path, guru);
        command.Validators.Add(result =>
        {
            if (OptionRules.Given(result, scriptArguments) && result.GetResult(path) is { Tokens: [var token] } && !PlainScript.IsNamedBy(token.Value))
            {
                result.AddError("arguments after -- are a .stp script's; a probe class's [ScriptArgument] values are given to `stapsharp run`");
            }
        });
        command.SetAction((parse, cancel) => PlainScript.IsNamedBy(parse.GetValue(path))
            ? CheckPlainAsync(PlainScript.Load(parse.GetValue(path)!), parse.GetValue(scriptArguments) ?? [], parse.GetValue(pass), parse.GetValue(guru), cancel)
            : RunAsync(parse.GetValue(path)!, parse.GetValue(pass), cancel));
        return command;
    }

    /// <summary>stap -pPASS on the user's own .stp file, where it is; stap's messages name its lines as they are.</summary>
    private static async Task<int> CheckPlainAsync(PlainScript script, IReadOnlyList<string> arguments, int pass, bool guru, CancellationToken cancel)
    {
        var toolchain = StapToolchain.Discover();
        var tree = KernelBuildTree.ForChecking(toolchain);
        var result = await Status.StepAsync($"checking {script.Name} (stap -p{pass})",
            progress => new StapInvocation(toolchain, tree).CheckAsync(script.FullPath, pass, PlainScript.StapOptions(guru), progress, cancel, arguments));
        if (!result.Succeeded)
        {
            script.ReportStapErrors(result.Stderr, Console.Error);
            if (UprobesCheckHint.AfterFailure(tree, result.Stderr, []) is { } uprobes)
            {
                ScriptBuilder.Report([uprobes], Console.Error);
            }

            Console.Error.WriteLine(DiagnosticText.Escape($"{script.Shown}: stap -p{pass} failed"));
            return ExitCodes.StapFailed;
        }

        Console.WriteLine(DiagnosticText.Escape($"{script.Shown}: stap -p{pass} ok ({result.Elapsed.TotalSeconds:0.0} s)"));
        return ExitCodes.Success;
    }

    private static async Task<int> RunAsync(string path, int pass, CancellationToken cancel)
    {
        var output = ScriptBuilder.Compile(path);
        if (ScriptBuilder.ReportErrors(output))
        {
            return ExitCodes.TranslationError;
        }

        var toolchain = StapToolchain.Discover();
        var tree = KernelBuildTree.ForChecking(toolchain);
        var stap = new StapInvocation(toolchain, tree);
        var failed = false;
        var notChecked = false;
        foreach (var script in output.Scripts)
        {
            if (DebuginfoCheck.Report(script, toolchain.Debuginfo, Console.Error))
            {
                notChecked = true;
                Console.Error.WriteLine(DiagnosticText.Escape($"{script.ClassName}: not checked: the debuginfo its probes need is missing"));
                continue;
            }

            var file = ScriptFiles.Write(script);
            var result = await Status.StepAsync($"checking {script.ClassName} (stap -p{pass})",
                progress => stap.CheckAsync(file, pass, ScriptFiles.StapOptions(script), progress, cancel));
            var diagnostics = StapErrorMapper.Map(result.Stderr, file, script.Map);
            ScriptBuilder.Report(diagnostics.Where(d => d.Severity == StapSeverity.Error || !result.Succeeded), Console.Error);
            if (!result.Succeeded)
            {
                if (DebuginfoCheck.HintAfterFailure(script, toolchain.Debuginfo, result.Stderr, diagnostics) is { } hint)
                {
                    ScriptBuilder.Report([hint], Console.Error);
                }

                if (UprobesCheckHint.AfterFailure(tree, result.Stderr, diagnostics) is { } uprobes)
                {
                    ScriptBuilder.Report([uprobes], Console.Error);
                }

                failed = true;
                Console.Error.WriteLine(DiagnosticText.Escape($"{script.ClassName}: stap -p{pass} failed"));
            }
            else
            {
                Console.WriteLine(DiagnosticText.Escape($"{script.ClassName}: stap -p{pass} ok ({result.Elapsed.TotalSeconds:0.0} s)"));
            }
        }

        // A missing debuginfo is a STAPxxxx error that reached no stap; a script stap rejected weighs more.
        return failed ? ExitCodes.StapFailed : notChecked ? ExitCodes.TranslationError : ExitCodes.Success;
    }
}
