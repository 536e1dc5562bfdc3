using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using StapSharp.Runtime.Processes;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Targets;

/// <summary>
/// Runs a module on this host's kernel with staprun. Needs root and a kernel that loads modules
/// (see <see cref="HostCapabilities"/>); the time limit and cancellation send SIGINT so end probes run.
/// </summary>
public sealed class LocalStaprunTarget : IRunTarget
{
    private readonly StapToolchain _toolchain;

    /// <summary>Creates a target using <paramref name="toolchain"/>'s staprun.</summary>
    public LocalStaprunTarget(StapToolchain toolchain) => _toolchain = toolchain;

    /// <inheritdoc />
    public async Task<RunResult> RunAsync(string modulePath, RunOptions options, RunOutput output, CancellationToken cancel)
    {
        _toolchain.RequireForLocal();
        var capabilities = HostCapabilities.Detect();
        if (!capabilities.CanLoadModules)
        {
            throw new ToolchainException($"this host cannot load kernel modules: {capabilities.Reason}");
        }

        var module = Path.GetFullPath(modulePath);
        if (!File.Exists(module))
        {
            throw new FileNotFoundException($"module not found: {module}", module);
        }

        // A session of its own: the host decides when staprun gets SIGINT (Ctrl-C arrives as cancellation).
        var setsid = ExecutableLocator.FindOnPath("setsid");
        var info = new ProcessStartInfo(setsid ?? _toolchain.StaprunPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(_toolchain.StaprunPath!);
        }

        foreach (var argument in StaprunArguments.Build(module, options))
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new ToolchainException($"cannot start {_toolchain.StaprunPath}");
        // Both streams go through one bounded queue so the sink is called from one loop; a full queue
        // stops reading staprun's stdout, which is the backpressure the module's buffers absorb.
        var pieces = Channel.CreateBounded<OutputPiece>(new BoundedChannelOptions(16) { SingleReader = true });
        var pumps = Task.WhenAll(PumpBytes(process.StandardOutput.BaseStream, pieces.Writer), PumpLines(process.StandardError, pieces.Writer))
            .ContinueWith(_ => pieces.Writer.TryComplete(), TaskScheduler.Default);

        var timedOut = false;
        var cancelled = false;
        string? failure = null;
        using var stopTimer = new CancellationTokenSource();
        if (options.TimeLimit is { } limit)
        {
            stopTimer.CancelAfter(limit);
        }

        var ownGroup = setsid is not null;
        var group = process.Id; // under setsid staprun leads its own session and group
        // A -c command can outlive staprun (a stop interrupts staprun alone, so the script's end decides its exit
        // code) and would hold its output open: once staprun is gone, the rest of its session is ended.
        var sessionEnded = ownGroup
            ? process.WaitForExitAsync(CancellationToken.None).ContinueWith(
                _ => PosixSignals.SendToGroup(group, PosixSignals.SIGTERM), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
            : Task.CompletedTask;
        using var stopRegistration = stopTimer.Token.Register(() => { timedOut = !cancelled; Interrupt(process); });
        using var cancelRegistration = cancel.Register(() => { cancelled = !timedOut; Interrupt(process); });
        // Hard bound once a stop was requested: kill if the end probes never finish.
        using var hardKill = new CancellationTokenSource();
        using var killOnStop = CancellationTokenSource.CreateLinkedTokenSource(stopTimer.Token, cancel);
        using var killRegistration = killOnStop.Token.Register(() => hardKill.CancelAfter(options.StopGracePeriod));
        using var hardKillRegistration = hardKill.Token.Register(() =>
        {
            // staprun may be gone while a process it started still holds its output open: the session goes with it.
            if (!HasExited(process))
            {
                failure = $"staprun did not stop within {options.StopGracePeriod.TotalSeconds:0} s of SIGINT; killed";
            }

            if (ownGroup)
            {
                PosixSignals.SendToGroup(group, PosixSignals.SIGKILL);
            }

            ProcessTree.Kill(process);
        });

        try
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (piece.Message is { } message)
                {
                    await output.OnMessage(message).ConfigureAwait(false);
                    continue;
                }
                try { await output.OnOutput(piece.Bytes.AsMemory(0, piece.Length)).ConfigureAwait(false); }
                finally { ArrayPool<byte>.Shared.Return(piece.Bytes!); }
            }
            await pumps.ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await sessionEnded.ConfigureAwait(false);
        }
        finally
        {
            if (ownGroup)
            {
                PosixSignals.SendToGroup(group, PosixSignals.SIGKILL);
            }

            ProcessTree.Kill(process);
        }
        var exitCode = failure is null ? process.ExitCode : (int?)null;
        return new RunResult(exitCode, timedOut, cancelled, TimeSpan.Zero, clock.Elapsed) { Failure = failure };
    }

    private static void Interrupt(Process process)
    {
        if (!HasExited(process))
        {
            PosixSignals.Send(process.Id, PosixSignals.SIGINT);
        }
    }

    private static bool HasExited(Process process)
    {
        try { return process.HasExited; }
        catch (InvalidOperationException) { return true; }
    }

    /// <summary>A chunk of stdout (a pooled buffer) or one stderr line.</summary>
    private readonly record struct OutputPiece(byte[]? Bytes, int Length, string? Message);

    private static async Task PumpBytes(Stream stdout, ChannelWriter<OutputPiece> writer)
    {
        while (true)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            var read = await stdout.ReadAsync(buffer).ConfigureAwait(false);
            if (read == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }
            await writer.WriteAsync(new OutputPiece(buffer, read, null)).ConfigureAwait(false);
        }
    }

    private static async Task PumpLines(StreamReader stderr, ChannelWriter<OutputPiece> writer)
    {
        while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await writer.WriteAsync(new OutputPiece(null, 0, line)).ConfigureAwait(false);
        }
    }
}
