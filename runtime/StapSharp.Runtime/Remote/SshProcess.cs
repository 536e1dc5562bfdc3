using System.Diagnostics;
using System.Text;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// One ssh client process running a fixed command on a host: its stdin to write to, its stdout as raw bytes, its
/// stderr as lines (handed to a callback and the last ones kept for a failure's reason). It runs in a session of its
/// own, so a Ctrl-C in the user's terminal reaches the run (which stops the script) and not ssh (which would cut the
/// connection before the end probes' output came back).
/// </summary>
internal sealed class SshProcess : IAsyncDisposable
{
    private const int KeptErrorLines = 20;
    private readonly Process _process;
    private readonly Queue<string> _lastErrors = new();
    private readonly Task _errors;

    private SshProcess(Process process, Func<string, ValueTask> onError)
    {
        _process = process;
        _errors = PumpErrorsAsync(onError);
    }

    /// <summary>ssh's stdin.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>ssh's stdout: the remote command's output, byte for byte.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Starts ssh; <paramref name="onError"/> receives each stderr line (never concurrently with itself).</summary>
    /// <exception cref="InvalidOperationException">ssh cannot be started.</exception>
    public static SshProcess Start(RemoteHost host, SshSettings settings, string remoteCommand, Func<string, ValueTask> onError)
    {
        var ssh = settings.SshPath ?? ExecutableLocator.FindOnPath("ssh")
            ?? throw new InvalidOperationException("ssh is not installed here (apt-get install openssh-client)");
        var setsid = ExecutableLocator.FindOnPath("setsid");
        var info = new ProcessStartInfo(setsid ?? ssh)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(ssh);
        }

        foreach (var argument in settings.Arguments(host, remoteCommand))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"cannot start {ssh}: {e.Message}", e);
        }

        return new SshProcess(process, onError);
    }

    /// <summary>Writes and flushes <paramref name="text"/> (ASCII).</summary>
    public async Task WriteAsync(string text, CancellationToken cancel)
    {
        await Input.WriteAsync(Encoding.ASCII.GetBytes(text), cancel).ConfigureAwait(false);
        await Input.FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="text"/> unless the connection is already gone; true when it was written.</summary>
    public async Task<bool> TryWriteAsync(string text)
    {
        try
        {
            await WriteAsync(text, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (IOException) { return false; }
        catch (ObjectDisposedException) { return false; }
    }

    /// <summary>
    /// Reads one line from stdout byte by byte, so nothing after its '\n' is taken from the stream (what follows
    /// may be the module's bytes); null at the end of the stream.
    /// </summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 4096)
        {
            if (await Output.ReadAsync(one, cancel).ConfigureAwait(false) == 0)
            {
                return line.Count == 0 ? null : Encoding.UTF8.GetString([.. line]);
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            line.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. line]);
    }

    /// <summary>Closes ssh's stdin (the remote command sees its input end).</summary>
    public void CloseInput()
    {
        try { _process.StandardInput.Close(); }
        catch (IOException) { }
    }

    /// <summary>Waits for ssh to exit and its stderr to be read; its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancel)
    {
        await _process.WaitForExitAsync(cancel).ConfigureAwait(false);
        try { await _errors.WaitAsync(TimeSpan.FromSeconds(5), cancel).ConfigureAwait(false); }
        catch (TimeoutException) { }
        return _process.ExitCode;
    }

    /// <summary>The last stderr lines, joined; "" when there were none.</summary>
    public string LastErrors
    {
        get
        {
            lock (_lastErrors)
            {
                return string.Join('\n', _lastErrors).Trim();
            }
        }
    }

    /// <summary>Kills ssh (its connection drops; the remote stapsh then stops staprun).</summary>
    public void Kill() => ProcessTree.Kill(_process);

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }

        _process.Dispose();
    }

    private async Task PumpErrorsAsync(Func<string, ValueTask> onError)
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_lastErrors)
                {
                    _lastErrors.Enqueue(line);
                    if (_lastErrors.Count > KeptErrorLines)
                    {
                        _lastErrors.Dequeue();
                    }
                }

                await onError(line).ConfigureAwait(false);
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }
}
