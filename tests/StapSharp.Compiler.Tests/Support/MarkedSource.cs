namespace StapSharp.Compiler.Tests.Support;

/// <summary>Sources with a <c>/*@*/</c> marker where a diagnostic must point; the marker is removed before compiling.</summary>
internal static class MarkedSource
{
    public const string Marker = "/*@*/";

    /// <summary>Compiles the source and asserts an error with <paramref name="id"/> at the marker's line and column.</summary>
    public static void AssertReported(string id, string marked)
    {
        var (line, column) = Position(marked);
        var errors = TestCompiler.Errors(Unmarked(marked));
        Assert.True(
            errors.Any(e => e.Id == id && e.Span.Line == line && e.Span.Column == column),
            $"expected {id} at ({line},{column}); got:\n{string.Join("\n", errors)}");
    }

    /// <summary>The source as compiled: without its marker.</summary>
    public static string Unmarked(string marked) => marked.Replace(Marker, string.Empty, StringComparison.Ordinal);

    /// <summary>The 1-based line and column of the marker.</summary>
    public static (int Line, int Column) Position(string text)
    {
        var index = text.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(index >= 0, "test case has no marker");
        var before = text[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
