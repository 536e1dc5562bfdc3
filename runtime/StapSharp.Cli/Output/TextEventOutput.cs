namespace StapSharp.Cli.Output;

/// <summary>
/// <c>--format text</c> (the default for scripts without events): text lines exactly as the script
/// printed them; an event, if any, as one line <c>TypeName field=value ...</c> (strings quoted; a fleet's host and a colon in front).
/// </summary>
internal sealed class TextEventOutput(TextWriter stdout) : IEventOutput
{
    public void Declare(IReadOnlyList<OutputEventType> types)
    {
    }

    public void Event(OutputEvent e)
    {
        var fields = EventValueText.Fields(e);
        var line = fields.Length == 0 ? ShortName(e.Type.FullName) : $"{ShortName(e.Type.FullName)} {fields}";
        // A fleet's host in front, as its text lines have it.
        stdout.WriteLine(e.Host is { } host ? $"{host}: {line}" : line);
    }

    public void Text(string line) => stdout.WriteLine(line);

    public void Flush() => stdout.Flush();

    public void Complete() => stdout.Flush();

    /// <summary>The record's own name, without namespace or enclosing types.</summary>
    public static string ShortName(string fullName) => fullName[(fullName.LastIndexOfAny(['.', '+']) + 1)..];
}
