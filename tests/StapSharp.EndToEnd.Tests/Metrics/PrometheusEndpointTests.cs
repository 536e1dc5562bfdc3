using System.Net;
using System.Net.Sockets;
using StapSharp.Cli;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Metrics;
using StapSharp.Cli.Output;
using static StapSharp.EndToEnd.Tests.Aggregate.AggregateEvents;

namespace StapSharp.EndToEnd.Tests.Metrics;

/// <summary>
/// <c>--serve-metrics</c>: a real HTTP scrape of the endpoint, fed through the run's aggregate output, reads the same
/// numbers as the aggregation computed plainly, in text that a strict reader of the exposition format accepts.
/// </summary>
public sealed class PrometheusEndpointTests
{
    private static readonly IPEndPoint AnyLocalPort = new(IPAddress.Loopback, 0);

    private static readonly (long Pid, string Name, long Latency)[] Calls =
    [
        (1, "read", 5), (1, "read", 900), (2, "read", 17), (2, "write", 0), (2, "write", 4096), (1, "read", 65),
        // Names are the probed programs' data: quotes, backslashes, line breaks and the format's own punctuation.
        (3, "a\"b\\c\nd", 3), (3, "x} 1\n# TYPE y,z=\"w\"", 1_000_000), (1, "read", -7),
    ];

    private static EventAggregator Replay(EventAggregator aggregator, IEnumerable<OutputEvent> events)
    {
        // The run's path: the aggregate output adds each event under the aggregator's lock (no terminal: a report at the end).
        var output = new AggregateEventOutput(aggregator, TextWriter.Null, terminal: null);
        output.Declare(Types);
        foreach (var e in events)
        {
            output.Event(e);
        }

        return aggregator;
    }

    private static async Task<(HttpResponseMessage Response, string Text)> ScrapeAsync(MetricsServer server, string path = MetricsServer.Path)
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(new Uri($"http://{server.Endpoint}{path}"));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scrape_reads_the_groups_counts_sums_percentiles_and_the_cumulative_histogram()
    {
        var aggregator = Replay(Aggregator(["pid", "name"], percentiles: "latencyNs", histogram: "latencyNs"),
            Calls.Select(c => CallEvent(c.Pid, c.Name, c.Latency)).Append(TickEvent(1)).Append(TickEvent(2)));
        await using var server = MetricsServer.Start(AnyLocalPort, () => PrometheusText.Render(aggregator));

        var (response, text) = await ScrapeAsync(server);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusText.ContentType, response.Content.Headers.ContentType!.ToString());
        var samples = Exposition.Parse(text);
        var types = Exposition.Types(text);
        Assert.Equal("counter", types["stapsharp_events_total"]);
        Assert.Equal("counter", types["stapsharp_latencyNs_sum_total"]);
        Assert.Equal("summary", types["stapsharp_latencyNs_percentiles"]);
        Assert.Equal("histogram", types["stapsharp_latencyNs"]);

        var groups = Calls.GroupBy(c => (c.Pid, c.Name)).ToList();
        Assert.Equal(groups.Count, samples.Count(s => s.Name == "stapsharp_events_total"));
        foreach (var group in groups)
        {
            bool Of(ExpositionSample s) => s["pid"] == group.Key.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) && s["name"] == group.Key.Name;
            Assert.Equal(group.Count(), Assert.Single(samples, s => s.Name == "stapsharp_events_total" && Of(s)).Value);
            Assert.Equal(group.Sum(c => c.Latency), Assert.Single(samples, s => s.Name == "stapsharp_latencyNs_sum_total" && Of(s)).Value);
            var aggregate = aggregator.Groups[new GroupKey([group.Key.Pid, group.Key.Name])];
            foreach (var (quantile, percent) in new[] { ("0.5", 50), ("0.9", 90), ("0.99", 99), ("0.999", 99.9), ("1", 100) })
            {
                Assert.Equal(aggregate.Percentile(percent), Assert.Single(samples, s => s.Name == "stapsharp_latencyNs_percentiles" && Of(s) && s["quantile"] == quantile).Value);
            }

