using System.Net;
using StapSharp.Cli;
using StapSharp.Cli.Metrics;

namespace StapSharp.EndToEnd.Tests.Metrics;

/// <summary>The metric export options of `stapsharp run`: wrong values are usage errors before anything is built.</summary>
public sealed class MetricsOptionTests
{
    private static string ParseError(string commandLine) =>
        string.Join("\n", StapSharpCommand.Create().Parse(commandLine).Errors.Select(e => e.Message));

    [Theory]
    [InlineData("stapsharp run T.cs --serve-metrics 9100", "--serve-metrics exports the aggregates of --group-by, --percentiles or --histogram")]
    [InlineData("stapsharp run T.cs --otlp http://localhost:4318", "--otlp exports the aggregates of --group-by, --percentiles or --histogram")]
    [InlineData("stapsharp run T.cs --group-by pid --serve-metrics 0", MetricsEndpoint.Usage)]
    [InlineData("stapsharp run T.cs --group-by pid --serve-metrics web:9100", MetricsEndpoint.Usage)]
    [InlineData("stapsharp run T.cs --group-by pid --otlp localhost:4318", OtlpExport.Usage)]
    [InlineData("stapsharp run T.cs --group-by pid --otlp ftp://collector:4318", OtlpExport.Usage)]
    public void A_wrong_value_or_a_missing_aggregation_is_a_parse_error(string commandLine, string message)
    {
        Assert.Contains(message, ParseError(commandLine), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_exports_with_an_aggregation_parse()
    {
        Assert.Equal("", ParseError("stapsharp run T.cs --histogram latencyNs --serve-metrics 127.0.0.1:9100 --otlp http://localhost:4318"));
    }

    [Theory]
    [InlineData("9100", "127.0.0.1:9100")]
    [InlineData("localhost:9100", "127.0.0.1:9100")]
    [InlineData("0.0.0.0:9100", "0.0.0.0:9100")]
    [InlineData("192.168.1.20:80", "192.168.1.20:80")]
    [InlineData("[::1]:9100", "[::1]:9100")]
    [InlineData("[::]:9100", "[::]:9100")]
    public void An_endpoint_is_a_port_on_loopback_unless_a_host_is_written(string text, string endpoint)
    {
        Assert.Equal(IPEndPoint.Parse(endpoint), MetricsEndpoint.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("+80")]
    [InlineData("::1:9100")]
    [InlineData("[127.0.0.1]:9100")]
    [InlineData("1:9100")]
    [InlineData("0x7f.1:9100")]
    [InlineData("example.org:9100")]
    [InlineData("127.0.0.1:")]
    public void What_is_no_endpoint_is_refused(string text)
    {
        Assert.Null(MetricsEndpoint.Parse(text));
    }

    [Theory]
    [InlineData("http://localhost:4318", "http://localhost:4318/v1/metrics")]
    [InlineData("http://localhost:4318/", "http://localhost:4318/v1/metrics")]
    [InlineData("https://otel.example.org/otlp", "https://otel.example.org/otlp/v1/metrics")]
    public void The_otlp_url_is_the_collectors_base(string text, string metrics)
    {
        Assert.Equal(new Uri(metrics), OtlpExport.Endpoint(text));
    }
}
