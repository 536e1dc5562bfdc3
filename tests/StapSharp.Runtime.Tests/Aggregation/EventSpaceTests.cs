using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class EventSpaceTests
{
    private sealed record IoEvent(int Id, double LatencyNs, double Bytes, double Cpu);

    private const double Millisecond = 1e6;
    private const double MiB = 1 << 20;

    private static readonly Gen<IoEvent[]> EventsGen = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 16], Gen.Int[0, 3])
        .Array[0, 200]
        .Select(rows => rows.Select((r, i) => new IoEvent(i, r.Item1 * Millisecond / 2, r.Item2 * MiB / 4, r.Item3)).ToArray());

    private static EventSpace<IoEvent> SpaceOf(IoEvent[] events) => new(events,
        new EventDimension<IoEvent>("latency_ns", e => e.LatencyNs, Millisecond),
        new EventDimension<IoEvent>("bytes", e => e.Bytes, MiB),
        new EventDimension<IoEvent>("cpu", e => e.Cpu));

    [Fact]
    public void Box_query_matches_linq()
    {
        EventsGen.Sample(events =>
        {
            var space = SpaceOf(events);
            var slowAndLarge = space.Where().GreaterThan("latency_ns", 10 * Millisecond).GreaterThan("bytes", MiB).ToList();
            Assert.Equal(events.Where(e => e.LatencyNs > 10 * Millisecond && e.Bytes > MiB).Select(e => e.Id).Order(),
                slowAndLarge.Select(e => e.Id).Order());
            var onCpu1Fast = space.Where().Between("cpu", 1, 1).AtMost("latency_ns", 2 * Millisecond).ToList();
            Assert.Equal(events.Where(e => e.Cpu == 1 && e.LatencyNs <= 2 * Millisecond).Select(e => e.Id).Order(),
                onCpu1Fast.Select(e => e.Id).Order());
        }, iter: 300);
    }

    [Fact]
    public void Nearest_events_match_brute_force_in_dimension_units()
    {
        EventsGen.Where(events => events.Length > 0).Sample(events =>
        {
            var space = SpaceOf(events);
            var probe = events[events.Length / 2];
            double Distance(IoEvent e) => Math.Sqrt(Math.Pow((e.LatencyNs - probe.LatencyNs) / Millisecond, 2)
                + Math.Pow((e.Bytes - probe.Bytes) / MiB, 2) + Math.Pow(e.Cpu - probe.Cpu, 2));
            var expected = events.Where(e => e != probe).Select(Distance).Order().Take(10).ToArray();
            var actual = space.Nearest(probe, 10);
            Assert.DoesNotContain(actual, n => n.Item == probe);
            Assert.Equal(expected.Length, actual.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i].Distance, 9);
            }
        }, iter: 300);
    }

    [Fact]
    public void Unknown_field_is_rejected()
    {
        var space = SpaceOf([new IoEvent(0, 1, 1, 0)]);
        Assert.Throws<ArgumentException>(() => space.Where().AtLeast("nope", 1));
    }
}
