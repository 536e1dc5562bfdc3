namespace StapSharp.Compiler.Diagnostics;

/// <summary>A place in C# source: file path and 1-based line and column (as compilers print them).</summary>
public readonly record struct SourceSpan(string FilePath, int Line, int Column)
{
    public static readonly SourceSpan None = new(string.Empty, 0, 0);

    public bool IsNone => Line == 0;

    public static SourceSpan From(Microsoft.CodeAnalysis.Location location)
    {
        var span = location.GetLineSpan();
        return new SourceSpan(span.Path ?? string.Empty, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>A span <paramref name="characters"/> further along the same line (for places inside a string literal).</summary>
    public SourceSpan Advance(int characters) => this with { Column = Column + characters };

    /// <summary><c>path(line,col)</c>; the path escaped, as a file name may hold any character (<see cref="DiagnosticText"/>).</summary>
    public override string ToString() => $"{DiagnosticText.Escape(FilePath)}({Line},{Column})";
}
