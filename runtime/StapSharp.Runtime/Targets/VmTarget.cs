using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Targets;

/// <summary>
/// Runs a module with staprun inside a throw-away QEMU VM that boots the distribution kernel
/// the module was built for, from an initramfs made of busybox, staprun, stapio, their libraries,
/// the module and a generated /init. For hosts whose own kernel cannot load modules, and for CI.
/// </summary>
public sealed class VmTarget : IRunTarget
{
    private readonly StapToolchain _toolchain;
    private readonly KernelBuildTree _tree;
    private readonly VmAcceleration _acceleration;

    /// <summary>Creates a VM target booting the kernel of <paramref name="tree"/>.</summary>
    /// <param name="acceleration">KVM or TCG (default TCG); <see cref="VmAcceleration.ChooseAsync"/> finds what works here.</param>
    public VmTarget(StapToolchain toolchain, KernelBuildTree tree, VmAcceleration? acceleration = null)
    {
        _toolchain = toolchain;
        _tree = tree;
        _acceleration = acceleration ?? VmAcceleration.Tcg;
    }

    /// <summary>The PATH a command in the VM (<see cref="RunOptions.Command"/>, <see cref="RunOptions.GuestCommand"/>) is looked up on.</summary>
    public static string CommandSearchPath => GuestInitScript.CommandSearchPath;

    /// <inheritdoc />
    public Task<RunResult> RunAsync(string modulePath, RunOptions options, RunOutput output, CancellationToken cancel) =>
        ToolchainException.FromMachineAsync(() => RunInVmAsync(modulePath, options, output, cancel));

    private async Task<RunResult> RunInVmAsync(string modulePath, RunOptions options, RunOutput output, CancellationToken cancel)
    {
        _toolchain.RequireForVm();
        if (options.Bulk && options.BulkDirectory is null)
        {
            throw new ArgumentException("a bulk run needs RunOptions.BulkDirectory for the per-CPU files", nameof(options));
        }

        GuestDisks.Validate(options.GuestDisks);
        if (_toolchain.KernelRelease != _tree.Release)
        {
            throw new ToolchainException(
                $"the build tree is for {_tree.Release} but the toolchain boots {_toolchain.KernelRelease}; rebuild the module for one release");
        }

        var module = Path.GetFullPath(modulePath);
        if (!File.Exists(module))
        {
            throw new FileNotFoundException($"module not found: {module}", module);
        }

        using var work = new TempDirectory("stapsharp-vm-");
        var markers = new GuestMarkers();
        var initrd = work.Combine("initrd.cpio.gz");
        await BuildInitramfsAsync(module, options, markers, initrd, work.Path, cancel).ConfigureAwait(false);
        // The images go with the run's folder.
        var disks = GuestDisks.Create(options.GuestDisks, work.Path);

        var launch = new QemuLaunch(_toolchain.QemuPath!, _toolchain.Kernel!.KernelImage!, initrd,
            options.GuestMemoryMb, work.Combine("console.log"), work.Combine("control.sock"))
        {
            Cpus = options.GuestCpus,
            Output = options.VmOutput,
            ShareHostFileSystem = options.ShareHostFileSystem,
            Disks = disks,
            Accelerator = _acceleration.Accelerator,
        };
        // staprun -o cannot reach the host from the guest: the host writes the same bytes to the file.
        await using var outputFile = options.OutputFile is { } path ? new FileStream(path, FileMode.Create, FileAccess.Write) : null;
        var sink = outputFile is null
            ? output
            : new RunOutput(async bytes =>
            {
                await outputFile.WriteAsync(bytes).ConfigureAwait(false);
                await output.OnOutput(bytes).ConfigureAwait(false);
            }, output.OnMessage);

        RunResult result;
        try
        {
            await using var machine = await QemuMachine.StartAsync(launch, cancel).ConfigureAwait(false);
            result = await new VmRunSession(machine, markers, options, sink).RunAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Cancelled while QEMU was starting: nothing ran yet.
            result = new RunResult(null, false, true, TimeSpan.Zero, TimeSpan.Zero) { Failure = "cancelled before the VM started" };
        }

        var console = ReadConsole(launch.ConsoleLogPath);
        if (options.Bulk && result.ExitCode is not null)
        {
            result = result with { BulkFiles = GuestBulkFiles.Extract(console, markers, options.BulkDirectory ?? work.Combine("bulk")) };
        }

        if (result.ExitCode is null && result.Failure is { } failure && !result.Cancelled)
        {
            result = result with { Failure = failure + PanicOf(console) + "\nguest console (last lines):\n" + Tail(console, 25) };
        }

        return options.Verbose ? result with { KernelLog = console } : result;
    }

