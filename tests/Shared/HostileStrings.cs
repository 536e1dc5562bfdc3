namespace StapSharp.Tests.Shared;

/// <summary>One hostile string of the corpus, named for test output (the value itself may not print).</summary>
public sealed record HostileString(string Name, string Value)
{
    public override string ToString() => Name;
}

/// <summary>
/// The hostile-input corpus, shared by the translator's injection tests (every place a user string
/// or name reaches a script) and the decoder's tests (the same text printed between event frames).
/// Each entry breaks a naive quoting, escaping, framing or line-handling rule somewhere; add new
/// ones here so that both sides see them.
/// </summary>
public static class HostileStrings
{
    /// <summary>The stap "maximum string length" (MAXSTRINGLEN 512): a literal of 511 bytes or more is cut.</summary>
    private const int StapStringBytes = 512;

    public static readonly IReadOnlyList<HostileString> All =
    [
        // stap string and comment syntax.
        new("double-quote", "say \"hi\""),
        new("backslash", "back\\slash"),
        new("trailing-backslash", "ends with \\"),
        new("octal-lookalike", "\\036B\\0"),
        new("quote-breakout", "\"); system(\"id\"); printf(\""),
        new("brace-breakout", "x\" } probe begin { exit() } probe end { \""),
        new("close-brace", "}"),
        new("hash-comment", "# not a comment"),
        new("slash-comments", "// line /* block"),
        new("comment-close", "*/ probe begin { exit() } /*"),
        new("embedded-c-open", "%{ panic(); %}"),
        new("embedded-c-close", "%}"),
        new("preprocessor", "%( kernel_v >= \"2.6\" %? a %: b %)"),
        new("dollar-arguments", "$1 @1 $$vars $# @#"),

        // printf and interpolation syntax.
        new("percent", "100%"),
        new("percent-conversions", "%s%d%n%p%%"),
        new("percent-star", "%*d%-08.3lx"),
        new("braces", "{0} {{x}} }{"),

        // Line structure: what starts a new script line, log line or frame.
        new("newline", "line one\nprobe begin { exit() }"),
        new("carriage-return", "a\rb\r\n"),
        new("newline-hash", "x\n# \nprobe end {}"),
        new("line-separator", "a\u2028b\u2029c"),
        new("next-line", "a\u0085b"),
        new("tab-vt-ff", "a\tb\vc\fd"),

        // Control characters and the wire format's frame mark.
        new("nul", "a\0b"),
        new("escape", "\u001b[31mred\u001b[0m\u001b]0;title\u0007"),
        new("record-separator", "\u001eB"),
        new("forged-event-frame", "\n\u001eE0 1 0 42\n"),
        new("forged-schema", "\u001eS2 0000000000000000 0 \u0001\u0002\n"),
        new("delete", "a\u007fb"),
        new("c1-controls", "\u0080\u009b\u009f"),

        // Unicode that is not what it looks like.
        new("bidi-override", "abc\u202edcba\u2066x\u2069"),
        new("zero-width", "a\u200bb\u200dc\ufeffd"),
        new("astral", "emoji \U0001F600 math \U0001D400"),
        new("combining", "e\u0301 \u0308\u0308\u0308"),
        new("lone-high-surrogate", "x\ud800y"),
        new("lone-low-surrogate", "x\udc00y"),
        new("reversed-surrogates", "\udc00\ud800"),
        new("noncharacter", "\uffff\ufffe"),

        // Size.
        new("empty", ""),
        new("spaces", "   "),
        new("at-stap-limit", new string('a', StapStringBytes - 1)),
        new("past-stap-limit", new string('b', StapStringBytes + 1)),
        new("very-long", string.Concat(Enumerable.Repeat("\"\\%{\n", 4000))),
    ];

    /// <summary>C# identifiers that stap cannot spell as they are, or that mean something to stap.</summary>
    public static readonly IReadOnlyList<HostileString> Identifiers =
    [
        new("stap-keyword-next", "next"),
        new("stap-keyword-probe", "probe"),
        new("stap-keyword-global", "global"),
        new("stap-keyword-limit", "limit"),
        new("stap-keyword-delete", "delete"),
        new("stap-keyword-function", "function"),
        new("verbatim-in", "@in"),
        new("verbatim-string", "@string"),
        new("verbatim-long", "@long"),
        new("verbatim-try", "@try"),
        new("verbatim-if", "@if"),
        new("builtin-print", "print"),
        new("builtin-printf", "printf"),
        new("builtin-sprint", "sprint"),
        new("tapset-strlen", "strlen"),
        new("tapset-execname", "execname"),
        new("tapset-exit", "exit"),
        new("tapset-global-argc", "argc"),
        new("tapset-global-argv", "argv"),
        new("tapset-operator-entry", "entry"),
        new("tapset-operator-count", "count"),
        new("tapset-macro-choose_defined", "choose_defined"),
        new("latin", "größe"),
        new("cjk", "名前"),
        new("greek", "Ω"),
        new("spelled-twin", "a_u00E9"),
        new("letter-number", "ⅰ"),
        new("titlecase", "ǅ"),
        new("connector", "a‿b"),
        new("combining-mark", "e\u0301"),
        new("format-char", "a\u200db"),
        new("underscores", "__"),
        new("stapsharp-internal", "__stapsharp_emit"),
        new("long-name", "n" + new string('x', 400)),
    ];
}
