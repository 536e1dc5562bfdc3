using System.CommandLine;

namespace StapSharp.Cli;

/// <summary>A command line shown under --help, and what it does.</summary>
internal sealed record HelpExample(string What, string CommandLine);

/// <summary>
/// The examples --help shows, per command (the tool's own name for the root). Kept together so they read as
/// one guide; a test parses every one with the real command line, so an example cannot go stale.
/// </summary>
internal static class HelpExamples
{
    private static readonly Dictionary<string, HelpExample[]> ByCommand = new(StringComparer.Ordinal)
    {
        [ToolName.Value] =
        [
            new("Translate a probe script (a class deriving from ProbeScript) to Trace.stp", $"{ToolName.Value} build Trace.cs"),
            new("Build its module and run it for 10 seconds", $"{ToolName.Value} run Trace.cs -T 10"),
            new("What is installed, and the apt-get line for what is missing", $"{ToolName.Value} doctor"),
        ],
        ["build"] =
        [
            new("Translate one file; writes one .stp per probe class into this folder", $"{ToolName.Value} build Trace.cs"),
            new("Every probe class of a project, into out/", $"{ToolName.Value} build MyProbes/MyProbes.csproj -o out"),
        ],
        ["build-server"] =
        [
            new("Stop the process that keeps the translator ready between builds (it ends by itself after ten idle minutes)", $"{ToolName.Value} build-server stop"),
        ],
        ["check"] =
        [
            new("Resolve the probe points and tapset functions with stap -p2", $"{ToolName.Value} check Trace.cs"),
            new("Only parse the emitted script (stap -p1)", $"{ToolName.Value} check Trace.cs -p 1"),
            new("A plain SystemTap script, as it is, with the arguments it reads as $1 and @2", $"{ToolName.Value} check trace.stp -- 500 bash"),
        ],
        ["run"] =
        [
            new("Run for 10 seconds on this kernel, or in a QEMU VM when it cannot load modules", $"{ToolName.Value} run Trace.cs -T 10"),
            new("In the VM, with a command that makes the probes fire", $"{ToolName.Value} run MkdirTrace.cs --vm --vm-command \"mkdir /tmp/d; mkdir /tmp/d\" -T 5"),
            new("Test error-tracking probes on a VM disk whose writes fail with EIO after the first 3",
                $"{ToolName.Value} run BlockErrors.cs --vm-disk 64M,fault=eio,on=write,after=3 --vm-command \"dd if=/dev/zero of=/dev/vda bs=4k count=8 oflag=direct\" -T 20"),
            new("Trace one command; target() is its pid and the script stops when it exits", $"{ToolName.Value} run Trace.cs --local -c \"ls /\""),
            new("Typed events as JSON lines, one object per event, also on a terminal", $"{ToolName.Value} run MkdirEvents.cs --format jsonl -T 10"),
            new("Pass the script's arguments ($1, $2) to its [ScriptArgument] fields", $"{ToolName.Value} run Trace.cs -- 500 bash"),
            new("Run a plain SystemTap script as it is (it prints text: tables, CSV and aggregates need a probe class)", $"{ToolName.Value} run trace.stp -T 10 -- 500 bash"),
            new("Save the output to decode it later, anywhere, with `decode`", $"{ToolName.Value} run MkdirEvents.cs -T 60 -o mkdir.capture"),
            new("Count events per process and name, the 10 busiest groups, live on a terminal", $"{ToolName.Value} run SyscallEvents.cs --group-by pid,name --top 10 -T 10"),
            new("Exact latency percentiles per system call, and a plot of them", $"{ToolName.Value} run SyscallLatency.cs --group-by name --percentiles latencyNs --svg latency.svg -T 10"),
            new("A linear histogram of a field, as stap's @hist_linear prints it", $"{ToolName.Value} run ReadSizes.cs --histogram bytes --histogram-linear 0,4096,256 -T 10"),
            new("Serve the latency aggregates for Prometheus at http://127.0.0.1:9464/metrics while the run goes on",
                $"{ToolName.Value} run SyscallLatency.cs --group-by name --percentiles latencyNs --serve-metrics 9464 -T 600"),
            new("Export them as OpenTelemetry metrics to a collector (OTLP http/protobuf)",
                $"{ToolName.Value} run SyscallLatency.cs --group-by name --histogram latencyNs --otlp http://localhost:4318 -T 600"),
            new("Profile for 10 seconds: the events' stacks folded for flamegraph.pl or speedscope, and a flame graph",
                $"{ToolName.Value} run StackProfile.cs --folded profile.folded --flame profile.svg -T 10"),
        ],
        ["decode"] =
        [
            new("A capture saved with run -o, as JSON lines (a damaged frame is counted and skipped)", $"{ToolName.Value} decode mkdir.capture --format jsonl"),
            new("The same capture aggregated: events per process name, the 10 busiest", $"{ToolName.Value} decode syscalls.capture --group-by name --top 10"),
            new("Exact latency percentiles per system call, and a plot of them", $"{ToolName.Value} decode latency.capture --group-by name --percentiles latencyNs --svg latency.svg"),
        ],
        ["list"] =
        [
            new("The mkdir system call probes, their variables, and the C# handler for each", $"{ToolName.Value} list 'syscall.mkdir*'"),
            new("Kernel functions by wildcard, with their target variables (needs the kernel's debuginfo)", $"{ToolName.Value} list 'kernel.function(\"do_mkdir*\")'"),
            new("As JSON, for tools", $"{ToolName.Value} list 'kernel.trace(\"block_rq_*\")' --json"),
        ],
        ["doctor"] =
        [
            new("Which tools are present, which are missing, and the apt-get line that installs them", $"{ToolName.Value} doctor"),
        ],
        ["errno"] =
        [
            new("A number as a syscall returns it: prints 17, EEXIST and glibc's message", $"{ToolName.Value} errno -17"),
            new("A name", $"{ToolName.Value} errno EWOULDBLOCK"),
            new("Every Linux error number, name and message", $"{ToolName.Value} errno --all"),
        ],
    };

    /// <summary>The examples of <paramref name="command"/>; none for a command without any.</summary>
    public static IReadOnlyList<HelpExample> For(Command command) =>
        ByCommand.TryGetValue(command.Name, out var examples) ? examples : [];

    /// <summary>Every command name with examples, for the tests.</summary>
    public static IReadOnlyCollection<string> Commands => ByCommand.Keys;
}
