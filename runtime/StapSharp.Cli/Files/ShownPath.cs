namespace StapSharp.Cli.Files;

/// <summary>A path as the user would type it: relative to the current folder when inside it.</summary>
internal static class ShownPath
{
    public static string Of(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}
