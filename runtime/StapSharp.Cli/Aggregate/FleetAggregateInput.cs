using StapSharp.Cli.Output;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Aggregate;

/// <summary>
/// A fleet's merged output into a run's output (printed or aggregated): each event carries its host (the <c>host</c>
/// field of jsonl and csv, <c>--group-by host</c>) and its timestamp on this machine's clock, a text line is shown with
/// its host's name in front. Hosts are live runs or replayed captures alike.
/// </summary>
internal static class FleetAggregateInput
{
    /// <param name="enumNames">The script's enum member names, as for one machine's run.</param>
    /// <param name="other">Every other item of a host (staprun's messages, decode errors), with its host.</param>
    /// <param name="flushEvery">How often what was written is made visible while items keep coming (every item when zero).</param>
    /// <returns>What each host sent (see <see cref="FleetMerge.Reports"/>).</returns>
    public static async Task<IReadOnlyList<FleetHostReport>> ReadAsync(
        FleetMerge fleet, IEventOutput output, IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null,
        Action<FleetItem>? other = null, TimeSpan flushEvery = default, CancellationToken cancel = default)
    {
        var events = new OutputEvents(enumNames);
        var declared = false;
        var flushed = Environment.TickCount64;
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
                case RunItemKind.Message or RunItemKind.DecodeError:
                    other?.Invoke(merged);
                    break;
            }

            // The merge has no "caught up" point of its own: a live run's output is shown at least this often.
            if (Environment.TickCount64 - flushed >= flushEvery.TotalMilliseconds)
            {
                output.Flush();
                flushed = Environment.TickCount64;
            }
        }

        return fleet.Reports();
    }
}