            Assert.Equal(group.Count(), Assert.Single(samples, s => s.Name == "stapsharp_latencyNs_percentiles_count" && Of(s)).Value);
        }

        var buckets = samples.Where(s => s.Name == "stapsharp_latencyNs_bucket").ToList();
        Assert.Equal("+Inf", buckets[^1]["le"]);
        Assert.Equal(Calls.Length, buckets[^1].Value);
        Assert.Equal(Log2Buckets, buckets.Count);
        for (var i = 0; i < buckets.Count - 1; i++)
        {
            var le = long.Parse(buckets[i]["le"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Calls.Count(c => c.Latency <= le), buckets[i].Value);
            Assert.True(buckets[i].Value <= buckets[i + 1].Value, "cumulative");
        }

        Assert.Equal(Calls.Sum(c => c.Latency), Assert.Single(samples, s => s.Name == "stapsharp_latencyNs_sum").Value);
        Assert.Equal(Calls.Length, Assert.Single(samples, s => s.Name == "stapsharp_latencyNs_count").Value);
        Assert.Equal(2, Assert.Single(samples, s => s.Name == "stapsharp_other_events_total" && s["event"] == "Tick").Value);
    }

    /// <summary>Every log2 bucket but the last, whose count is the +Inf bucket's, and +Inf.</summary>
    private const int Log2Buckets = StapSharp.Runtime.Aggregation.Log2Histogram.BucketCount;

    [Fact]
    public async Task A_linear_histogram_has_a_bucket_per_linear_bucket_and_an_underflow()
    {
        var aggregator = Replay(Aggregator(["name"], histogram: "latencyNs", linear: new LinearLayout(0, 100, 10)),
            Calls.Select(c => CallEvent(c.Pid, c.Name, c.Latency)));
        await using var server = MetricsServer.Start(AnyLocalPort, () => PrometheusText.Render(aggregator));

        var buckets = Exposition.Parse((await ScrapeAsync(server)).Text).Where(s => s.Name == "stapsharp_latencyNs_bucket").ToList();

        Assert.Equal(["-1", "9", "19", "29", "39", "49", "59", "69", "79", "89", "99", "109", "+Inf"], buckets.Select(b => b["le"]));
        Assert.Equal(Calls.Count(c => c.Latency <= 9), buckets[1].Value);
        Assert.Equal(Calls.Length, buckets[^1].Value);
    }

    [Fact]
    public async Task Field_names_that_are_no_metric_or_label_names_are_made_into_valid_distinct_ones()
    {
        var odd = new OutputEventType("Demo.Odd", ["durée", "名前", "__x", "le"], ["i64", "str", "i64", "str"]);
        var aggregator = new EventAggregator(AggregatePlan.Resolve(new AggregateRequest(["名前", "__x", "le"], null, null, "durée", null), [odd]));
        aggregator.Add(new OutputEvent(odd, 0, 0, [7L, "ß", 1L, "q"], 0));
        await using var server = MetricsServer.Start(AnyLocalPort, () => PrometheusText.Render(aggregator));

        var samples = Exposition.Parse((await ScrapeAsync(server)).Text);

        var events = Assert.Single(samples, s => s.Name == "stapsharp_events_total");
        Assert.Equal(new Dictionary<string, string> { ["field___"] = "ß", ["field___x"] = "1", ["le_"] = "q" }, events.Labels);
        Assert.Equal(7, Assert.Single(samples, s => s.Name == "stapsharp_dur_e_sum_total").Value);
        Assert.Contains(samples, s => s.Name == "stapsharp_dur_e_bucket" && s["le"] == "7" && s.Value == 1);
    }

    [Fact]
    public void Hostile_label_values_are_escaped_as_the_format_says()
    {
        Assert.Equal("a\\\"b\\\\c\\nd", MetricNames.EscapeLabelValue("a\"b\\c\nd"));
        Assert.Equal("plain value, with } and =", MetricNames.EscapeLabelValue("plain value, with } and ="));
    }

    [Theory]
    [InlineData("/", HttpStatusCode.NotFound)]
    [InlineData("/metrics/extra", HttpStatusCode.NotFound)]
    [InlineData("/metrics?x=1", HttpStatusCode.OK)]
    public async Task Only_the_metrics_path_is_served(string path, HttpStatusCode status)
    {
        var aggregator = Aggregator(["name"]);
        await using var server = MetricsServer.Start(AnyLocalPort, () => PrometheusText.Render(aggregator));

        Assert.Equal(status, (await ScrapeAsync(server, path)).Response.StatusCode);
    }

    [Fact]
    public async Task A_post_is_refused()
    {
        var aggregator = Aggregator(["name"]);
        await using var server = MetricsServer.Start(AnyLocalPort, () => PrometheusText.Render(aggregator));
        using var client = new HttpClient();

        var response = await client.PostAsync(new Uri($"http://{server.Endpoint}/metrics"), new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_is_a_user_error_that_names_it()
    {
        await using var first = MetricsServer.Start(AnyLocalPort, () => "");

        var error = Assert.Throws<UserError>(() => MetricsServer.Start(first.Endpoint, () => ""));

        Assert.Equal($"--serve-metrics {first.Endpoint}: the port is in use; choose another port", error.Message);
    }

    [Fact]
    public async Task Run_with_a_port_in_use_ends_with_exit_code_2_before_the_build_and_no_stack_trace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync(TimeSpan.FromMinutes(3), "run", "samples/MkdirEvents", "--group-by", "Pid", "--serve-metrics", port);

        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        Assert.Contains($"--serve-metrics 127.0.0.1:{port}: the port is in use; choose another port", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("stap -p4", result.Stderr, StringComparison.Ordinal);
        CommandLine.CliSources.AssertNoStackTrace(result);
    }
}

/// <summary>A real run in the VM, scraped while it goes on.</summary>
public sealed class PrometheusRunTests
{
    [VmFact]
    public async Task A_scrape_during_a_vm_run_counts_its_mkdirs_per_path_and_result()
    {
        int port;
        using (var free = new TcpListener(IPAddress.Loopback, 0))
        {
            free.Start();
            port = ((IPEndPoint)free.LocalEndpoint).Port;
        }

        var start = CliRunner.StartInfo("run", "samples/MkdirEvents", "--vm", "--group-by", "Path,Result", "--serve-metrics", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--vm-command", "mkdir /tmp/scraped; mkdir /tmp/scraped", "-T", "60");
        using var run = System.Diagnostics.Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        using var client = new HttpClient();
        List<ExpositionSample>? seen = null;
        // The endpoint listens from before the build; the mkdirs are counted once the VM booted and ran them.
        while (!run.HasExited)
        {
            try
            {
                var samples = Exposition.Parse(await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
                if (samples.Count(s => s.Name == "stapsharp_events_total" && s["Path"] == "/tmp/scraped") == 2)
                {
                    seen = samples;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or already closed.
            }

            await Task.Delay(500);
        }

        var stillRunning = !run.HasExited;
        if (stillRunning)
        {
            run.Kill(entireProcessTree: true);
        }

        await run.WaitForExitAsync();
        var output = $"--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}";
        Assert.True(seen is not null && stillRunning, output);
        Assert.Equal(1, Assert.Single(seen, s => s.Name == "stapsharp_events_total" && s["Path"] == "/tmp/scraped" && s["Result"] == "0").Value);
        Assert.Equal(1, Assert.Single(seen, s => s.Name == "stapsharp_events_total" && s["Path"] == "/tmp/scraped" && s["Result"] == "EEXIST").Value);
    }
}
