using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// A throw-away QEMU guest booting the distribution kernel on the host's files (read-only, with a writable layer that
/// vanishes with it) and serving ssh as root on 127.0.0.1:<see cref="Port"/>, for the key given: a remote host to run
/// modules on (<see cref="Host"/>) without a second machine. See Machines/GuestSshServer and Remote/README.md.
/// </summary>
public sealed partial class SshGuest : IAsyncDisposable
{
    private readonly QemuMachine _machine;
    private readonly TempDirectory _work;

    private SshGuest(QemuMachine machine, TempDirectory work, string release, int port, TimeSpan bootTime, bool onHostFiles)
    {
        _machine = machine;
        _work = work;
        Release = release;
        Port = port;
        BootTime = bootTime;
        OnHostFiles = onHostFiles;
    }

    /// <summary>The kernel release the guest boots (its uname -r).</summary>
    public string Release { get; }

    /// <summary>
    /// True when logins run on the host's files (9p); false when the kernel cannot mount them (no 9p, as in Debian's
    /// cloud flavour) and they run on the guest's own root, which carries dropbear, stapsh, staprun and their libraries.
    /// </summary>
    public bool OnHostFiles { get; }

    /// <summary>The loopback port forwarded to the guest's port 22.</summary>
    public int Port { get; }

    /// <summary>QEMU started → dropbear listening.</summary>
    public TimeSpan BootTime { get; }

    /// <summary>The guest as a remote target: <c>ssh://root@127.0.0.1:PORT</c>.</summary>
    public RemoteHost Host => new("root", "127.0.0.1", Port);

    /// <summary>True once QEMU has exited (killed, or powered off).</summary>
    public bool HasExited => _machine.HasExited;

    /// <summary>Boots a guest of the toolchain's kernel that lets in <paramref name="authorizedKey"/> (one OpenSSH public key line) as root.</summary>
    /// <exception cref="ToolchainException">QEMU, the kernel or busybox is missing, or the guest did not come up; the message says why.</exception>
    public static Task<SshGuest> StartAsync(
        StapToolchain toolchain, string authorizedKey, VmAcceleration? acceleration, TimeSpan bootTimeout, CancellationToken cancel) =>
        StartAsync(toolchain, authorizedKey, [], acceleration, bootTimeout, cancel);

    /// <summary>
    /// As <see cref="StartAsync(StapToolchain, string, VmAcceleration?, TimeSpan, CancellationToken)"/>, the kernel booted
    /// with <paramref name="kernelParameters"/> after the guest's own (each one word: letters, digits, <c>_.,=-</c>).
    /// </summary>
    public static Task<SshGuest> StartAsync(
        StapToolchain toolchain, string authorizedKey, IReadOnlyList<string> kernelParameters, VmAcceleration? acceleration, TimeSpan bootTimeout,
        CancellationToken cancel)
    {
        if (kernelParameters.FirstOrDefault(p => !KernelParameter().IsMatch(p)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not one plain kernel parameter", nameof(kernelParameters));
        }

        return ToolchainException.FromMachineAsync(() => BootAsync(toolchain, authorizedKey, kernelParameters, acceleration ?? VmAcceleration.Tcg, bootTimeout, cancel));
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.,=-]{1,64}\z")]
    private static partial Regex KernelParameter();

    private static async Task<SshGuest> BootAsync(
        StapToolchain toolchain, string authorizedKey, IReadOnlyList<string> kernelParameters, VmAcceleration acceleration, TimeSpan bootTimeout,
        CancellationToken cancel)
    {
        toolchain.RequireForVm();
        var work = new TempDirectory("stapsharp-sshguest-");
        try
        {
            var markers = new GuestMarkers();
            var busybox = await GuestPrograms.BusyboxAsync(toolchain, cancel).ConfigureAwait(false);
            var index = KernelModuleIndex.Load(toolchain.Kernel!.ModulesDir ?? Path.Combine("/lib/modules", toolchain.KernelRelease!));
            // Logins run on the host's files where the kernel can mount them; else the image carries what a login runs.
            var onHostFiles = GuestHostFileSystem.KernelModules.All(index.Has);
            var image = onHostFiles
                ? GuestImage.CreateBase(busybox)
                : GuestImage.CreateForSshServer(busybox, await GuestPrograms.StaprunAsync(toolchain, cancel).ConfigureAwait(false),
                    await GuestPrograms.SshServerAsync(toolchain, cancel).ConfigureAwait(false));
            var needed = onHostFiles ? GuestSshServer.KernelModules.Concat(GuestHostFileSystem.KernelModules).Distinct() : GuestSshServer.KernelModules;
            var modules = await GuestKernelModules.AddAsync(image, index.Directory, index.Resolve(needed), work.Path, cancel).ConfigureAwait(false);
            image.AddText("init", GuestInitScript.ForSshServer(modules, authorizedKey, markers, onHostFiles), InitramfsBuilder.Executable);
            var initrd = work.Combine("initrd.cpio.gz");
            image.WriteGzip(initrd);
            var port = FreeLoopbackPort();
            var launch = new QemuLaunch(toolchain.QemuPath!, toolchain.Kernel.KernelImage!, initrd, 512,
                work.Combine("console.log"), work.Combine("control.sock"))
            {
                ShareHostFileSystem = onHostFiles,
                SshHostPort = port,
                Accelerator = acceleration.Accelerator,
                KernelParameters = kernelParameters,
            };
            var clock = Stopwatch.StartNew();
            var machine = await QemuMachine.StartAsync(launch, cancel).ConfigureAwait(false);
            try
            {
                await WaitUntilServingAsync(machine, markers, launch.ConsoleLogPath, bootTimeout, cancel).ConfigureAwait(false);
                return new SshGuest(machine, work, toolchain.KernelRelease!, port, clock.Elapsed, onHostFiles);
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
