using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Targets;

/// <summary>How to run a module: staprun's options plus the VM's knobs.</summary>
public sealed record RunOptions
{
    /// <summary>Stop the script (gracefully: end probes run) this long after its probes are armed (stap -T).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// Also write the output to this host file (staprun -o). Locally staprun writes it; for the VM the
    /// host writes the streamed bytes exactly. The output still reaches the caller in the VM; locally only
    /// staprun's messages do when this is set.
    /// </summary>
    public string? OutputFile { get; init; }

    /// <summary>staprun -c: run this command, target() is its pid, stop when it exits.</summary>
    public string? Command { get; init; }

    /// <summary>staprun -x: target() is this pid.</summary>
    public int? TargetPid { get; init; }

    /// <summary>staprun -v; for the VM also return the guest kernel log in <see cref="RunResult.KernelLog"/>.</summary>
    public bool Verbose { get; init; }

    /// <summary>Script globals set at load time (staprun module.ko name=value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ModuleGlobals { get; init; } = [];

    /// <summary>
    /// Bulk mode: one output file per CPU instead of one stream. The module must be built with stap -b (staprun
    /// finds that out from the module).
    /// VM only: the per-CPU files are copied to <see cref="BulkDirectory"/> after staprun exits; nothing streams live.
    /// </summary>
    public bool Bulk { get; init; }

    /// <summary>With <see cref="Bulk"/>: the host folder that receives the per-CPU files (<c>cpu_0</c>, <c>cpu_1</c>, ...).</summary>
    public string? BulkDirectory { get; init; }

    /// <summary>VM only: virtual CPUs (bulk runs use 2 so there is more than one per-CPU file).</summary>
    public int GuestCpus { get; init; } = 1;

    /// <summary>
    /// VM only: a busybox sh command run in the guest to make probes fire. staprun starts it (as its -c command)
    /// once every probe is armed, so its first call is seen, and target() is its pid. With a <see cref="Command"/>
    /// or <see cref="TargetPid"/> of the run's own, it runs <see cref="GuestCommandDelay"/> after the module is live.
    /// </summary>
    public string? GuestCommand { get; init; }

    /// <summary>VM only, with a <see cref="Command"/> or <see cref="TargetPid"/>: pause between "module live" and <see cref="GuestCommand"/>.</summary>
    public TimeSpan GuestCommandDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// VM only: distribution kernel modules to load in the guest before staprun starts, by name ("virtio_blk";
    /// '-' and '_' are the same), each with what it depends on (from the release's modules.dep), so a script can probe
    /// them or the devices they drive. Modules compiled into the kernel are skipped.
    /// </summary>
    public IReadOnlyList<string> GuestKernelModules { get; init; } = [];

    /// <summary>
    /// VM only: the guest sees this host's file system, read-only, with a writable layer of its own that vanishes with
    /// the VM; the guest command and the <see cref="Command"/> run in it, from <see cref="GuestWorkingDirectory"/>, so
    /// host programs (python3, a binary just built) run under the probes and <c>process("/usr/bin/python3.11")</c>
    /// names the same file on both sides. Off: they run in the VM's own minimal system (busybox).
    /// </summary>
    public bool ShareHostFileSystem { get; init; }

    /// <summary>With <see cref="ShareHostFileSystem"/>: the folder commands start in (default: this process's current directory).</summary>
    public string? GuestWorkingDirectory { get; init; }

    /// <summary>
    /// With <see cref="ShareHostFileSystem"/>: host files the script's user-space probes name (absolute, links resolved).
    /// The guest sees them as the host's own files, which uprobes need; the rest of the host's files come through the
    /// writable layer. <see cref="Sessions.ScriptSession"/> fills it from the script's process("...") probes.
    /// </summary>
    public IReadOnlyList<string> ProbedHostFiles { get; init; } = [];

    /// <summary>
    /// VM only: virtio disks attached to the guest, /dev/vda first, each a throw-away sparse file; a disk with a
    /// <see cref="VmDisk.Fault"/> fails the chosen reads or writes (QEMU's blkdebug), to test probes that track I/O
    /// errors. The guest loads virtio_blk for them and waits for their device files before staprun starts.
    /// </summary>
    public IReadOnlyList<VmDisk> GuestDisks { get; init; } = [];

    /// <summary>VM only: how the output leaves the guest.</summary>
    public VmOutputChannel VmOutput { get; init; } = VmOutputChannel.VirtioSerial;

    /// <summary>
    /// stap's output buffer in MiB (staprun -b; per CPU), where output waits while the reader catches up: output
    /// that finds it full is lost. Null: the module's own size locally; in the VM, a quarter of the guest's memory.
    /// </summary>
    public int? BufferSizeMb { get; init; }

    /// <summary>
    /// VM only, for measuring what the guest alone sustains: staprun's output goes to /dev/null in the guest and
    /// nothing of it reaches the host (staprun's messages and the exit code still do).
    /// </summary>
    internal bool DiscardOutputInGuest { get; init; }

    /// <summary>VM only: guest memory in MiB.</summary>
    public int GuestMemoryMb { get; init; } = 512;

    /// <summary>VM only: bound on booting until the guest's /init runs.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>After a stop request (time limit, cancellation): how long end probes may take before a hard kill.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(30);
}
