using System.Globalization;
using StapSharp.Protocol.StapMessages;

namespace StapSharp.Cli.Output;

/// <summary>
/// What a run delivered, for the line printed to stderr at its end: events per type (in declaration
/// order, zero counts included), events lost, frames that failed to decode, and SystemTap's warnings and errors.
/// </summary>
internal sealed class RunTally
{
    private readonly Dictionary<string, long> _events = new(StringComparer.Ordinal);

    public long DecodeErrors { get; private set; }

    /// <summary>Events the host dropped (a reader that fell behind) as the session reports them.</summary>
    public long Dropped { get; set; }

    /// <summary>Output records the kernel side lost (stap's "There were N transport failures").</summary>
    public long TransportFailures { get; private set; }

    public int StapWarnings { get; private set; }

    public int StapErrors { get; private set; }

    public string? FirstDecodeError { get; private set; }

    public bool SawEvents => _events.Count > 0;

    public void Declare(IEnumerable<OutputEventType> types)
    {
        foreach (var type in types)
            _events.TryAdd(TextEventOutput.ShortName(type.FullName), 0);
    }

    public void Event(OutputEventType type)
    {
        var name = TextEventOutput.ShortName(type.FullName);
        _events[name] = _events.GetValueOrDefault(name) + 1;
    }

    public void DecodeError(string reason)
    {
        DecodeErrors++;
        FirstDecodeError ??= reason;
    }

    public void Message(StapMessage message)
    {
        if (message.IsError)
            StapErrors++;
        else
            StapWarnings++;
        if (message.TransportFailureCount is { } lost)
            TransportFailures += lost;
    }

    /// <summary>"events: A 2, B 0; dropped 0; decode errors 0; stap warnings 0, errors 0".</summary>
    public string Summary()
    {
        var events = _events.Count == 0
            ? "no events"
            : "events: " + string.Join(", ", _events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value}")));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{events}; dropped {Dropped + TransportFailures}; decode errors {DecodeErrors}; stap warnings {StapWarnings}, errors {StapErrors}");
        return FirstDecodeError is null ? summary : $"{summary} (first decode error: {FirstDecodeError})";
    }
}
