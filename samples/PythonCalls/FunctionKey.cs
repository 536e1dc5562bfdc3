namespace PythonCalls;

/// <summary>A Python function, as the markers name it: its file, its name and its first line.</summary>
internal readonly record struct FunctionKey(string File, string Function, long Line) : IComparable<FunctionKey>
{
    public int CompareTo(FunctionKey other)
    {
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0)
        {
            return byFile;
        }

        var byLine = Line.CompareTo(other.Line);
        return byLine != 0 ? byLine : string.CompareOrdinal(Function, other.Function);
    }

    /// <summary>Where the function is: <c>file:line</c>.</summary>
    public string Place => $"{File}:{Line}";
}
