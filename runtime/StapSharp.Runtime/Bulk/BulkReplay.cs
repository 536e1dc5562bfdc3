using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Bulk;

/// <summary>How many records one per-CPU file of a bulk run held.</summary>
public readonly record struct BulkCpuRecords(int Cpu, int Records);

/// <summary>What <see cref="BulkReplay.DispatchAsync"/> read.</summary>
/// <param name="Summary">The counts over all files (<see cref="EventRunSummary.Run"/> is null).</param>
/// <param name="Files">Each file's CPU and record count, by CPU.</param>
public sealed record BulkReplayResult(EventRunSummary Summary, IReadOnlyList<BulkCpuRecords> Files);

/// <summary>
/// The output of a bulk run (<c>stap -b</c>) as one stream: each per-CPU file's records are decoded as one
/// stream, then the CPUs are merged by the events' timestamps (stable: ties keep CPU order, then file order).
/// Anything else sorts with the event before it in its file, so text stays beside the events it was printed
/// with and the schema goes first. The schema lines are in the file of whichever CPU ran the begin probe:
/// every file is decoded with the schema that one starts with (no text can pass for a schema header, so no
/// other file's start can).
/// </summary>
public static class BulkReplay
{
    /// <summary>
    /// Reads <paramref name="files"/> (written by <c>staprun -b -o FILE</c> as <c>FILE_&lt;cpu&gt;</c>) and calls
    /// <paramref name="handlers"/> in merged order. A record cut short at a file's end is a decode error, handed over first.
    /// </summary>
    /// <exception cref="InvalidOperationException">A handled type has no registered decoder.</exception>
    /// <exception cref="EventSchemaException">The module was built from another definition of a handled type.</exception>
    public static async Task<BulkReplayResult> DispatchAsync(
        IReadOnlyList<string> files, EventHandlers handlers, EventSessionOptions? options = null, CancellationToken cancel = default)
    {
        foreach (var type in handlers.ByType.Keys)
        {
            EventSession.RequireDecoder(type);
        }

        options ??= new EventSessionOptions();
        var streams = new List<(int Cpu, byte[] Bytes, int Records)>();
        var cutRecords = new List<string>();
        long cutBytes = 0;
        foreach (var file in files)
        {
            var records = BulkFile.Read(await File.ReadAllBytesAsync(file, cancel).ConfigureAwait(false), out var trailing);
            if (trailing > 0)
            {
                cutRecords.Add($"{Path.GetFileName(file)}: the last {trailing} bytes are a cut record");
            }

            cutBytes += trailing;
            streams.Add((BulkFile.CpuOf(file) ?? streams.Count, [.. records.SelectMany(r => r.Payload.ToArray())], records.Count));
        }

        // Every stream starts from the schema; the one that holds it only confirms it.
        var schema = streams.Select(s => WireReader.SchemaAtStart(s.Bytes)).FirstOrDefault(s => s is not null);
        // Decode errors are always read: their samples are taken in merged order.
        var selection = handlers.Selection() with { Errors = true };
        var fileOptions = options with { Schema = schema, MaxWaitWhenFull = Timeout.InfiniteTimeSpan };
        var decoded = new List<List<(long SortNs, RunItem Item)>>();
        var summary = new EventRunSummary(null, new Dictionary<string, long>(), 0, 0, 0, [], 0, cutBytes);
        foreach (var stream in streams.OrderBy(s => s.Cpu))
        {
            await using var session = EventSession.FromCapture(new MemoryStream(stream.Bytes), fileOptions, cancel);
            var items = new List<(long, RunItem)>();
            var lastTimestamp = long.MinValue;
            await foreach (var item in session.ReadAsync(selection, cancel).ConfigureAwait(false))
            {
                if (item.Kind == RunItemKind.Event)
                {
                    lastTimestamp = item.TimestampNs;
                }

                items.Add((lastTimestamp, item));
            }
            decoded.Add(items);
            summary = summary.Then(await session.Completion.ConfigureAwait(false));
        }

        var dispatch = new HandlerDispatch(handlers);
        var samples = new List<string>();
        foreach (var reason in cutRecords)
        {
            await dispatch.HandleAsync(RunItem.ForDecodeError(reason)).ConfigureAwait(false);
            samples.Add(reason);
        }
        foreach (var (_, item) in TimestampMerge.Merge(decoded, item => item.SortNs))
        {
            if (item.Kind == RunItemKind.DecodeError)
            {
                samples.Add(item.Text!);
            }

            await dispatch.HandleAsync(item).ConfigureAwait(false);
        }
        dispatch.CaughtUp();

        summary = summary with
        {
            DecodeErrors = summary.DecodeErrors + cutRecords.Count,
            DecodeErrorSamples = [.. samples.Take(options.ErrorSamples)],
        };
        return new BulkReplayResult(summary, [.. streams.Select(s => new BulkCpuRecords(s.Cpu, s.Records)).OrderBy(s => s.Cpu)]);
    }
}
