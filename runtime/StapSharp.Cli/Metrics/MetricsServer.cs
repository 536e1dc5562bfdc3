using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StapSharp.Cli.Metrics;

/// <summary>
/// <c>--serve-metrics</c>: a small HTTP/1.1 server on a <see cref="TcpListener"/> that answers <c>GET /metrics</c> with
/// the text <see cref="PrometheusText"/> renders at that moment, one request per connection. A TcpListener rather than
/// HttpListener: it binds port 0 (an ephemeral port, for tests), reports the port it bound, and fails at once with a
/// socket error when the port is taken; a scrape needs nothing more than one GET.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    public const string Path = "/metrics";

    /// <summary>A request's line and headers larger than this are refused: a scraper's are a few hundred bytes.</summary>
    private const int MaxRequestBytes = 16 * 1024;

    /// <summary>A client that sends no complete request in this time is dropped, so it cannot hold a connection open.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan AcceptRetry = TimeSpan.FromMilliseconds(100);

    private readonly TcpListener _listener;
    private readonly Func<string> _render;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private MetricsServer(TcpListener listener, Func<string> render)
    {
        _listener = listener;
        _render = render;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens (with the port bound, when port 0 was asked for).</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Listens on <paramref name="endpoint"/>; a port in use, or an address this machine does not have, is a <see cref="UserError"/>.</summary>
    /// <param name="render">The exposition text, rendered for each scrape.</param>
    public static MetricsServer Start(IPEndPoint endpoint, Func<string> render)
    {
        var listener = new TcpListener(endpoint);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            var shown = MetricsEndpoint.Show(endpoint);
            throw new UserError(e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"--serve-metrics {shown}: the port is in use; choose another port",
                SocketError.AccessDenied => $"--serve-metrics {shown}: not allowed to listen there (ports below 1024 need root); choose a port from 1024",
                SocketError.AddressNotAvailable => $"--serve-metrics {shown}: this machine has no such address",
                _ => $"--serve-metrics {shown}: cannot listen: {e.Message}",
            });
        }

        return new MetricsServer(listener, render);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                // Out of file descriptors, say: try again soon rather than in a busy loop.
                await Task.Delay(AcceptRetry).ConfigureAwait(false);
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, timeout.Token).ConfigureAwait(false);
            var (status, body, extraHeader) = Answer(request);
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Type: {(status.StartsWith("200", StringComparison.Ordinal) ? PrometheusText.ContentType : "text/plain; charset=utf-8")}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n")
                .Append(extraHeader)
                .Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token).ConfigureAwait(false);
            if (request?.Method != "HEAD")
            {
                await stream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The scraper went away or was too slow: the next scrape gets a fresh connection.
        }
    }

    private (string Status, string Body, string ExtraHeader) Answer(Request? request)
    {
        if (request is null)
        {
            return ("400 Bad Request", "a request line and headers, within 16 KiB\n", "");
        }

        var path = request.Target.Split('?', 2)[0];
        if (path != Path)
        {
            return ("404 Not Found", $"the metrics are at {Path}\n", "");
        }

        return request.Method is "GET" or "HEAD"
            ? ("200 OK", _render(), "")
            : ("405 Method Not Allowed", "GET or HEAD\n", "Allow: GET, HEAD\r\n");
    }

    private sealed record Request(string Method, string Target);

    /// <summary>The request line, once the headers have ended; null for what is not an HTTP request.</summary>
    private static async Task<Request?> ReadRequestAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var line = Encoding.ASCII.GetString(buffer, 0, buffer.AsSpan(0, end + 2).IndexOf("\r\n"u8));
                return line.Split(' ') is [var method, var target, var version] && version.StartsWith("HTTP/1.", StringComparison.Ordinal)
                    ? new Request(method, target)
                    : null;
            }
        }

        return null;
    }
}
