using System.Globalization;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Generates the guest's /init (busybox sh). Ports: ttyS0 kernel console and guest-command output; the output port
/// (see <see cref="GuestOutputPort"/>: a virtio-serial port, or the UART ttyS1) the script's output, raw bytes streamed
/// to the host; ttyS2 control: the guest writes progress markers there and reads requests from the host; ttyS3
/// staprun's stderr (its warnings and errors, kept out of the output bytes so they never land inside an event frame).
/// The final marker (exit code) goes on the output port once nothing else writes there, so it arrives after every
/// output byte; the guest then waits until the host says it has read it before it powers off, since neither port
/// holds the power-off back until the host has everything.
/// </summary>
internal static class GuestInitScript
{
    public const string ConsolePort = "/dev/ttyS0";
    /// <summary>The output port when it is the UART (and the kallsyms dump's).</summary>
    public const string UartOutputPort = "/dev/ttyS1";
    public const string ControlPort = "/dev/ttyS2";
    public const string MessagePort = "/dev/ttyS3";
    /// <summary>The line the host sends on the control port to stop staprun gracefully.</summary>
    public const string StopCommand = "stop";

    /// <summary>The line the host sends on the control port once it has read the exit-code marker: the guest may power off.</summary>
    public const string ReceivedCommand = "received";

    /// <summary>How long the guest waits for <see cref="ReceivedCommand"/> before it powers off all the same.</summary>
    private const int ReceivedWaitSeconds = 30;

    /// <summary>
    /// The descriptor /init reads the control port from, opened once for the whole run: the stop watcher and the final
    /// wait share it. Opening the port again can meet the last close of the one before and fail, and a failed
    /// redirection of exec ends /init, which the kernel does not survive.
    /// </summary>
    private const string ControlInput = "<&3";

    /// <summary>Redirections that keep the control and output ports from a command that has no business with them.</summary>
    private const string PortsClosed = "3<&- " + GuestOutputPort.Close;

    /// <summary>Where /init writes the guest command when staprun starts it.</summary>
    public const string GuestCommandFile = "/tmp/stapsharp-guest-command";

    /// <summary>
    /// staprun's <c>-c</c> for a guest command: staprun starts it once every probe is registered, which is later
    /// than the module going live (the probes are registered after that, the kprobes after the begin probes).
    /// </summary>
    public const string GuestCommandLauncher = "/bin/sh " + GuestCommandFile;

    /// <summary>Everything /init needs to run one module.</summary>
    /// <param name="ModuleName">The module name (file name without .ko): /sys/module/NAME shows its state.</param>
    /// <param name="StaprunArguments">staprun's arguments, module path and globals included.</param>
    /// <param name="GuestCommand">
    /// A shell command run once the probes are armed (busybox sh, or wrapped by <see cref="GuestHostFileSystem.Wrap"/>
    /// to run on the host's files); null for none.
    /// </param>
    /// <param name="SettleDelay">
    /// When staprun does not start the guest command (see <see cref="StaprunStartsGuestCommand"/>): the pause between
    /// "live" and the guest command, a guess at how long registering the probes takes.
    /// </param>
    /// <param name="IncludeKernelLog">Print dmesg on the console at the end.</param>
    public sealed record RunPlan(
        string ModuleName,
        IReadOnlyList<string> StaprunArguments,
        string? GuestCommand,
        TimeSpan SettleDelay,
        bool IncludeKernelLog)
    {
        /// <summary>staprun -b: the guest keeps per-CPU files and sends them on the console port after staprun exits.</summary>
        public bool Bulk { get; init; }

        /// <summary>Distribution kernel modules loaded, in this order, before anything else runs.</summary>
        public IReadOnlyList<GuestKernelModule> KernelModules { get; init; } = [];

        /// <summary>virtio disks whose device files /init waits for (their kernel modules must be in <see cref="KernelModules"/>).</summary>
        public int Disks { get; init; }

        /// <summary>The output port (its kernel modules must be in <see cref="KernelModules"/>).</summary>
        public VmOutputChannel Output { get; init; } = VmOutputChannel.VirtioSerial;

        /// <summary>staprun's output goes to /dev/null in the guest (measuring the guest alone); the exit code still reaches the host.</summary>
        public bool DiscardOutput { get; init; }

        /// <summary>
        /// Mount the host's file system (its kernel modules must be in <see cref="KernelModules"/>); the commands must
        /// already be wrapped to run in it (<see cref="GuestHostFileSystem.Wrap"/>).
        /// </summary>
        public bool HostFileSystem { get; init; }

        /// <summary>With <see cref="HostFileSystem"/>: the host files the probes name, seen as the host's own.</summary>
        public IReadOnlyList<string> ProbedHostFiles { get; init; } = [];

        /// <summary>
        /// The staprun arguments hold <see cref="GuestCommandLauncher"/> (as its -c): staprun starts the guest command
        /// when the probes are armed, and target() is its pid. Otherwise (the run has its own -c or -x) the command
        /// runs <see cref="SettleDelay"/> after the module is live. Read from the arguments, so the two cannot disagree.
        /// </summary>
        public bool StaprunStartsGuestCommand => StaprunArguments.Contains(GuestCommandLauncher);
    }

