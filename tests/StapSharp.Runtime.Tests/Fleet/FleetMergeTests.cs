using CsCheck;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;
using static StapSharp.Runtime.Tests.Fleet.FleetStreams;

namespace StapSharp.Runtime.Tests.Fleet;

/// <summary>Several hosts' outputs as one stream: order, stability, nothing lost, clock offsets, quiet and failing hosts.</summary>
public sealed class FleetMergeTests
{
    // Per host: a clock offset and timestamps in its own order, with ties inside and across hosts.
    private static readonly Gen<(long Offset, long[] Stamps)[]> FleetGen =
        Gen.Select(Gen.Long[-30, 30], Gen.Long[0, 60].Array[0, 50].Select(s => s.Order().ToArray())).Array[1, 7];

    private static FleetHost[] Hosts((long Offset, long[] Stamps)[] fleet) =>
        [.. fleet.Select((h, host) => new FleetHost($"h{host}", h.Offset, Async(h.Stamps.Select((ts, i) => Event(host, i, ts)))))];

    [Fact]
    public void The_merge_is_in_timestamp_order_after_the_offsets_stable_and_loses_nothing()
    {
        FleetGen.Sample(fleet =>
        {
            var merge = new FleetMerge(Hosts(fleet));
            var merged = merge.ReadAllAsync().ToListAsync().GetAwaiter().GetResult();

            AssertMergedInOrder(fleet, merged);
            Assert.Equal(fleet.Select((h, host) => ($"h{host}", h.Offset, (long)h.Stamps.Length, true)),
                merge.Reports().Select(r => (r.Name, r.ClockOffsetNs, r.Events, r.Ended)));
        });
    }

    [Fact]
    public void Batch_boundaries_anywhere_even_between_equal_timestamps_or_before_a_failure_change_nothing()
    {
        // Small read-aheads make small batches; a host's reader pausing hands a part-filled batch over.
        Gen.Select(FleetGen, Gen.Int[1, 40], Gen.Int[1, 9], Gen.Bool.Array[7]).Sample((fleet, readAhead, pauseEvery, fails) =>
        {
            var hosts = fleet.Select((h, host) =>
            {
                var items = h.Stamps.Select((ts, i) => Event(host, i, ts));
                return new FleetHost($"h{host}", h.Offset, fails[host] ? ThenFault(items, pauseEvery) : Async(items, pauseEvery));
            });
            var merge = new FleetMerge(hosts, new FleetMergeOptions { ReadAheadPerHost = readAhead });
            var merged = merge.ReadAllAsync().ToListAsync().GetAwaiter().GetResult();

            AssertMergedInOrder(fleet, merged);
            Assert.Equal(fleet.Select((h, host) => ((long)h.Stamps.Length, !fails[host], fails[host])),
                merge.Reports().Select(r => (r.Events, r.Ended, r.Fault is not null)));
        });
    }

    /// <summary>Every event of <paramref name="fleet"/> once, in timestamp order after the offsets, ties in host order then each host's own.</summary>
    private static void AssertMergedInOrder((long Offset, long[] Stamps)[] fleet, List<FleetItem> merged)
    {
        Assert.Equal(fleet.Sum(h => h.Stamps.Length), merged.Count);
        var sent = merged.Select(m => (Sent)m.Item.Event!).ToList();
        Assert.Equal(
            fleet.SelectMany((h, host) => h.Stamps.Select((_, i) => new Sent(host, i))),
            sent.OrderBy(s => s.Host).ThenBy(s => s.Index));
        for (var i = 0; i < merged.Count; i++)
        {
            var (host, index) = (sent[i].Host, sent[i].Index);
            Assert.Equal(fleet[host].Stamps[index] + fleet[host].Offset, merged[i].TimestampNs);
            Assert.Equal(fleet[host].Stamps[index], merged[i].Item.TimestampNs);
            Assert.Equal($"h{host}", merged[i].Host);
            Assert.False(merged[i].Late);
            if (i > 0)
            {
                var (previous, current) = (merged[i - 1], merged[i]);
                Assert.True(previous.TimestampNs <= current.TimestampNs, $"{previous} before {current}");
                if (previous.TimestampNs == current.TimestampNs)
                {
                    Assert.True(sent[i - 1].Host < host || (sent[i - 1].Host == host && sent[i - 1].Index < index),
                        $"ties out of host order: {sent[i - 1]} before {sent[i]}");
                }
            }
        }
    }

