using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Build;

/// <summary>Builds stap command lines against a prepared kernel build tree.</summary>
internal static partial class StapArguments
{
    // \z, not $: "$" also matches before a final line end.
    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex ModuleNamePattern();

    /// <summary>stap limits module names to C identifiers (and the kernel to 55 characters).</summary>
    public const int MaxModuleNameLength = 55;

    /// <summary>Arguments for stap -pPASS (or -p4 -m NAME when <paramref name="moduleName"/> is given).</summary>
    /// <param name="kernel">What -r takes: a kernel build tree, or a release whose build tree is /lib/modules/RELEASE/build.</param>
    /// <param name="scriptArguments">The script's positional arguments ($1, @1, ...): they follow the script file.</param>
    public static IReadOnlyList<string> Build(
        string kernel, string runtimeDir, int pass, string? moduleName, IReadOnlyList<string> extraArgs, string stpPath, bool addVerbose,
        IReadOnlyList<string>? scriptArguments = null)
    {
        if (pass is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(pass), pass, "stap passes are 1 to 4 (parse, elaborate, translate, compile)");
        }

        var arguments = new List<string> { "-r", kernel, "-R", runtimeDir, "-p" + pass };
        if (moduleName is not null)
        {
            ValidateModuleName(moduleName);
            arguments.Add("-m");
            arguments.Add(moduleName);
        }
        if (addVerbose && !extraArgs.Any(IsVerboseFlag))
        {
            arguments.Add("-v");
        }

        arguments.AddRange(extraArgs);
        arguments.Add(stpPath);
        arguments.AddRange(scriptArguments ?? []);
        return arguments;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the rule when the name is not usable.</summary>
    public static void ValidateModuleName(string moduleName)
    {
        if (!ModuleNamePattern().IsMatch(moduleName) || moduleName.Length > MaxModuleNameLength)
        {
            throw new ArgumentException(
                $"module name '{moduleName}' must be a C identifier (letters, digits, _) of at most {MaxModuleNameLength} characters",
                nameof(moduleName));
        }
    }

    /// <summary>Lines stap -v prints at the end of each pass ("Pass 2: analyzed script: ...").</summary>
    public static bool IsProgressLine(string stderrLine) =>
        stderrLine.StartsWith("Pass ", StringComparison.Ordinal) && stderrLine.Length > 6 && char.IsAsciiDigit(stderrLine[5]);

    private static bool IsVerboseFlag(string argument) =>
        argument.StartsWith("-v", StringComparison.Ordinal) && argument.Skip(1).All(c => c == 'v')
        || argument == "--verbose";
}
