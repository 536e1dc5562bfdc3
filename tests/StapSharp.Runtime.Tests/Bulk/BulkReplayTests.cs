using StapSharp.Runtime.Bulk;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Tests.Events;
using StapSharp.Tests.Shared;

namespace StapSharp.Runtime.Tests.Bulk;

/// <summary>A bulk run's per-CPU files read as one stream, merged by timestamp.</summary>
public sealed class BulkReplayTests
{
    private static byte[] Ticks(bool schema, params (long Ts, long Count, string? Text)[] ticks) => Captures.Write(writer =>
    {
        foreach (var (ts, count, text) in ticks)
        {
            Captures.Tick(writer, ts, 0, count, 0);
            if (text is not null)
            {
                writer.WriteText(System.Text.Encoding.UTF8.GetBytes(text));
            }
        }
    }, schema);

    [Fact]
    public async Task The_files_merge_by_timestamp_each_read_with_the_schema_one_of_them_starts_with()
    {
        using var folder = new Support.TempDir();
        // CPU 1 ran the begin probe: only its file holds the schema.
        var cpu0 = folder.Combine("out_0");
        var cpu1 = folder.Combine("out_1");
        File.WriteAllBytes(cpu0, BulkFiles.Write(Ticks(false, (20, 2, "after 2")), Ticks(false, (40, 4, null))));
        var damaged = Ticks(false, (35, 35, null));
        damaged[^1] = (byte)'x';
        // The run ended in the middle of CPU 1's last record.
        File.WriteAllBytes(cpu1, [.. BulkFiles.Write(Ticks(true, (10, 1, null), (30, 3, "after 3")), damaged), .. BulkFiles.Write(Ticks(false, (50, 5, null)))[..^2]]);
        var seen = new List<string>();

        var replay = await BulkReplay.DispatchAsync([cpu1, cpu0], new EventHandlers()
            .OnSchema(schema => seen.Add($"schema {schema.TypeCount}"))
            .OnRow(row => seen.Add($"tick {row.Values[0]}"))
            .OnText(line => seen.Add(line))
            .OnDecodeError(reason => seen.Add(reason.StartsWith("out_1: ", StringComparison.Ordinal) ? "cut record" : "damaged frame")));

        // The cut record first; each file's schema (CPU 1's header only confirms it) before any event;
        // text and errors stay after the event before them in their file.
        Assert.Equal(["cut record", "schema 3", "schema 3", "tick 1", "tick 2", "after 2", "tick 3", "after 3", "damaged frame", "tick 4"], seen);
        Assert.Equal([new BulkCpuRecords(0, 2), new BulkCpuRecords(1, 2)], replay.Files);
        Assert.Equal(4, replay.Summary.Events);
        Assert.Equal(2, replay.Summary.DecodeErrors);
        Assert.StartsWith($"out_1: the last {BulkFiles.Write(Ticks(false, (50, 5, null))).Length - 2} bytes are a cut record", replay.Summary.DecodeErrorSamples[0]);
        Assert.Equal(2, replay.Summary.DecodeErrorSamples.Count);
        Assert.Null(replay.Summary.Run);
    }
}
