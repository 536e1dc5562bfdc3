namespace StapSharp.Compiler.Naming;

/// <summary>
/// The names stap reserves, read from <c>ReservedNames.txt</c> (generated from the installed stap by
/// <c>reserved-names.sh</c>): its keywords and print built-ins, which can name nothing; the tapsets'
/// functions, which a script function of the same name would replace for every caller; and the
/// tapsets' globals, which a variable of the same name would be; stap's @ operators and library
/// macros, which a script macro of the same name would replace.
/// </summary>
internal static class ReservedNames
{
    public const string ResourceName = "StapSharp.Compiler.Naming.ReservedNames.txt";

    private static readonly ILookup<string, string> ByKind = Read();

    /// <summary>The words of stap's grammar.</summary>
    public static IReadOnlySet<string> Keywords { get; } = Set("keyword");

    /// <summary>print, printf, sprintln, ...: read by stap's parser itself, so neither variables nor functions can take them.</summary>
    public static IReadOnlySet<string> PrintBuiltins { get; } = Set("builtin");

    /// <summary>Every function of the tapsets, public or internal.</summary>
    public static IReadOnlySet<string> TapsetFunctions { get; } = Set("function");

    /// <summary>Every global of the tapsets.</summary>
    public static IReadOnlySet<string> TapsetGlobals { get; } = Set("global");

    /// <summary>stap's built-in @ operators and the tapsets' library macros: a script's <c>@define</c> of one would replace it.</summary>
    public static IReadOnlySet<string> Macros { get; } = Set("macro");

    /// <summary>A word stap reads itself (a keyword or a print built-in): it can name nothing.</summary>
    public static bool IsWord(string name) => Keywords.Contains(name) || PrintBuiltins.Contains(name);

    /// <summary>A name a script function must not take.</summary>
    public static bool IsFunction(string name) => IsWord(name) || TapsetFunctions.Contains(name);

    /// <summary>A name a script variable (global, local or parameter) must not take.</summary>
    public static bool IsVariable(string name) => IsWord(name) || TapsetGlobals.Contains(name);

    /// <summary>A name a script macro (or a macro's parameter, read as <c>@name</c> like a macro) must not take.</summary>
    public static bool IsMacro(string name) => IsWord(name) || Macros.Contains(name);

    private static IReadOnlySet<string> Set(string kind) => ByKind[kind].ToHashSet(StringComparer.Ordinal);

    private static ILookup<string, string> Read()
    {
        using var stream = typeof(ReservedNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the compiler assembly lacks its resource {ResourceName}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Lines of <c>KIND NAME</c>; <c>#</c> starts a comment line.</summary>
    public static ILookup<string, string> Parse(string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToLookup(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
