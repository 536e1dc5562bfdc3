using System.CommandLine;
using StapSharp.Runtime.Build;

namespace StapSharp.Cli;

/// <summary>
/// <c>-d PROGRAM</c> (<c>--symbols</c>) of `run`: stap's -d for programs and libraries, so user-space stacks name their
/// frames; and the same, unasked, for the program of <c>-c</c>/<c>--vm-command</c> when the run folds stacks a script reads
/// from user space.
/// </summary>
internal static class ProgramSymbolsOption
{
    public static Option<string[]> Create() => new("--symbols", "-d")
    {
        Description = "Build the symbols and unwind data of this program or library into the module (stap -d PATH), so user-space stacks " +
                      "(Stap.SprintUBacktrace()) name its frames: an absolute path; repeat for several. With --folded/--flame, the program " +
                      "of -c/--vm-command gets it without asking",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// <paramref name="script"/> with <c>-d PATH</c> for each of <paramref name="programs"/> and, when <paramref name="foldsStacks"/>
    /// and the script reads user stacks, for the program <paramref name="command"/> runs, looked up on <paramref name="searchPath"/>
    /// (the PATH the command runs with; null: this process's).
    /// </summary>
    /// <exception cref="UserError">A program is not an absolute path of an existing program or library.</exception>
    public static RunnableScript Apply(RunnableScript script, IReadOnlyList<string> programs, string? command, bool foldsStacks, string? searchPath)
    {
        IReadOnlyList<string> options;
        try
        {
            options = ProgramSymbols.Options(programs);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"-d {e.Message}");
        }

        if (foldsStacks && command is not null && ProgramSymbols.ReadsUserStacks(script.Script.Text))
        {
            if (ProgramSymbols.ProgramOf(command, Environment.CurrentDirectory, searchPath) is not { } program)
            {
                Status.Notice("the command does not plainly start with a program (an ELF file on its PATH): its user frames stay addresses; name its program with -d PATH");
            }
            else if (!ProgramSymbols.In(options).Contains(program))
            {
                Status.Notice($"user stacks: building in the symbols of {program}, the command's program (stap -d)");
                options = [.. options, "-d", program];
            }
        }

        return options.Count == 0 ? script : script with { Script = script.Script with { Options = [.. script.Script.Options, .. options] } };
    }
}
