using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Sessions;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Aggregate;

/// <summary><c>--group-by host,FIELD</c>: rows per host and over every host, from several hosts' replayed captures.</summary>
public sealed class FleetAggregateTests
{
    private static readonly Gen<(int Host, long Pid, string Name, long Latency)[]> Events =
        Gen.Select(Gen.Int[0, 3], Gen.Long[1, 3], Gen.OneOf<string>(["read", "write"]), Gen.Long[-1_000, 2_000_000]).Array[0, 300];

    private static int NearestRank(double percent, int count) => Math.Clamp((int)Math.Ceiling(percent / 100 * count), 1, count) - 1;

    [Fact]
    public void Host_in_the_group_fields_is_the_host_unless_an_event_type_has_a_field_of_that_name()
    {
        var plan = AggregatePlan.Resolve(new AggregateRequest(["host", "name"], null, "latencyNs", null, null), Types);
        Assert.True(plan.ByHost);
        Assert.Equal(["name"], plan.GroupFields);

        var withField = new OutputEventType("Demo.Remote", ["host", "bytes"], ["str", "i64"]);
        var ownField = AggregatePlan.Resolve(new AggregateRequest(["Host"], null, null, null, null), [withField]);
        Assert.False(ownField.ByHost);
        Assert.Equal(["host"], ownField.GroupFields);
    }

    [Fact]
    public void Per_host_groups_and_their_merged_totals_equal_a_LINQ_computation_over_each_host_and_over_all()
    {
        Events.Sample(events =>
        {
            var aggregator = Aggregator(["name", "host"], percentiles: "latencyNs");
            foreach (var e in events)
            {
                aggregator.Add(CallEvent(e.Pid, e.Name, e.Latency) with { Host = $"h{e.Host}" });
            }

            void Check(GroupedAggregation<GroupKey> groups, IEnumerable<(int Host, long Pid, string Name, long Latency)> expected)
            {
                var byName = expected.GroupBy(e => e.Name).ToList();
                Assert.Equal(byName.Count, groups.Count);
                foreach (var group in byName)
                {
                    var aggregate = groups[new GroupKey([group.Key])];
                    var sorted = group.Select(e => e.Latency).Order().ToList();
                    Assert.Equal((sorted.Count, sorted.Sum()), (aggregate.Count, aggregate.Stats.Sum));
                    Assert.Equal(AggregateReport.Percentiles.Append(100).Select(p => sorted[NearestRank(p, sorted.Count)]),
                        AggregateReport.Percentiles.Append(100).Select(aggregate.Percentile));
                }
            }

            Check(aggregator.Groups, events);
            foreach (var (host, groups) in aggregator.ByHost!.Hosts)
            {
                Check(groups, events.Where(e => $"h{e.Host}" == host));
            }

            Assert.Equal(events.Select(e => $"h{e.Host}").Distinct(), aggregator.ByHost.Hosts.Select(h => h.Host));
        });
    }

    [Fact]
    public async Task Three_replayed_captures_report_rows_per_host_and_in_total_and_what_each_host_sent()
    {
        static EventSession Capture(params (string Name, long Latency)[] calls)
        {
            var wire = new MemoryStream();
            using (var writer = new WireWriter(wire))
            {
                writer.WriteSchema([("Demo.Call", [("name", "str"), ("latencyNs", "i64")])]);
                var time = 0L;
                foreach (var (name, latency) in calls)
                {
                    writer.BeginEvent(0, time += 10, 0);
                    writer.WriteString(Encoding.UTF8.GetBytes(name));
                    writer.WriteInteger(latency);
                    writer.EndEvent();
                }

                writer.WriteText("done"u8);
            }

            return EventSession.FromCapture(new MemoryStream(wire.ToArray()));
        }

        var types = new[] { new OutputEventType("Demo.Call", ["name", "latencyNs"], ["str", "i64"]) };
        var aggregator = new EventAggregator(AggregatePlan.Resolve(new AggregateRequest(["host", "name"], null, "latencyNs", null, null), types));
        var stdout = new StringWriter();
        var output = new AggregateEventOutput(aggregator, stdout, terminal: null);
        await using var web1 = Capture(("read", 100), ("read", 300), ("write", 50));
        await using var web2 = Capture(("read", 200), ("read", 400), ("read", 600));
        await using var db = Capture(("write", 70));
        var fleet = new FleetMerge([new FleetHost("web1", 0, web1), new FleetHost("web2", -5, web2), new FleetHost("db", 1_500, db)]);

        var reports = await FleetAggregateInput.ReadAsync(fleet, output);
        aggregator.Hosts = reports;
        output.Complete();

        var report = stdout.ToString().ReplaceLineEndings("\n");
        var lines = report.Split('\n');
        // Each text line sorts with its host's last event: web2's at 30 - 5, web1's at 30, db's at 10 + 1,500.
        Assert.Equal(["web2: done", "web1: done", "db: done"], lines.Take(3));
        Assert.Contains("latencyNs by host, name", report, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(report, @"│ 1 │ db +│ ""write"" +│ +1 │ +14\.3% │ +70 │ +70 │ +70 │ +70 │ +70 │"), report);
        Assert.True(Regex.IsMatch(report, @"│ 2 │ web1 +│ ""read"" +│ +2 │ +28\.6% │ +100 │ +300 │ +300 │ +300 │ +300 │\n│ 3 │ web1 +│ ""write"" +│ +1 │ +14\.3% │ +50 │ +50 │ +50 │ +50 │ +50 │\n│ 4 │ web2 +│ ""read"" +│ +3 │ +42\.9% │ +400 │ +600 │ +600 │ +600 │ +600 │"), report);
        Assert.True(Regex.IsMatch(report, @"│ 5 │ \(all hosts\) │ ""read"" +│ +5 │ +71\.4% │ +300 │ +600 │ +600 │ +600 │ +600 │"), report);
        Assert.True(Regex.IsMatch(report, @"│ 6 │ \(all hosts\) │ ""write"" +│ +2 │ +28\.6% │ +50 │ +70 │ +70 │ +70 │ +70 │"), report);
        Assert.Contains("3 hosts, 2 groups, 7 events", report, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(report, @"│ db +│ +1,500 │ +1 │ +0 │ +0 │ +0 │ ended +│"), report);
        Assert.Equal([("web1", 3L), ("web2", 3L), ("db", 1L)], reports.Select(r => (r.Name, r.Events)));
    }
}
