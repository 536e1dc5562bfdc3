namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// Language areas the program generator may use beyond the everyday ones. Each is a place where
/// the translator has had to do something non-obvious; a test runs the generator with one area
/// switched on, so a regression in it is reported by name.
/// </summary>
internal sealed record FuzzFeatures
{
    /// <summary>Calls with named arguments in another order than the parameters (<c>F(b: 1, a: 2)</c>).</summary>
    public bool NamedArgumentsInAnyOrder { get; init; }

    /// <summary>Escaped braces in interpolated strings (<c>$"{{x}}"</c> prints <c>{x}</c>).</summary>
    public bool EscapedBraces { get; init; }

    /// <summary>Methods named like stap's built-in and tapset functions (<c>strlen</c>, <c>execname</c>, <c>exit</c>).</summary>
    public bool TapsetFunctionNames { get; init; }

    /// <summary>Variables named like stap's print built-ins (<c>print</c>, <c>sprintf</c>), which stap's parser treats as calls.</summary>
    public bool PrintBuiltinNames { get; init; }

    /// <summary>Variables named like globals of stap's tapsets (<c>argc</c>, <c>NULL</c>), which stap binds to those globals.</summary>
    public bool TapsetGlobalNames { get; init; }

    /// <summary>Two names that are different in C# and spelled alike for stap (<c>aé</c> and <c>a_u00E9</c>, <c>next</c> and <c>next_</c>).</summary>
    public bool SpelledTwins { get; init; }

    /// <summary>
    /// <c>string.Length</c> of text that is not ASCII (C# counts UTF-16 units, stap's strlen bytes). No CI
    /// row of the differential test uses it: the translator does not bridge that difference yet.
    /// </summary>
    public bool NonAsciiLength { get; init; }

    /// <summary><c>foreach (var e in map)</c> over a map with tuple keys, reading <c>e.Key.Item1</c> (a documented form).</summary>
    public bool EntryKeyParts { get; init; }

    /// <summary>Key parts with ?:, ||, &amp;&amp;, |, &amp; or ^ in a membership test of a multi-key map (<c>m.ContainsKey((a | b, c))</c>).</summary>
    public bool LooseMembershipKeys { get; init; }

    /// <summary>
    /// Globals (maps, statistics, scalars) that no statement writes. Without it every class gets a begin
    /// probe that writes each global once, as real scripts do.
    /// </summary>
    public bool UnwrittenGlobals { get; init; }

    /// <summary>
    /// Values C# types int: int literals and conditionals of them (<c>c ? 1 : 0</c>). Arithmetic on them
    /// is 32-bit in C# (<c>(c ? 1 : 0) &lt;&lt; 63</c> shifts by 31) and so is hex formatting (<c>$"{-7:x}"</c>
    /// is fffffff9), where stap computes and prints 64 bits. No CI row of the differential test uses it:
    /// the translator does not bridge that difference yet.
    /// </summary>
    public bool IntTypedValues { get; init; }

    /// <summary><c>++x;</c> and <c>--x;</c> as statements (stap has no statement separator: a line starting with ++ may join the line before).</summary>
    public bool PrefixIncrementStatements { get; init; }

    /// <summary>Everything the translator handles today.</summary>
    public static readonly FuzzFeatures Everyday = new();

    /// <summary>Every area at once, for local campaigns.</summary>
    public static readonly FuzzFeatures All = new()
    {
        NamedArgumentsInAnyOrder = true,
        EscapedBraces = true,
        TapsetFunctionNames = true,
        PrintBuiltinNames = true,
        TapsetGlobalNames = true,
        SpelledTwins = true,
        NonAsciiLength = true,
        EntryKeyParts = true,
        LooseMembershipKeys = true,
        UnwrittenGlobals = true,
        IntTypedValues = true,
        PrefixIncrementStatements = true,
    };

    /// <summary>The everyday areas plus one, by its property name.</summary>
    public static FuzzFeatures With(string area) => area switch
    {
        nameof(NamedArgumentsInAnyOrder) => new() { NamedArgumentsInAnyOrder = true },
        nameof(EscapedBraces) => new() { EscapedBraces = true },
        nameof(TapsetFunctionNames) => new() { TapsetFunctionNames = true },
        nameof(PrintBuiltinNames) => new() { PrintBuiltinNames = true },
        nameof(TapsetGlobalNames) => new() { TapsetGlobalNames = true },
        nameof(SpelledTwins) => new() { SpelledTwins = true },
        nameof(NonAsciiLength) => new() { NonAsciiLength = true },
        nameof(EntryKeyParts) => new() { EntryKeyParts = true },
        nameof(LooseMembershipKeys) => new() { LooseMembershipKeys = true },
        nameof(UnwrittenGlobals) => new() { UnwrittenGlobals = true },
        nameof(IntTypedValues) => new() { IntTypedValues = true },
        nameof(PrefixIncrementStatements) => new() { PrefixIncrementStatements = true },
        "All" => All,
        "Everyday" => Everyday,
        _ => throw new ArgumentException($"no fuzz area '{area}'"),
    };
}
