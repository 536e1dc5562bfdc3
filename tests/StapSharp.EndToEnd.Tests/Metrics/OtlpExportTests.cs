using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Metrics;
using StapSharp.Cli.Output;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Metrics;

/// <summary>
/// <c>--otlp</c>: a local HTTP collector receives the export at /v1/metrics as OTLP http/protobuf, and the request,
/// read by its field numbers, carries the aggregation's numbers.
/// </summary>
public sealed class OtlpExportTests
{
    private sealed record Received(string Method, string Path, string? ContentType, byte[] Body);

    /// <summary>A collector on a free port of 127.0.0.1 that keeps every request and answers each with an empty export response.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public Collector()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _serving = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public ConcurrentQueue<Received> Requests { get; } = new();

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }

    private static readonly (long Pid, string Name, long Latency)[] Calls =
        [(1, "read", 5), (1, "read", 900), (2, "write", 17), (2, "write", 4096), (3, "a\"b\\c\nd", 3), (1, "read", 70)];

    [Fact]
    public void The_aggregates_arrive_at_v1_metrics_as_protobuf_with_their_names_and_values()
    {
        using var collector = new Collector();
        var aggregator = Aggregator(["pid", "name"], percentiles: "latencyNs", histogram: "latencyNs");
        using (OtlpExport.Start(OtlpExport.Endpoint($"http://127.0.0.1:{collector.Port}")!, aggregator))
        {
            var output = new AggregateEventOutput(aggregator, TextWriter.Null, terminal: null);
            output.Declare(Types);
            foreach (var call in Calls)
            {
                output.Event(CallEvent(call.Pid, call.Name, call.Latency));
            }

            output.Event(TickEvent(1));
        }

        // Disposing the export sent the aggregates as the run left them.
        var request = collector.Requests.Last();
        Assert.Equal(("POST", "/v1/metrics", "application/x-protobuf"), (request.Method, request.Path, request.ContentType));
        var resourceMetrics = Protobuf.Read(request.Body).One(1).Message;
        var resource = resourceMetrics.One(1).Message;
        Assert.Contains(resource.All(1), a => a.Message.One(1).Text == "service.name" && a.Message.One(2).Message.One(1).Text == "stapsharp");
        var scope = resourceMetrics.One(2).Message;
        Assert.Equal(OtlpExport.MeterName, scope.One(1).Message.One(1).Text);
        var metrics = scope.All(2).Select(m => m.Message).ToDictionary(m => m.One(1).Text);

        var groups = Calls.GroupBy(c => (c.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name)).ToList();
        var events = metrics["stapsharp.events"].One(7).Message;
        Assert.Equal(1UL, events.One(3).Scalar); // monotonic
        Assert.Equal(2UL, events.One(2).Scalar); // cumulative
        Assert.Equal(groups.ToDictionary(g => g.Key, g => (long)g.Count()), Points(events));
        Assert.Equal(groups.ToDictionary(g => g.Key, g => g.Sum(c => c.Latency)), Points(metrics["stapsharp.latencyNs.sum"].One(7).Message));

        var percentiles = metrics["stapsharp.latencyNs.percentile"].One(5).Message.All(1).Select(p => p.Message).ToList();
        Assert.Equal(groups.Count * 5, percentiles.Count);
        var readMax = Assert.Single(percentiles, p => Attributes(p, 7)["name"] == "read" && Attributes(p, 7)["stapsharp.quantile"] == "1");
        Assert.Equal(900L, (long)readMax.One(6).Scalar);

        var histogram = metrics["stapsharp.latencyNs"].One(9).Message.One(1).Message;
        Assert.Equal((ulong)Calls.Length, histogram.One(4).Scalar);
        Assert.Equal(Calls.Sum(c => c.Latency), histogram.One(5).Double);
        var bounds = Protobuf.Packed64(histogram.One(7).Bytes!).Select(BitConverter.UInt64BitsToDouble).ToArray();
        var counts = Protobuf.Packed64(histogram.One(6).Bytes!);
        Assert.Equal(bounds.Length + 1, counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            var low = i == 0 ? double.NegativeInfinity : bounds[i - 1];
            var high = i == bounds.Length ? double.PositiveInfinity : bounds[i];
            Assert.Equal(Calls.Count(c => c.Latency > low && c.Latency <= high), (long)counts[i]);
        }

        var others = metrics["stapsharp.other_events"].One(7).Message.One(1).Message;
        Assert.Equal(("Tick", 1L), (Attributes(others, 7)["event"], (long)others.One(6).Scalar));
    }

    /// <summary>A sum's data points: (pid, name) attributes → integer value.</summary>
    private static Dictionary<(string, string), long> Points(IReadOnlyList<ProtoField> sum) =>
        sum.All(1).Select(p => p.Message).ToDictionary(p => (Attributes(p, 7)["pid"], Attributes(p, 7)["name"]), p => (long)p.One(6).Scalar);

    /// <summary>A data point's attributes, their values as text (strings as they are, doubles in invariant form).</summary>
    private static Dictionary<string, string> Attributes(IReadOnlyList<ProtoField> point, int field) =>
        point.All(field).Select(a => a.Message).ToDictionary(a => a.One(1).Text, a => a.One(2).Message.Single() switch
        {
            { Number: 1 } text => text.Text,
            { Number: 4 } number => number.Double.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var other => other.Scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
