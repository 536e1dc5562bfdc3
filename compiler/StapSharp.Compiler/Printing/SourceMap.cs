using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Printing;

/// <summary>Maps each line of an emitted .stp file back to the C# place it came from.</summary>
public sealed class SourceMap
{
    private readonly IReadOnlyList<SourceSpan> _lineSpans;

    public SourceMap(IReadOnlyList<SourceSpan> lineSpans) => _lineSpans = lineSpans;

    /// <summary>The place of each line, line 1 first; <see cref="SourceSpan.None"/> for a line that has none.</summary>
    public IReadOnlyList<SourceSpan> Lines => _lineSpans;

    /// <summary>The C# place of a 1-based .stp line; the nearest mapped line above it when the line itself has none.</summary>
    public SourceSpan Lookup(int stpLine)
    {
        for (var i = Math.Min(stpLine, _lineSpans.Count) - 1; i >= 0; i--)
        {
            if (!_lineSpans[i].IsNone)
            {
                return _lineSpans[i];
            }
        }

        return SourceSpan.None;
    }
}
