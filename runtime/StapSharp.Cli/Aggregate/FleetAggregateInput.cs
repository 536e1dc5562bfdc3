using StapSharp.Cli.Output;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// A fleet's merged output into an aggregating run's output: each event carries its host (for <c>--group-by host</c>)
/// and its timestamp on this machine's clock, a text line is shown with its host's name in front, and at the end the
/// aggregator holds what each host sent. Hosts are live runs or replayed captures alike.
/// </summary>
internal static class FleetAggregateInput
{
    /// <param name="enumNames">The script's enum member names, as for one machine's run.</param>
    /// <returns>What each host sent, as <see cref="EventAggregator.Hosts"/> now also holds.</returns>
    public static async Task<IReadOnlyList<FleetHostReport>> ReadAsync(
        FleetMerge fleet, IEventOutput output, EventAggregator aggregator,
        IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null, CancellationToken cancel = default)
    {
        var events = new OutputEvents(enumNames);
        var declared = false;
        await foreach (var merged in fleet.ReadRowsAsync(cancel).ConfigureAwait(false))
        {
            var item = merged.Item;
            switch (item.Kind)
            {
                // Every host runs the same module: its types are declared once.
                case RunItemKind.Schema when !declared:
                    output.Declare(events.TypesOf(item.Schema!));
                    declared = true;
                    break;
                case RunItemKind.Event:
                    output.Event(events.From((EventRow)item.Event!) with { Host = merged.Host, TimestampNs = merged.TimestampNs });
                    break;
                case RunItemKind.Text:
                    output.Text($"{merged.Host}: {item.Text}");
                    break;
            }
        }

        aggregator.Hosts = fleet.Reports();
        return aggregator.Hosts;
    }
}
