namespace StapSharp.Cli.Output;

/// <summary>How `stapsharp run` prints a script's output (<c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>Not given: a live table on a terminal for scripts with events, jsonl when stdout is redirected, text for scripts without events.</summary>
    Auto,
    Text,
    Jsonl,
    Csv,
    Table,
}