    /// <summary>/init that runs staprun, honours stop requests, reports its exit code, and powers off.</summary>
    public static string ForRun(RunPlan plan, GuestMarkers markers)
    {
        var script = new StringBuilder();
        AppendPrologue(script, markers);
        script.Append($"exec 3<{ControlPort}\n");
        GuestKernelModules.AppendLoad(script, plan.KernelModules, markers);
        GuestDisks.AppendWait(script, plan.Disks, markers);
        GuestOutputPort.AppendOpen(script, plan.Output, markers);
        if (plan.HostFileSystem)
        {
            GuestHostFileSystem.AppendMount(script, plan.ProbedHostFiles, markers);
        }

        if (plan.Bulk)
        {
            GuestBulkFiles.AppendPrepare(script);
        }

        var command = string.IsNullOrWhiteSpace(plan.GuestCommand) ? null : plan.GuestCommand.Trim();
        if (command is not null && plan.StaprunStartsGuestCommand)
        {
            // Its own output goes to the console so it never mixes with the script's output. Then it sleeps: staprun
            // stops when its -c command ends, and the run's end is the time limit's, exit()'s or the user's.
            script.Append("printf '%s\\n' ").Append(ShellQuote.Quote($"( {command} ) >{ConsolePort} 2>&1 {PortsClosed}"))
                .Append(' ').Append(ShellQuote.Quote($"exec sleep 2147483647 >/dev/null {PortsClosed}"))
                .Append(" >").Append(GuestCommandFile).Append('\n');
        }
        script.Append("staprun ").Append(ShellQuote.Join(plan.StaprunArguments))
            .Append($" {(plan.DiscardOutput ? ">/dev/null" : GuestOutputPort.Redirect)} 2>{MessagePort} &\n");
        script.Append("sp=$!\n");
        // A stop request becomes SIGINT for staprun: it unloads the module after the end probes ran.
        script.Append($"( while read -r cmd; do [ \"$cmd\" = {StopCommand} ] && kill -INT $sp; done ) {ControlInput} &\n");
        script.Append("watcher=$!\n");
        script.Append($"while kill -0 $sp 2>/dev/null && [ \"$(cat /sys/module/{plan.ModuleName}/initstate 2>/dev/null)\" != live ]; do sleep 0.1; done\n");
        script.Append($"if [ \"$(cat /sys/module/{plan.ModuleName}/initstate 2>/dev/null)\" = live ]; then\n");
        script.Append($"  echo '{markers.Live}' >{ControlPort}\n");
        if (command is not null && !plan.StaprunStartsGuestCommand)
        {
            script.Append("  sleep ").Append(plan.SettleDelay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('\n');
            script.Append("  ( ").Append(command).Append($" ) >{ConsolePort} 2>&1 {PortsClosed}\n");
        }
        script.Append("fi\n");
        script.Append("wait $sp\n");
        script.Append("rc=$?\n");
        script.Append("kill $watcher 2>/dev/null\n");
        if (plan.IncludeKernelLog)
        {
            script.Append($"dmesg >{ConsolePort}\n");
        }

        if (plan.Bulk)
        {
            GuestBulkFiles.AppendDump(script, markers);
        }
        // The control port stayed open, so the host's answer cannot come while it is closed.
        script.Append($"echo \"{markers.ExitCodeShell("rc")}\" {GuestOutputPort.Redirect}\n");
        script.Append($"while read -r -t {ReceivedWaitSeconds} cmd {ControlInput}; do [ \"$cmd\" = {ReceivedCommand} ] && break; done\n");
        AppendEpilogue(script);
        return script.ToString();
    }

    /// <summary>
    /// /init of a guest that serves ssh on the host's files (see <see cref="GuestSshServer"/>): the live marker says logins
    /// are accepted; it powers off when the host sends <see cref="StopCommand"/>.
    /// </summary>
    /// <param name="kernelModules">The network card's, the host files' (when shared) and any other modules, in load order.</param>
    /// <param name="onHostFiles">Logins run on the host's files (<see cref="GuestHostFileSystem"/>); false: on the image's own root.</param>
    public static string ForSshServer(IReadOnlyList<GuestKernelModule> kernelModules, string authorizedKey, GuestMarkers markers, bool onHostFiles)
    {
        var script = new StringBuilder();
        AppendPrologue(script, markers);
        script.Append($"exec 3<{ControlPort}\n");
        GuestKernelModules.AppendLoad(script, kernelModules, markers);
        if (onHostFiles)
        {
            GuestHostFileSystem.AppendMount(script, [], markers);
        }

        GuestSshServer.AppendStart(script, authorizedKey, markers, onHostFiles ? GuestHostFileSystem.Root : "");
        script.Append($"echo '{markers.Live}' >{ControlPort}\n");
        script.Append($"while read -r cmd {ControlInput}; do [ \"$cmd\" = {StopCommand} ] && break; done\n");
        AppendEpilogue(script);
        return script.ToString();
    }

    /// <summary>/init that writes the kernel's text symbols (System.map lines) to the output port.</summary>
    public static string ForKallsymsDump(GuestMarkers markers, string grepPattern)
    {
        var script = new StringBuilder();
        AppendPrologue(script, markers);
        script.Append($"grep -E {ShellQuote.Quote(grepPattern)} /proc/kallsyms >{UartOutputPort}\n");
        script.Append($"echo '{markers.Dumped}' >{UartOutputPort}\n");
        AppendEpilogue(script);
        return script.ToString();
    }

    /// <summary>/init that only reports it runs (the kernel booted) and powers off: the KVM probe's.</summary>
    public static string ForAcceleratorProbe(GuestMarkers markers)
    {
        var script = new StringBuilder();
        AppendPrologue(script, markers);
        script.Append("poweroff -f\n");
        return script.ToString();
    }

    /// <summary>Shell text that reports <paramref name="reason"/> (one line of plain words) to the host and powers off.</summary>
    internal static string FailAndPowerOff(GuestMarkers markers, string reason) =>
        $"{{ echo {ShellQuote.Quote(markers.Failed(reason))} >{ControlPort}; poweroff -f; }}";

    /// <summary>The guest's PATH, which its commands search. The /usr/local folders matter to commands run on the host's files.</summary>
    public const string CommandSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static void AppendPrologue(StringBuilder script, GuestMarkers markers)
    {
        script.Append("#!/bin/sh\n");
        script.Append($"export PATH={CommandSearchPath} TERM=dumb SYSTEMTAP_COLORS= HOME=/root\n");
        script.Append("mount -t proc proc /proc\n");
        script.Append("mount -t sysfs sysfs /sys\n");
        script.Append("mount -t devtmpfs dev /dev\n");
        script.Append("mount -t debugfs debugfs /sys/kernel/debug\n");
        script.Append("mount -t tmpfs tmpfs /tmp\n");
        // Raw output keeps the script's bytes as they are; no echo keeps host requests off the wire.
        script.Append($"stty -F {UartOutputPort} raw -echo 2>/dev/null\n");
        script.Append($"stty -F {ControlPort} -echo 2>/dev/null\n");
        script.Append($"stty -F {MessagePort} -echo 2>/dev/null\n");
        script.Append($"echo '{markers.Up}' >{ControlPort}\n");
    }

    private static void AppendEpilogue(StringBuilder script)
    {
        script.Append("sync\n");
        script.Append("sleep 0.2\n"); // margin for the UARTs before the machine stops
        script.Append("poweroff -f\n");
    }
}
