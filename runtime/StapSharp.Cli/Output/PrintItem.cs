namespace StapSharp.Cli.Output;

/// <summary>
/// One thing a module's output stream held, decoded, with the timestamp it sorts by when per-CPU
/// streams are merged: an event's own timestamp; for anything else, that of the event before it in
/// the same stream (so text stays beside the events it was printed with, and the schema goes first).
/// </summary>
internal abstract record PrintItem(long TimestampNs)
{
    public sealed record Declared(long TimestampNs, IReadOnlyList<OutputEventType> Types) : PrintItem(TimestampNs);

    public sealed record Decoded(OutputEvent Event) : PrintItem(Event.TimestampNs);

    public sealed record TextLine(long TimestampNs, string Line) : PrintItem(TimestampNs);

    public sealed record Undecodable(long TimestampNs, string Reason) : PrintItem(TimestampNs);

    /// <summary>Hands the item to <paramref name="printer"/>.</summary>
    public void PrintTo(RunPrinter printer)
    {
        switch (this)
        {
            case Declared declared: printer.Declare(declared.Types); break;
            case Decoded decoded: printer.Event(decoded.Event); break;
            case TextLine text: printer.Text(text.Line); break;
            case Undecodable error: printer.DecodeError(error.Reason); break;
        }
    }
}
