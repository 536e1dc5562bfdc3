using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Machines;

/// <summary>Something the guest did, in the order the host saw it.</summary>
internal abstract record GuestEvent
{
    /// <summary>Bytes on the output port (ttyS1 or the virtio-serial port), exactly as the guest wrote them, cut anywhere.</summary>
    public sealed record Output(ReadOnlyMemory<byte> Bytes) : GuestEvent;
    /// <summary>A line on the message port (ttyS3): staprun's stderr.</summary>
    public sealed record Message(string Line) : GuestEvent;
    /// <summary>A line on the control port (ttyS2): a status marker.</summary>
    public sealed record Control(string Line) : GuestEvent;
    /// <summary>QEMU exited; every output byte and message line was delivered before this.</summary>
    public sealed record Exited(int ExitCode) : GuestEvent;
}

/// <summary>How to start one throw-away VM.</summary>
internal sealed record QemuLaunch(
    string QemuPath,
    string KernelImage,
    string InitrdPath,
    int MemoryMb,
    string ConsoleLogPath,
    string ControlSocketPath)
{
    /// <summary>The message port's socket (staprun's stderr), beside the control socket.</summary>
    public string MessageSocketPath => Path.Combine(Path.GetDirectoryName(ControlSocketPath) ?? ".", "messages.sock");

    /// <summary>The output port's socket when the output travels over virtio-serial.</summary>
    public string OutputSocketPath => Path.Combine(Path.GetDirectoryName(ControlSocketPath) ?? ".", "output.sock");

    /// <summary>Virtual CPUs (-smp).</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>The output port: the UART ttyS1 (QEMU's stdout) or a virtio-serial port (a socket).</summary>
    public VmOutputChannel Output { get; init; } = VmOutputChannel.Uart;

    /// <summary>Share the host's / read-only with the guest (see <see cref="GuestHostFileSystem"/>).</summary>
    public bool ShareHostFileSystem { get; init; }

    /// <summary>virtio disks, in the guest's order (see <see cref="GuestDisks"/>).</summary>
    public IReadOnlyList<AttachedDisk> Disks { get; init; } = [];

    /// <summary>With a port: the guest's ssh port (22) is reachable at 127.0.0.1:PORT (see <see cref="GuestSshServer"/>); null: no network card.</summary>
    public int? SshHostPort { get; init; }

    /// <summary>KVM or TCG; see <see cref="VmAcceleration"/>.</summary>
    public VmAccelerator Accelerator { get; init; } = VmAccelerator.Tcg;

    /// <summary>Kernel command-line parameters after the guest's own (console, panic, rdinit), each one plain word.</summary>
    public IReadOnlyList<string> KernelParameters { get; init; } = [];
}

