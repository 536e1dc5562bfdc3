using System.Diagnostics;

namespace StapSharp.Tests.Shared;

/// <summary>Runs a process with redirected output to its end, for the tests that start the real tools.</summary>
internal static class ProcessToEnd
{
    /// <summary>Starts <paramref name="start"/> (stdout and stderr redirected) and waits for it, killing its tree after <paramref name="limit"/>.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="limit"/>.</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {limit}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
