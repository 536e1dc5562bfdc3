using System.Net.Sockets;

namespace StapSharp.Cli.BuildServer;

/// <summary>
/// The build server: one process per user and installation that keeps the translator loaded and compiled, and
/// runs the build command lines clients hand it, one at a time, exactly as the client would have (see
/// <see cref="RequestScope"/>). It takes connections only from processes of its own user and groups, and ends
/// after <see cref="IdleLimit"/> without a request, or when asked to stop.
/// </summary>
internal static class BuildServerHost
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(10);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<int> ServeAsync()
    {
        Posix.NewSession();
        // Nothing goes to the standard streams of the client that started it; each request has its own writers.
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        if (BuildServerPlace.ForThisInstallation() is not { } place)
        {
            return ExitCodes.UserError;
        }

        FileStream held;
        try
        {
            // .NET takes FileShare.None as flock(LOCK_EX): one server per socket, the lock gone when it ends, however.
            held = new FileStream(place.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return ExitCodes.Success; // another server runs, or is starting: the client waits for that one
        }

        using (held)
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // A socket left here is a server's that ended (the lock says none runs now).
            File.Delete(place.SocketPath);
            listener.Bind(new UnixDomainSocketEndPoint(place.SocketPath));
            listener.Listen(backlog: 64);
            try
            {
                await AcceptAsync(listener);
            }
            finally
            {
                // The lock file goes too, still held: a rebuilt tool's servers would otherwise leave one each. A server
                // starting in this instant may find the old lock held and leave its client to build by itself.
                File.Delete(place.SocketPath);
                File.Delete(place.LockPath);
            }
        }

        return ExitCodes.Success;
    }

    private static async Task AcceptAsync(Socket listener)
    {
        using var stop = new CancellationTokenSource();
        var active = 0;
        var lastActive = Environment.TickCount64;
        var connections = new List<Task>();
        var accept = listener.AcceptAsync(stop.Token).AsTask();
        while (!stop.IsCancellationRequested)
        {
            if (await Task.WhenAny(accept, Task.Delay(TimeSpan.FromSeconds(1))) == accept)
            {
                var connection = await accept;
                Interlocked.Increment(ref active);
                connections.Add(Task.Run(async () =>
                {
                    try
                    {
                        if (await ServeAsync(connection))
                        {
                            await stop.CancelAsync();
                        }
                    }
                    finally
                    {
                        Interlocked.Exchange(ref lastActive, Environment.TickCount64);
                        Interlocked.Decrement(ref active);
                    }
                }));
                accept = listener.AcceptAsync(stop.Token).AsTask();
            }
            else if (Volatile.Read(ref active) == 0 && Environment.TickCount64 - Interlocked.Read(ref lastActive) >= IdleLimit.TotalMilliseconds)
            {
                break;
            }

            connections.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(connections);
    }

    /// <summary>Answers one connection; true when it asked the server to stop.</summary>
    private static async Task<bool> ServeAsync(Socket connection)
    {
        using (connection)
        await using (var stream = new NetworkStream(connection, ownsSocket: false))
        {
            try
            {
                if (!IsOwnUser(Posix.PeerOf(connection)))
                {
                    return false; // the peer reads the end of the stream and builds by itself
                }

                switch (BuildProtocol.ReadRequest(stream))
                {
                    case StopRequest:
                        BuildProtocol.Write(stream, new Stopped());
                        return true;
                    case BuildRequest build:
                        BuildProtocol.Write(stream, await RunAsync(build));
                        return false;
                }
            }
            catch (Exception error) when (error is IOException or SocketException or InvalidDataException or ObjectDisposedException)
            {
                // A client that went away, or spoke something else: nothing to answer.
            }

            return false;
        }
    }

    private static async Task<BuildServerResponse> RunAsync(BuildRequest request)
    {
        // What the client hands over, and nothing else: other commands want the client's terminal and signals.
        if (request.Arguments is not ["build", ..])
        {
            return new BuildDeclined("the build server runs build command lines only");
        }

        await OneAtATime.WaitAsync();
        try
        {
            RequestScope scope;
            try
            {
                scope = new RequestScope(request);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return new BuildDeclined(error.Message);
            }

            using (scope)
            {
                var exitCode = await CommandLine.RunAsync(request.Arguments);
                return new BuildCompleted(scope.Output(), exitCode);
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The same user and groups as this process: what the build may read and write is what the client's may.</summary>
    private static bool IsOwnUser(Posix.Peer peer) =>
        peer.User == Posix.User && peer.Group == Posix.Group &&
        GroupsOf($"/proc/{peer.Pid}/status") is { } groups && groups == GroupsOf("/proc/self/status");

    private static string? GroupsOf(string statusFile)
    {
        try
        {
            return File.ReadLines(statusFile).FirstOrDefault(line => line.StartsWith("Groups:", StringComparison.Ordinal));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
