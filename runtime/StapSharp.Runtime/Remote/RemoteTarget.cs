using System.Diagnostics;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// Runs a module on a remote host through SystemTap's own remote shell: ssh starts stapsh there
/// (<see cref="StapshProtocol"/>), which receives the module and runs staprun; the module's output comes back on
/// ssh's stdout byte for byte, staprun's stderr on ssh's stderr. A stop (cancellation, time limit) is stapsh's
/// <c>quit</c>: staprun gets SIGHUP and the end probes run there. A connection that breaks is a
/// <see cref="RunResult.Failure"/> (ssh's message): what arrived before stays delivered.
/// </summary>
public sealed class RemoteTarget : IRunTarget
{
    private readonly SshSettings _ssh;

    /// <summary>A target for <paramref name="host"/>, reached with <paramref name="ssh"/>.</summary>
    public RemoteTarget(RemoteHost host, SshSettings ssh)
    {
        Host = host;
        _ssh = ssh;
    }

    /// <summary>The host it runs on.</summary>
    public RemoteHost Host { get; }

    /// <summary>The failure of a run that never reached staprun (connect, handshake, module transfer, start).</summary>
    public static bool FailedBeforeStart(RunResult result) => result.ExitCode is null && result.RunTime == TimeSpan.Zero && !result.Cancelled;