    [Fact]
    public async Task Text_messages_and_drops_stay_with_the_event_before_them_and_events_and_messages_are_counted_per_host()
    {
        var a = new FleetHost("a", 0, Async([Text("a starts"), Event(0, 0, 10), Text("after a10"), Dropped(3), Event(0, 1, 30)]));
        var b = new FleetHost("b", 5, Async([Event(1, 0, 10), Message("WARNING: b is slow"), Event(1, 1, 20)]));
        var merge = new FleetMerge([a, b]);

        var merged = await merge.ReadAllAsync().ToListAsync();

        Assert.Equal(
            ["a text a starts", "a event 10", "a text after a10", "a dropped", "b event 15", "b message", "b event 25", "a event 30"],
            merged.Select(m => $"{m.Host} {m.Item.Kind.ToString().ToLowerInvariant()}" +
                               m.Item.Kind switch { RunItemKind.Event => $" {m.TimestampNs}", RunItemKind.Text => $" {m.Item.Text}", _ => "" }));
        Assert.Equal([("a", 2L, 0L), ("b", 2L, 1L)], merge.Reports().Select(r => (r.Name, r.Events, r.Messages)));
    }

    [Fact]
    public async Task A_host_that_fails_leaves_the_merge_after_everything_it_sent_and_the_others_go_on()
    {
        var failing = new FleetHost("failing", 0, ThenFault([Event(0, 0, 10), Event(0, 1, 20)]));
        var ending = new FleetHost("ending", 0, Async([Event(1, 0, 15)]));
        var going = new FleetHost("going", 0, Async(Enumerable.Range(0, 40).Select(i => Event(2, i, i * 5))));
        var merge = new FleetMerge([failing, ending, going]);

        var merged = await merge.ReadAllAsync().ToListAsync();

        Assert.Equal(43, merged.Count);
        Assert.Equal([10L, 20L], merged.Where(m => m.Host == "failing").Select(m => m.TimestampNs));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 5L), merged.Where(m => m.Host == "going").Select(m => m.TimestampNs));
        Assert.True(merged.Zip(merged.Skip(1)).All(p => p.First.TimestampNs <= p.Second.TimestampNs));
        var reports = merge.Reports();
        Assert.Equal((2L, false, "IOException: the connection to the host was lost"), (reports[0].Events, reports[0].Ended, reports[0].Fault));
        Assert.Equal((1L, true, (string?)null), (reports[1].Events, reports[1].Ended, reports[1].Fault));
        Assert.Equal((40L, true, (string?)null), (reports[2].Events, reports[2].Ended, reports[2].Fault));
    }

    [Fact]
    public async Task Without_a_lateness_the_merge_waits_for_a_host_that_has_not_sent_yet()
    {
        var gate = new TaskCompletionSource();
        var early = new FleetHost("early", 0, Async([Event(0, 0, 10), Event(0, 1, 20)]));
        var slow = new FleetHost("slow", 0, After(gate.Task, [Event(1, 0, 5)]));
        await using var items = new FleetMerge([early, slow]).ReadAllAsync().GetAsyncEnumerator();

        var first = items.MoveNextAsync().AsTask();
        await Task.Delay(50);
        Assert.False(first.IsCompleted, "the merge handed out an event before the slow host sent its first");
        gate.SetResult();

        Assert.True(await first);
        Assert.Equal(("slow", 5L), (items.Current.Host, items.Current.TimestampNs));
    }

    [Fact]
    public async Task What_a_host_sent_is_handed_out_while_the_host_waits_to_send_more()
    {
        var gate = new TaskCompletionSource();
        var pausing = new FleetHost("pausing", 0, Concat([Event(0, 0, 10)], After(gate.Task, [Event(0, 1, 30)])));
        var ending = new FleetHost("ending", 0, Async([Event(1, 0, 5), Event(1, 1, 20)]));
        await using var items = new FleetMerge([pausing, ending]).ReadAllAsync().GetAsyncEnumerator();

        // Both are due while the pausing host's 10 is its last item so far: its reader must not keep it for a fuller batch.
        var firstTwo = new List<(string, long)>();
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1)));
            firstTwo.Add((items.Current.Host, items.Current.TimestampNs));
        }

        Assert.Equal([("ending", 5L), ("pausing", 10L)], firstTwo);
        gate.SetResult();
    }

    [Fact]
    public async Task With_a_lateness_a_silent_host_does_not_hold_the_others_back()
    {
        var talking = new FleetHost("talking", 0, Async(Enumerable.Range(0, 20).Select(i => Event(0, i, 1_000 + i))));
        var silent = new FleetHost("silent", 0, Silent());
        var merge = new FleetMerge([talking, silent], new FleetMergeOptions { Lateness = TimeSpan.FromMilliseconds(1) });

        var taken = new List<FleetItem>();
        await foreach (var item in merge.ReadAllAsync())
        {
            taken.Add(item);
            if (taken.Count == 20)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => 1_000L + i), taken.Select(t => t.TimestampNs));
        Assert.Equal([(20L, false), (0L, false)], merge.Reports().Select(r => (r.Events, r.Ended)));
    }

    [Fact]
    public async Task With_a_lateness_an_event_that_arrives_after_later_ones_is_handed_out_marked_late_and_counted()
    {
        var gate = new TaskCompletionSource();
        var prompt = new FleetHost("prompt", 0, Async([Event(0, 0, 100), Event(0, 1, 300)]));
        var late = new FleetHost("late", 0, After(gate.Task, [Event(1, 0, 200), Event(1, 1, 400)]));
        var merge = new FleetMerge([prompt, late], new FleetMergeOptions { Lateness = TimeSpan.FromMilliseconds(1) });

        var merged = new List<FleetItem>();
        await foreach (var item in merge.ReadAllAsync())
        {
            merged.Add(item);
            if (merged.Count == 2)
            {
                gate.SetResult();
            }
        }

        Assert.Equal([("prompt", 100L, false), ("prompt", 300L, false), ("late", 200L, true), ("late", 400L, false)],
            merged.Select(m => (m.Host, m.TimestampNs, m.Late)));
        Assert.Equal([0L, 1L], merge.Reports().Select(r => r.Late));
    }

    [Fact]
    public async Task Replayed_captures_plug_in_as_hosts_with_their_own_counts()
    {
        static MemoryStream Capture(params long[] stamps)
        {
            var bytes = new MemoryStream();
            using (var writer = new WireWriter(bytes))
            {
                writer.WriteSchema([("Demo.Tick", [("n", "i64")])]);
                foreach (var ts in stamps)
                {
                    writer.BeginEvent(0, ts, 0);
                    writer.WriteInteger(ts);
                    writer.EndEvent();
                }
            }

            bytes.Position = 0;
            return bytes;
        }

        await using var one = EventSession.FromCapture(Capture(10, 30));
        await using var two = EventSession.FromCapture(Capture(5, 25));
        var merge = new FleetMerge([new FleetHost("one", 0, one), new FleetHost("two", 10, two)]);

        var merged = await merge.ReadRowsAsync().ToListAsync();

        var events = merged.Where(m => m.Item.Kind == RunItemKind.Event).ToList();
        Assert.Equal([("one", 10L, 10L), ("two", 15L, 5L), ("one", 30L, 30L), ("two", 35L, 25L)],
            events.Select(e => (e.Host, e.TimestampNs, (long)((EventRow)e.Item.Event!)["n"]!)));
        Assert.Equal(2, merged.Count(m => m.Item.Kind == RunItemKind.Schema));
        Assert.Equal([2L, 2L], merge.Reports().Select(r => r.Summary!.Events));
    }

    [Fact]
    public void Two_hosts_of_one_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new FleetMerge([new FleetHost("a", 0, Silent()), new FleetHost("a", 0, Silent())]));
        Assert.Contains("two hosts are named 'a'", error.Message, StringComparison.Ordinal);
    }
}
