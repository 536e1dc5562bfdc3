namespace StapSharp.Compiler.Diagnostics;

public enum StapSeverity
{
    Warning,
    Error,

    /// <summary>A suggestion shown in the IDE only (never printed by the CLI or at build).</summary>
    Info,
}

/// <summary>One problem found in a probe script, at the C# place that caused it.</summary>
public sealed record StapDiagnostic(string Id, StapSeverity Severity, string Message, SourceSpan Span)
{
    private readonly string _message = DiagnosticText.Escape(Message);

    /// <summary>The message, with user text in it escaped however it was formed (<see cref="DiagnosticText"/>).</summary>
    public string Message
    {
        get => _message;
        init => _message = DiagnosticText.Escape(value);
    }

    /// <summary>The compiler-style form: <c>file(line,col): error STAP0001: message</c>.</summary>
    public override string ToString() =>
        (Span.IsNone ? string.Empty : $"{Span}: ") + $"{Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