    private async Task BuildInitramfsAsync(string module, RunOptions options, GuestMarkers markers, string initrd, string scratch, CancellationToken cancel)
    {
        var staprun = await GuestPrograms.StaprunAsync(_toolchain, cancel).ConfigureAwait(false);
        var image = GuestImage.CreateForStaprun(await GuestPrograms.BusyboxAsync(_toolchain, cancel).ConfigureAwait(false), staprun);
        var kernelModules = await AddKernelModulesAsync(image, options, scratch, cancel).ConfigureAwait(false);
        var guestModule = GuestImage.ModuleDirectory + "/" + Path.GetFileName(module);
        // staprun starts the guest command itself (as stap -c does) unless the run names its own target.
        var staprunStartsCommand = !string.IsNullOrWhiteSpace(options.GuestCommand) && options.Command is null && options.TargetPid is null;
        var directory = options.GuestWorkingDirectory ?? Environment.CurrentDirectory;
        string? OnHostFiles(string? command, bool execs) =>
            command is null || !options.ShareHostFileSystem ? command : GuestHostFileSystem.Wrap(command, directory, execs);
        var staprunOptions = options with
        {
            Command = staprunStartsCommand ? GuestInitScript.GuestCommandLauncher : OnHostFiles(options.Command, execs: true),
            BufferSizeMb = options.BufferSizeMb ?? GuestBufferSizeMb(options),
        };
        var plan = new GuestInitScript.RunPlan(
            ModuleName: Path.GetFileNameWithoutExtension(module),
            StaprunArguments: StaprunArguments.Build(guestModule, staprunOptions, includeOutputFile: false, bulkPrefix: GuestBulkFiles.GuestPrefix),
            GuestCommand: string.IsNullOrWhiteSpace(options.GuestCommand) ? null : OnHostFiles(options.GuestCommand.Trim(), execs: false),
            SettleDelay: options.GuestCommandDelay,
            IncludeKernelLog: options.Verbose)
        {
            Bulk = options.Bulk,
            KernelModules = kernelModules,
            Output = options.VmOutput,
            Disks = options.GuestDisks.Count,
            DiscardOutput = options.DiscardOutputInGuest,
            HostFileSystem = options.ShareHostFileSystem,
            ProbedHostFiles = options.ProbedHostFiles,
        };
        image.AddHostFile(guestModule, module, InitramfsBuilder.Regular);
        image.AddText("init", GuestInitScript.ForRun(plan, markers), InitramfsBuilder.Executable);
        image.WriteGzip(initrd);
    }

    /// <summary>The distribution kernel modules the output port, the host's files, the disks and the run itself need, added to <paramref name="image"/>.</summary>
    private async Task<IReadOnlyList<GuestKernelModule>> AddKernelModulesAsync(InitramfsBuilder image, RunOptions options, string scratch, CancellationToken cancel)
    {
        var names = GuestOutputPort.KernelModules(options.VmOutput)
            .Concat(options.ShareHostFileSystem ? GuestHostFileSystem.KernelModules : [])
            .Concat(options.GuestDisks.Count > 0 ? GuestDisks.KernelModules : [])
            .Concat(options.GuestKernelModules)
            .ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var index = KernelModuleIndex.Load(_toolchain.Kernel!.ModulesDir ?? Path.Combine("/lib/modules", _toolchain.KernelRelease!));
        return await GuestKernelModules.AddAsync(image, index.Directory, index.Resolve(names), scratch, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// stap's output buffer per CPU in the guest: a few seconds of what the output port carries (the UART about 1 MiB,
    /// virtio-serial stap's usual 16 MiB, a few seconds of what the guest's CPU can emit under TCG), at most an eighth of
    /// the guest's memory. Not more: stapio does not empty the buffer when the script stops, so what waits there then is
    /// lost without a warning, while output that finds the buffer full is counted (stap's "transport failures").
    /// </summary>
    internal static int GuestBufferSizeMb(RunOptions options)
    {
        var forPort = options.VmOutput == VmOutputChannel.Uart ? 1 : 16;
        return Math.Clamp(Math.Min(forPort, options.GuestMemoryMb / 8 / Math.Max(1, options.GuestCpus)), 1, 4095);
    }

    private static string ReadConsole(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Replace("\r", "") : ""; }
        catch (IOException) { return ""; }
    }

    /// <summary>The guest kernel's panic line (its stack trace fills the console's last lines), or "".</summary>
    internal static string PanicOf(string console) =>
        console.Split('\n').FirstOrDefault(line => line.Contains("Kernel panic - not syncing", StringComparison.Ordinal)) is { } panic
            ? $" (the guest kernel panicked: {panic[(panic.IndexOf("Kernel panic", StringComparison.Ordinal))..].Trim()})"
            : "";

    private static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));
}
