using System.CommandLine;
using StapSharp.Cli.BuildServer;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp build-server stop</c>: ends this user's build servers (a server ends by itself after ten idle
/// minutes). <c>build-server serve</c>, hidden, is the server itself, started by <c>build</c>.
/// </summary>
internal static class BuildServerCommand
{
    public static Command Create()
    {
        var stop = new Command("stop", "Stop this user's build servers");
        stop.SetAction(_ => Stop());
        var serve = new Command("serve", "Run the build server (build starts it)") { Hidden = true };
        serve.SetAction((_, _) => BuildServerHost.ServeAsync());
        return new Command("build-server",
            $"The process that keeps the translator ready between builds ({BuildServerPlace.OptOutVariable}=0: build without it)")
        {
            stop, serve,
        };
    }

    private static int Stop()
    {
        foreach (var socketPath in BuildServerPlace.AllSockets())
        {
            using var socket = BuildServerClient.Connect(socketPath);
            if (socket is null)
            {
                continue;
            }

            using var stream = new System.Net.Sockets.NetworkStream(socket);
            BuildProtocol.Write(stream, new StopRequest());
            if (BuildProtocol.ReadResponse(stream) is Stopped)
            {
                // It answers, finishes the builds it has, then removes its socket and, last, its lock file.
                var lockPath = BuildServerPlace.LockPathOf(socketPath);
                for (var waited = 0; waited < 1000 && File.Exists(lockPath); waited++)
                {
                    Thread.Sleep(10);
                }

                Console.WriteLine(DiagnosticText.Escape($"stopped the build server at {socketPath}"));
            }
        }

        return ExitCodes.Success;
    }
}
