using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StapSharp.Cli.Metrics;

/// <summary>
/// The <c>[HOST:]PORT</c> of <c>--serve-metrics</c>. A bare PORT listens on 127.0.0.1 only: the metrics carry what the
/// probes saw (process names, paths, users' values), so exposing them to the network is a choice the user writes out
/// (<c>0.0.0.0:PORT</c>). HOST is an IP address (IPv6 in brackets) or <c>localhost</c>.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Usage = "--serve-metrics takes [HOST:]PORT: PORT from 1 to 65535, HOST an IP address ([::1] for IPv6, 0.0.0.0 for every interface) or localhost";

    /// <summary>The endpoint, or null when <paramref name="text"/> is not one.</summary>
    public static IPEndPoint? Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var (host, port) = colon < 0 ? ("", text) : (text[..colon], text[(colon + 1)..]);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > IPEndPoint.MaxPort)
        {
            return null;
        }

        if (colon < 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, number);
        }

        // An IPv6 address has colons of its own: it is written in brackets, as in a URL.
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (!bracketed && host.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var literal = bracketed ? host[1..^1] : host;
        return IsPlainAddress(literal) && IPAddress.TryParse(literal, out var address) && bracketed == (address.AddressFamily == AddressFamily.InterNetworkV6)
            ? new IPEndPoint(address, number)
            : null;
    }

    /// <summary>HOST:PORT as a URL writes it.</summary>
    public static string Show(IPEndPoint endpoint) => endpoint.ToString();

    /// <summary>IPAddress.TryParse also takes "1" or "0x7f.1"; only dotted quads and IPv6 literals are addresses here.</summary>
    private static bool IsPlainAddress(string literal) =>
        literal.Contains(':', StringComparison.Ordinal) || (literal.Split('.') is { Length: 4 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)));
}
