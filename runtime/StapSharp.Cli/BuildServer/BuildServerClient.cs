using System.Diagnostics;
using System.Net.Sockets;

namespace StapSharp.Cli.BuildServer;

/// <summary>
/// Hands a <c>build</c> command line to this installation's build server, starting it when none runs. Any
/// failure (no safe folder, no server, a server that breaks off or declines, a peer that is not this user)
/// returns null, and the command runs in this process: the output and exit code are the same either way.
/// </summary>
internal static class BuildServerClient
{
    // A server that starts listens within a second when idle; on a loaded machine it may take several.
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

    // Help is laid out for the width of the terminal, which only this process has.
    private static readonly HashSet<string> HelpTokens = new(StringComparer.Ordinal) { "-h", "--help", "-?", "/h", "/?" };

    /// <summary>The build's exit code once its output is written here, or null to run the command in this process.</summary>
    public static int? TryRun(string[] args)
    {
        if (args is not ["build", ..] || args.Any(HelpTokens.Contains) || BuildServerPlace.IsOptedOut)
        {
            return null;
        }

        BuildCompleted completed;
        try
        {
            if (BuildServerPlace.ForThisInstallation() is not { } place || ConnectOrStart(place) is not { } socket)
            {
                return null;
            }

            using (socket)
            using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                BuildProtocol.Write(stream, BuildRequest.OfThisProcess(args));
                if (BuildProtocol.ReadResponse(stream) is not BuildCompleted answer)
                {
                    return null;
                }

                completed = answer;
            }
        }
        catch (Exception error)
        {
            NotUsed(error.Message);
            return null;
        }

        // Past this point the build has run: a failure to write its output is not a reason to run it again.
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        foreach (var (output, bytes) in completed.Output)
        {
            var target = output == OutputStream.Out ? stdout : stderr;
            target.Write(bytes);
            target.Flush();
        }

        return completed.ExitCode;
    }

    /// <summary>A connection to the server this user runs at <paramref name="socketPath"/>, or null.</summary>
    public static Socket? Connect(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            // The folder is the user's, but a socket there could still be another user's (root's): ask the kernel.
            if (Posix.PeerOf(socket).User == Posix.User)
            {
                return socket;
            }

            NotUsed($"{socketPath} is another user's");
        }
        catch (SocketException)
        {
            // Nobody listens (a server that ended and left its socket), or nothing is there.
        }

        socket.Dispose();
        return null;
    }

    private static Socket? ConnectOrStart(BuildServerPlace place)
    {
        if (Connect(place.SocketPath) is { } running)
        {
            return running;
        }

        using var server = StartServer();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartLimit)
        {
            Thread.Sleep(10);
            if (Connect(place.SocketPath) is { } started)
            {
                return started;
            }

            // The one started here ended: with 0 when another holds the lock (it is starting: wait for that one).
            if (server.HasExited && server.ExitCode != ExitCodes.Success)
            {
                NotUsed($"the build server ended with exit code {server.ExitCode}");
                return null;
            }
        }

        NotUsed($"no server listened at {place.SocketPath} within {StartLimit.TotalSeconds:0} s");
        return null;
    }

    /// <summary>
    /// Starts `stapsharp build-server serve` from the same files, detached: no console (its standard streams are
    /// pipes closed at once, so nothing waits for it to end), and the root folder as its working folder.
    /// </summary>
    private static Process StartServer()
    {
        var host = Environment.ProcessPath ?? throw new IOException("the path of this process is unknown");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BuildServerClient).Assembly.Location);
        }

        start.ArgumentList.Add("build-server");
        start.ArgumentList.Add("serve");
        var server = Process.Start(start) ?? throw new IOException($"{host} did not start");
        server.StandardInput.Close();
        server.StandardOutput.Close();
        server.StandardError.Close();
        return server;
    }

    /// <summary>Why the server was not used, for a bug report (STAPSHARP_DEBUG=1); otherwise nothing is said.</summary>
    private static void NotUsed(string reason)
    {
        if (Environment.GetEnvironmentVariable("STAPSHARP_DEBUG") is { Length: > 0 })
        {
            Status.Error($"build server not used: {reason}");
        }
    }
}
