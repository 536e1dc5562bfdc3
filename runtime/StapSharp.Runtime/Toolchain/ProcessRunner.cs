using System.Diagnostics;
using System.Text;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>What happened to a finished child process.</summary>
internal sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut);

/// <summary>
/// Runs a child process to completion with captured output, optional per-line callbacks,
/// a time bound and cancellation. The whole process tree is killed on timeout and cancellation,
/// so compilers started by stap never outlive the call.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        Action<string>? onStdoutLine = null,
        Action<string>? onStderrLine = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancel = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolchainException($"cannot start {fileName}: {e.Message}");
        }
        process.StandardInput.Close();

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, stdout, onStdoutLine);
        var readErr = PumpAsync(process.StandardError, stderr, onStderrLine);

        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, timeoutSource.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessTree.Kill(process);
            timedOut = !cancel.IsCancellationRequested;
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed, timedOut);
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink, Action<string>? onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (sink)
            {
                sink.Append(line).Append('\n');
            }

            onLine?.Invoke(line);
        }
    }
}
