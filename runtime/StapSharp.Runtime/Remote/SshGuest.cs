using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// A throw-away QEMU guest booting the distribution kernel on the host's files (read-only, with a writable layer that
/// vanishes with it) and serving ssh as root on 127.0.0.1:<see cref="Port"/>, for the key given: a remote host to run
/// modules on (<see cref="Host"/>) without a second machine. See Machines/GuestSshServer and Remote/README.md.
/// </summary>
public sealed class SshGuest : IAsyncDisposable
{
    private readonly QemuMachine _machine;
    private readonly TempDirectory _work;

    private SshGuest(QemuMachine machine, TempDirectory work, int port, TimeSpan bootTime)
    {
        _machine = machine;
        _work = work;
        Port = port;
        BootTime = bootTime;
    }

    /// <summary>The loopback port forwarded to the guest's port 22.</summary>
    public int Port { get; }

    /// <summary>QEMU started → dropbear listening.</summary>
    public TimeSpan BootTime { get; }

    /// <summary>The guest as a remote target: <c>ssh://root@127.0.0.1:PORT</c>.</summary>
    public RemoteHost Host => new("root", "127.0.0.1", Port);

    /// <summary>True once QEMU has exited (killed, or powered off).</summary>
    public bool HasExited => _machine.HasExited;

    /// <summary>Boots a guest that lets in <paramref name="authorizedKey"/> (one OpenSSH public key line) as root.</summary>
    /// <exception cref="ToolchainException">QEMU, the kernel or busybox is missing, or the guest did not come up; the message says why.</exception>
    public static Task<SshGuest> StartAsync(
        StapToolchain toolchain, string authorizedKey, VmAcceleration? acceleration, TimeSpan bootTimeout, CancellationToken cancel) =>
        ToolchainException.FromMachineAsync(() => BootAsync(toolchain, authorizedKey, acceleration ?? VmAcceleration.Tcg, bootTimeout, cancel));

    private static async Task<SshGuest> BootAsync(
        StapToolchain toolchain, string authorizedKey, VmAcceleration acceleration, TimeSpan bootTimeout, CancellationToken cancel)
    {
        toolchain.RequireForVm();
        var work = new TempDirectory("stapsharp-sshguest-");
        try
        {
            var markers = new GuestMarkers();
            var image = GuestImage.CreateBase(await GuestPrograms.BusyboxAsync(toolchain, cancel).ConfigureAwait(false));
            var index = KernelModuleIndex.Load(toolchain.Kernel!.ModulesDir ?? Path.Combine("/lib/modules", toolchain.KernelRelease!));
            var modules = await GuestKernelModules.AddAsync(
                image, index.Directory, index.Resolve(GuestSshServer.KernelModules.Concat(GuestHostFileSystem.KernelModules).Distinct()), work.Path, cancel)
                .ConfigureAwait(false);
            image.AddText("init", GuestInitScript.ForSshServer(modules, authorizedKey, markers), InitramfsBuilder.Executable);
            var initrd = work.Combine("initrd.cpio.gz");
            image.WriteGzip(initrd);
            var port = FreeLoopbackPort();
            var launch = new QemuLaunch(toolchain.QemuPath!, toolchain.Kernel.KernelImage!, initrd, 512,
                work.Combine("console.log"), work.Combine("control.sock"))
            {
                ShareHostFileSystem = true,
                SshHostPort = port,
                Accelerator = acceleration.Accelerator,
            };
            var clock = Stopwatch.StartNew();
            var machine = await QemuMachine.StartAsync(launch, cancel).ConfigureAwait(false);
            try
            {
                await WaitUntilServingAsync(machine, markers, launch.ConsoleLogPath, bootTimeout, cancel).ConfigureAwait(false);
                return new SshGuest(machine, work, port, clock.Elapsed);
            }
            catch
            {
                await machine.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilServingAsync(QemuMachine machine, GuestMarkers markers, string consoleLog, TimeSpan timeout, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        try
        {
            await foreach (var item in machine.Events.ReadAllAsync(limit.Token).ConfigureAwait(false))
            {
                switch (item)
                {
                    case GuestEvent.Control control when control.Line.Trim() == markers.Live:
                        return;
                    case GuestEvent.Control control when markers.TryParseFailed(control.Line) is { } reason:
                        throw new MachineException($"the ssh guest did not come up: {reason}\n{ConsoleTail(consoleLog)}");
                    case GuestEvent.Exited exited:
                        throw new MachineException($"the ssh guest stopped while booting (QEMU exit code {exited.ExitCode}): {machine.StandardError.Trim()}\n{ConsoleTail(consoleLog)}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new MachineException($"the ssh guest did not come up within {timeout.TotalSeconds:0} s\n{ConsoleTail(consoleLog)}");
        }

        throw new MachineException("the ssh guest stopped while booting");
    }

    private static string ConsoleTail(string path)
    {
        try { return string.Join('\n', File.ReadAllText(path).Replace("\r", "").Split('\n').TakeLast(15)); }
        catch (IOException) { return ""; }
    }

    /// <summary>
    /// A loopback port free now: the kernel picks it for a listener that closes at once. Another program could take it
    /// before QEMU binds it; QEMU then fails to start, which the caller sees.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Kills the guest at once, as a host that dies: its connections break, nothing of it runs on.</summary>
    public void Kill() => _machine.Kill();

    /// <summary>Asks the guest to power off, then kills it if it has not within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_machine.HasExited)
        {
            await _machine.SendControlAsync(GuestInitScript.StopCommand).ConfigureAwait(false);
            var deadline = Stopwatch.StartNew();
            while (!_machine.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        await _machine.DisposeAsync().ConfigureAwait(false);
        _work.Dispose();
    }
}