    /// <inheritdoc />
    /// <remarks>
    /// Of <see cref="RunOptions"/> a remote run uses the staprun options (-c, -x, -v, -b, globals), the time limit and
    /// the grace period; -o is written on this machine from the streamed bytes. The VM's options do not apply.
    /// </remarks>
    public async Task<RunResult> RunAsync(string modulePath, RunOptions options, RunOutput output, CancellationToken cancel)
    {
        var module = Path.GetFullPath(modulePath);
        var moduleBytes = await File.ReadAllBytesAsync(module, cancel).ConfigureAwait(false);
        var fileName = Path.GetFileName(module);
        var fileCommand = StapshProtocol.FileCommand(fileName, moduleBytes.Length);
        var runCommand = StapshProtocol.RunCommand(StaprunArguments.Build(fileName, options, includeOutputFile: false));

        // The two callbacks are called one at a time, as RunOutput promises: stdout and stderr are read apart.
        using var turn = new SemaphoreSlim(1, 1);
        async ValueTask Message(string line)
        {
            await turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try { await output.OnMessage(line).ConfigureAwait(false); }
            finally { turn.Release(); }
        }

        await using var outputFile = options.OutputFile is { } path ? new FileStream(path, FileMode.Create, FileAccess.Write) : null;
        var clock = Stopwatch.StartNew();
        SshProcess ssh;
        try
        {
            ssh = SshProcess.Start(Host, _ssh, StapshProtocol.RemoteCommand, Message);
        }
        catch (InvalidOperationException e)
        {
            return NotStarted(e.Message, clock.Elapsed);
        }

        await using var ownedSsh = ssh;
        var started = await StartAsync(ssh, fileCommand, moduleBytes, runCommand, cancel).ConfigureAwait(false);
        if (started is not null)
        {
            var code = await WaitBrieflyAsync(ssh).ConfigureAwait(false);
            return NotStarted(Explain(started, code, ssh.LastErrors), clock.Elapsed, cancelled: cancel.IsCancellationRequested);
        }

        var startTime = clock.Elapsed;
        var running = Stopwatch.StartNew();
        var pump = PumpOutputAsync(ssh, turn, output, outputFile);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (options.TimeLimit is { } timeLimit)
        {
            limit.CancelAfter(timeLimit);
        }

        var stopRequested = false;
        using (limit.Token.Register(() => { stopRequested = true; _ = ssh.TryWriteAsync(StapshProtocol.QuitCommand); }))
        {
            await pump.ConfigureAwait(false);
        }

        int exitCode;
        try
        {
            exitCode = await ssh.WaitForExitAsync(CancellationToken.None).WaitAsync(options.StopGracePeriod, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ssh.Kill();
            return new RunResult(null, !cancel.IsCancellationRequested && stopRequested, cancel.IsCancellationRequested, startTime, running.Elapsed)
            {
                Failure = $"{Host.Name} did not stop within {options.StopGracePeriod.TotalSeconds:0} s; the connection was cut",
            };
        }

        var timedOut = stopRequested && !cancel.IsCancellationRequested;
        var result = new RunResult(exitCode, timedOut, cancel.IsCancellationRequested, startTime, running.Elapsed);
        return exitCode == StapshProtocol.SshFailureExitCode
            ? result with { ExitCode = null, Failure = $"the connection to {Host.Name} was lost: {Or(ssh.LastErrors, "ssh exited with code 255")}" }
            : result;
    }

    /// <summary>Handshake, module, staprun; null when staprun runs, else what went wrong.</summary>
    private static async Task<string?> StartAsync(SshProcess ssh, string fileCommand, byte[] module, string runCommand, CancellationToken cancel)
    {
        try
        {
            await ssh.WriteAsync(StapshProtocol.Hello, cancel).ConfigureAwait(false);
            var hello = await ssh.ReadLineAsync(cancel).ConfigureAwait(false);
            if (hello is null)
            {
                return "";
            }

            StapshProtocol.ParseHello(hello);
            await ssh.WriteAsync(fileCommand, cancel).ConfigureAwait(false);
            await ssh.Input.WriteAsync(module, cancel).ConfigureAwait(false);
            await ssh.Input.FlushAsync(cancel).ConfigureAwait(false);
            if (await ExpectOkAsync(ssh, "stapsh refused the module", cancel).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            await ssh.WriteAsync(runCommand, cancel).ConfigureAwait(false);
            return await ExpectOkAsync(ssh, "stapsh could not start staprun", cancel).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            return e.Message;
        }
        catch (IOException)
        {
            return "";
        }
        catch (OperationCanceledException)
        {
            ssh.CloseInput();
            return "cancelled before the module started";
        }
    }

    private static async Task<string?> ExpectOkAsync(SshProcess ssh, string what, CancellationToken cancel)
    {
        var answer = await ssh.ReadLineAsync(cancel).ConfigureAwait(false);
        return answer is null ? "" : StapshProtocol.IsOk(answer) ? null : $"{what}: {StapshProtocol.Printable(answer)}";
    }

    private static string Explain(string problem, int? exitCode, string errors) => exitCode switch
    {
        _ when problem.Length > 0 => problem + (errors.Length > 0 ? "\n" + errors : ""),
        StapshProtocol.SshFailureExitCode => "ssh could not connect: " + Or(errors, "ssh exited with code 255"),
        StapshProtocol.NoStapshExitCode => "stapsh is not installed there (systemtap-runtime): " + Or(errors, "exit code 127"),
        _ => $"the connection ended before staprun started (exit code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})" +
             (errors.Length > 0 ? ": " + errors : ""),
    };

    private static async Task<int?> WaitBrieflyAsync(SshProcess ssh)
    {
        ssh.CloseInput();
        try { return await ssh.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException)
        {
            ssh.Kill();
            return null;
        }
    }

    private static RunResult NotStarted(string reason, TimeSpan elapsed, bool cancelled = false) =>
        new(null, false, cancelled, elapsed, TimeSpan.Zero) { Failure = reason };

    private static string Or(string text, string otherwise) => text.Length > 0 ? text : otherwise;

    private static async Task PumpOutputAsync(SshProcess ssh, SemaphoreSlim turn, RunOutput output, FileStream? outputFile)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try { read = await ssh.Output.ReadAsync(buffer).ConfigureAwait(false); }
            catch (IOException) { read = 0; }
            catch (ObjectDisposedException) { read = 0; }
            if (read == 0)
            {
                return;
            }

            await turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (outputFile is not null)
                {
                    await outputFile.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                }

                await output.OnOutput(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
            finally
            {
                turn.Release();
            }
        }
    }
}
