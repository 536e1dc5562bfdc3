using StapSharp.Compiler.Naming;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Printing;

/// <summary>
/// Checks every piece of text the printer puts in a script that is neither fixed syntax nor a
/// literal (<see cref="StapLiteral"/> escapes those), whatever built the IR: names, probe points,
/// target paths, build-condition subjects, embedded C, comments (operators, aggregates and histograms
/// are enums, spelled by <see cref="IR.StapSpelling"/>). Text that fails is an internal error (<see cref="UnsafeScriptTextException"/>) and the script is not emitted, so no
/// string of the user's can reach a script unchecked.
/// </summary>
internal static class PrintChecks
{
    private static readonly IReadOnlySet<string> BuildWords = Set("kernel_v", "kernel_vr", "arch", "runtime", "systemtap_v", "guru_mode", "$#");

    /// <summary>A variable (global, local, parameter, array): not reserved, not a tapset global (which it would be).</summary>
    public static string Variable(string name) => StapNames.IsVariableName(name) ? name : throw Unsafe("variable name", name);

    /// <summary>A tapset global read by its own name: one of the tapsets' globals, not an internal (underscore) one.</summary>
    public static string TapsetGlobal(string name) =>
        StapNames.IsIdentifier(name) && ReservedNames.TapsetGlobals.Contains(name) && !name.StartsWith('_') ? name : throw Unsafe("tapset global", name);

    /// <summary>A parameter: declarable (a parameter is declared, so it hides a tapset global of its name).</summary>
    public static string Parameter(string name) => StapNames.IsDeclarable(name) ? name : throw Unsafe("parameter name", name);

    /// <summary>A function the script declares: not reserved, not a tapset or translator function (which it would replace).</summary>
    public static string DeclaredFunction(string name) =>
        StapNames.IsIdentifier(name) && !ReservedNames.IsFunction(name) && !TranslatorFunctions.All.Contains(name) ? name : throw Unsafe("function name", name);

    /// <summary>A function called: an identifier that is not a keyword (a print built-in, a tapset or a script function).</summary>
    public static string CalledFunction(string name) =>
        StapNames.IsIdentifier(name) && !ReservedNames.Keywords.Contains(name) ? name : throw Unsafe("called function", name);

    /// <summary>A script macro or a macro's parameter (both read as <c>@name</c>): not a keyword, an @ operator or a library macro (which it would replace).</summary>
    public static string Macro(string name) =>
        StapNames.IsIdentifier(name) && !ReservedNames.IsMacro(name) ? name : throw Unsafe("macro name", name);

    public static string AliasName(string name) => StapNames.IsAliasName(name) ? name : throw Unsafe("probe alias name", name);

    public static string TargetPath(string path) => StapNames.IsTargetPath(path) ? path : throw Unsafe("target variable path", path);

    /// <summary>A build-condition subject: a preprocessor word or a <c>CONFIG_</c> option.</summary>
    public static string BuildSubject(string subject) =>
        BuildWords.Contains(subject) || subject.StartsWith("CONFIG_", StringComparison.Ordinal) && StapNames.IsIdentifier(subject)
            ? subject
            : throw Unsafe("build-condition subject", subject);

    /// <summary>
    /// One probe point as the probe-point printer prints it (which refuses what is not probe-point syntax),
    /// parsing back to the same text, whose condition reads only <paramref name="globals"/>.
    /// </summary>
    public static string ProbePoint(ProbePoint point, IReadOnlySet<string> globals)
    {
        string text;
        try
        {
            text = ProbePointPrinter.Print(point);
        }
        catch (ArgumentException)
        {
            throw Unsafe("probe point", point.ToString());
        }

        // Checked as written ({Name} for a script argument), the form the parser reads; the argument's stap form is
        // printed from its position and its checked default only.
        var written = ProbePointPrinter.PrintAsWritten(point);
        if (point.ArgumentReferences.Any(argument => !argument.IsResolved) ||
            ProbePointParser.Parse(written).Points is not { Points: [var reparsed] } ||
            ProbePointPrinter.PrintAsWritten(reparsed) != written ||
            point.ConditionIdentifiers.Any(name => !globals.Contains(name)))
        {
            throw Unsafe("probe point", text);
        }

        return text;
    }

    /// <summary>Embedded C, which only <c>%}</c> can end early.</summary>
    public static string EmbeddedC(string code) => code.Contains("%}", StringComparison.Ordinal) ? throw Unsafe("embedded C", "%}") : code;

    /// <summary>
    /// Comment text (a class or file name): escaped as a string literal's content, so no line end or
    /// other control byte survives, and the comment cannot end before its line does.
    /// </summary>
    public static string Comment(string text) => StapLiteral.Escape(text);

    private static UnsafeScriptTextException Unsafe(string what, string text) =>
        new($"the translator produced the {what} {StapLiteral.Quote(text)}, which is not valid stap there");

    private static IReadOnlySet<string> Set(params string[] items) => new HashSet<string>(items, StringComparer.Ordinal);
}