/// <summary>
/// One QEMU process booting a kernel with an initramfs. The output port is QEMU's stdout (the UART ttyS1) or a
/// Unix socket (a virtio-serial port), read live as bytes; the control and message ports are Unix sockets. Disposing
/// kills QEMU if it still runs.
/// </summary>
internal sealed class QemuMachine : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Socket _control;
    private readonly Socket _messages;
    private readonly Stream _output;
    private readonly StringBuilder _stderr;
    private readonly Channel<GuestEvent> _events = Channel.CreateUnbounded<GuestEvent>(new() { SingleReader = true });
    private readonly Task _pumps;

    // QEMU runs in its own session (see StartAsync), so it would outlive a host killed by SIGTERM;
    // the live machines are killed when the host process exits.
    private static readonly HashSet<Process> Running = [];

    static QemuMachine()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Running)
            {
                foreach (var process in Running)
                {
                    ProcessTree.Kill(process);
                }
            }
        };
    }

    private QemuMachine(Process process, Socket control, Socket messages, Stream output, StringBuilder stderr)
    {
        _process = process;
        _stderr = stderr;
        _control = control;
        _messages = messages;
        _output = output;
        var outputPump = PumpOutputAsync();
        var controlPump = PumpSocketLinesAsync(_control, line => new GuestEvent.Control(line));
        var messagePump = PumpSocketLinesAsync(_messages, line => new GuestEvent.Message(line));
        _pumps = Task.Run(async () =>
        {
            await outputPump.ConfigureAwait(false);
            await _process.WaitForExitAsync().ConfigureAwait(false);
            // The message socket closes with QEMU; its last lines belong before Exited.
            try { await messagePump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
            catch (TimeoutException) { }
            _events.Writer.TryWrite(new GuestEvent.Exited(_process.ExitCode));
            _events.Writer.TryComplete();
            await controlPump.ConfigureAwait(false);
        });
    }

    /// <summary>What QEMU has written on its stderr so far (its own errors, not the guest's).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Events from the guest; completes after <see cref="GuestEvent.Exited"/>.</summary>
    public ChannelReader<GuestEvent> Events => _events.Reader;

    /// <summary>The QEMU command line (without the executable) for <paramref name="launch"/>.</summary>
    public static IReadOnlyList<string> BuildArguments(QemuLaunch launch)
    {
        var virtio = launch.Output == VmOutputChannel.VirtioSerial;
        List<string> arguments =
        [
            "-m", launch.MemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-smp", launch.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-display", "none",
            "-no-reboot",
            "-monitor", "none",
            "-kernel", launch.KernelImage,
            "-initrd", launch.InitrdPath,
            "-append", string.Join(' ', ["console=ttyS0 quiet panic=-1 rdinit=/init", .. launch.KernelParameters]),
            "-serial", "file:" + launch.ConsoleLogPath,
            // ttyS1 stays in place either way, so the control and message ports keep their names.
            "-serial", virtio ? "null" : "stdio",
            "-chardev", $"socket,id=control,path={launch.ControlSocketPath},server=on,wait=on",
            "-serial", "chardev:control",
            "-chardev", $"socket,id=messages,path={launch.MessageSocketPath},server=on,wait=on",
            "-serial", "chardev:messages",
        ];
        if (virtio)
        {
            arguments.AddRange([
                "-device", "virtio-serial-pci,id=ports",
                "-chardev", $"socket,id=output,path={launch.OutputSocketPath},server=on,wait=on",
                "-device", $"virtserialport,bus=ports.0,chardev=output,name={GuestOutputPort.VirtioPortName}",
            ]);
        }
        // KVM hangs in early boot on some nested hosts; KvmProbe finds out before a run relies on it.
        // QEMU's default CPU model: "-cpu host" asks nested hosts for machine registers they may not have.
        arguments.InsertRange(0, ["-accel", launch.Accelerator == VmAccelerator.Kvm ? "kvm" : "tcg"]);
        arguments.AddRange(launch.SshHostPort is { } port ? GuestSshServer.QemuArguments(port) : ["-nic", "none"]);
        if (launch.ShareHostFileSystem)
        {
            arguments.AddRange(GuestHostFileSystem.QemuArguments);
        }

        arguments.AddRange(GuestDisks.QemuArguments(launch.Disks));
        return arguments;
    }

    /// <summary>Starts QEMU and connects the control socket (QEMU waits for it before booting).</summary>
    public static async Task<QemuMachine> StartAsync(QemuLaunch launch, CancellationToken cancel)
    {
        // A session of its own: a Ctrl-C in the user's terminal must not kill QEMU outright;
        // the host turns it into a graceful stop instead.
        var setsid = ExecutableLocator.FindOnPath("setsid");
        var info = new ProcessStartInfo(setsid ?? launch.QemuPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(launch.QemuPath);
        }

        foreach (var argument in BuildArguments(launch))
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
            lock (Running)
            {
                Running.Add(process);
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new MachineException($"cannot start {launch.QemuPath}: {e.Message}", "apt-get install qemu-system-x86");
        }
        var stderr = new StringBuilder();
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }
            }
        });

        try
        {
            // QEMU waits for each socket in command-line order before it boots the guest.
            var control = await ConnectAsync(launch.ControlSocketPath, process, cancel).ConfigureAwait(false);
            var messages = control is null ? null : await ConnectAsync(launch.MessageSocketPath, process, cancel).ConfigureAwait(false);
            var outputSocket = messages is null || launch.Output != VmOutputChannel.VirtioSerial
                ? null
                : await ConnectAsync(launch.OutputSocketPath, process, cancel).ConfigureAwait(false);
            if (control is null || messages is null || (launch.Output == VmOutputChannel.VirtioSerial && outputSocket is null))
            {
                control?.Dispose();
                messages?.Dispose();
                string message;
                lock (stderr)
                {
                    message = stderr.ToString().Trim();
                }

                throw new MachineException($"QEMU did not start: {(message.Length > 0 ? message : "no control socket")}");
            }
            var output = outputSocket is null ? process.StandardOutput.BaseStream : new NetworkStream(outputSocket, ownsSocket: true);
            return new QemuMachine(process, control, messages, output, stderr);
        }
        catch
        {
            ProcessTree.Kill(process);
            Forget(process);
            throw;
        }
    }

    /// <summary>Sends one line to the guest's control port.</summary>
    public async Task SendControlAsync(string line)
    {
        try
        {
            await _control.SendAsync(Encoding.ASCII.GetBytes(line + "\n"), SocketFlags.None).ConfigureAwait(false);
        }
        catch (SocketException) { } // the guest is already gone
        catch (ObjectDisposedException) { }
    }

    /// <summary>Kills QEMU now (the guest gets no chance to clean up).</summary>
    public void Kill() => ProcessTree.Kill(_process);

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        _control.Dispose();
        _messages.Dispose();
        await _output.DisposeAsync().ConfigureAwait(false);
        try { await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        Forget(_process);
    }

    private static void Forget(Process process)
    {
        lock (Running)
        {
            Running.Remove(process);
        }

        process.Dispose();
    }

    private static async Task<Socket?> ConnectAsync(string path, Process process, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            cancel.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                return null;
            }

            if (File.Exists(path))
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel).ConfigureAwait(false);
                    return socket;
                }
                catch (SocketException)
                {
                    socket.Dispose();
                }
            }
            await Task.Delay(50, cancel).ConfigureAwait(false);
        }
        return null;
    }

    private async Task PumpOutputAsync()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try { read = await _output.ReadAsync(buffer).ConfigureAwait(false); }
            catch (IOException) { read = 0; }
            catch (ObjectDisposedException) { read = 0; }
            if (read == 0)
            {
                return;
            }

            _events.Writer.TryWrite(new GuestEvent.Output(buffer.AsSpan(0, read).ToArray()));
        }
    }

    private async Task PumpSocketLinesAsync(Socket socket, Func<string, GuestEvent> toEvent)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await foreach (var line in SplitLinesAsync(stream).ConfigureAwait(false))
            {
                _events.Writer.TryWrite(toEvent(line));
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Splits a byte stream on '\n' (a trailing '\r' from the tty is dropped); UTF-8 decoding per line.</summary>
    internal static async IAsyncEnumerable<string> SplitLinesAsync(Stream stream)
    {
        var buffer = new byte[16384];
        var pending = new MemoryStream();
        while (true)
        {
            int read;
            try { read = await stream.ReadAsync(buffer).ConfigureAwait(false); }
            catch (IOException) { read = 0; }
            catch (ObjectDisposedException) { read = 0; }
            if (read == 0)
            {
                break;
            }

            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.Write(buffer, start, i - start);
                yield return DecodeLine(pending);
                start = i + 1;
            }
            pending.Write(buffer, start, read - start);
        }
        if (pending.Length > 0)
        {
            yield return DecodeLine(pending);
        }
    }

    private static string DecodeLine(MemoryStream pending)
    {
        var bytes = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        while (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        var line = Encoding.UTF8.GetString(bytes);
        pending.SetLength(0);
        return line;
    }
}
