namespace StapSharp.Cli;

/// <summary>
/// What stapsharp's exit code says, the same for every command. <c>--help</c> prints <see cref="Meanings"/>;
/// README.md ("The command line") holds the same table.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int TranslationError = 1;
    public const int UserError = 2;
    public const int InternalError = 3;
    public const int StapFailed = 4;
    public const int UsageError = 64;
    public const int Cancelled = 130;

    public static readonly IReadOnlyList<(int Code, string Meaning)> Meanings =
    [
        (Success, "success"),
        (TranslationError, "translation error: C# errors or STAPxxxx errors; nothing reached stap"),
        (UserError, "user or input error: a path that cannot be read or written, an input that does not fit, a missing tool"),
        (InternalError, "internal error: a bug in stapsharp (STAPSHARP_DEBUG=1 shows the details)"),
        (StapFailed, "stap or run failure: stap rejected the script or could not build the module, or the run failed"),
        (UsageError, "usage error: an unknown command or option, a missing or malformed value, options that exclude each other"),
        (Cancelled, "cancelled (Ctrl-C before anything ran, or a second Ctrl-C)"),
    ];
}
