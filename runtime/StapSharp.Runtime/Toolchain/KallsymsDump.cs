using System.Diagnostics;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// Boots the target kernel once in QEMU and reads its text symbols from /proc/kallsyms:
/// Debian ships a stub System.map, but stap needs real addresses for kprobe/nd_syscall probes.
/// </summary>
internal static class KallsymsDump
{
    /// <summary>A real kernel has tens of thousands of text symbols; fewer means the dump broke.</summary>
    public const int MinimumSymbols = 10_000;

    public static Task<IReadOnlyList<string>> ReadAsync(
        StapToolchain toolchain, TimeSpan bound, IProgress<string>? progress, CancellationToken cancel) =>
        ToolchainException.FromMachineAsync(() => DumpAsync(toolchain, bound, progress, cancel));

    private static async Task<IReadOnlyList<string>> DumpAsync(
        StapToolchain toolchain, TimeSpan bound, IProgress<string>? progress, CancellationToken cancel)
    {
        var kernelImage = toolchain.Kernel?.KernelImage
            ?? throw new ToolchainException("no kernel image to boot for the symbol table", "apt-get install linux-image-amd64");
        var qemu = toolchain.QemuPath
            ?? throw new ToolchainException("QEMU is needed to read the kernel's symbol table", "apt-get install qemu-system-x86");

        using var work = new TempDirectory("stapsharp-kallsyms-");
        var markers = new GuestMarkers();
        var image = GuestImage.CreateBase(await GuestPrograms.BusyboxAsync(toolchain, cancel).ConfigureAwait(false));
        image.AddText("init", GuestInitScript.ForKallsymsDump(markers, KallsymsFilter.GrepPattern), InitramfsBuilder.Executable);
        var initrd = work.Combine("kallsyms.cpio.gz");
        image.WriteGzip(initrd);

        progress?.Report($"booting {toolchain.KernelRelease} once to read /proc/kallsyms (TCG, ~20-60 s)");
        var launch = new QemuLaunch(qemu, kernelImage, initrd, 512, work.Combine("console.log"), work.Combine("control.sock"));
        var symbols = new List<string>();
        var dumped = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(bound);
        var stopwatch = Stopwatch.StartNew();
        await using (var machine = await QemuMachine.StartAsync(launch, deadline.Token).ConfigureAwait(false))
        {
            try
            {
                var lines = new LineAssembler(line =>
                {
                    if (line.Trim() == markers.Dumped)
                    {
                        dumped = true;
                    }
                    else if (KallsymsFilter.IsSystemMapLine(line))
                    {
                        symbols.Add(line);
                    }

                    return ValueTask.CompletedTask;
                });
                await foreach (var guestEvent in machine.Events.ReadAllAsync(deadline.Token).ConfigureAwait(false))
                {
                    if (guestEvent is GuestEvent.Output(var bytes))
                    {
                        await lines.WriteAsync(bytes).ConfigureAwait(false);
                    }
                }
                await lines.FlushAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                throw new ToolchainException(
                    $"the guest kernel did not dump its symbols within {bound.TotalSeconds:0} s; console:\n{Tail(launch.ConsoleLogPath)}");
            }
        }
        if (!dumped || symbols.Count < MinimumSymbols)
        {
            throw new ToolchainException(
                $"reading /proc/kallsyms in the guest failed ({symbols.Count} symbols); console:\n{Tail(launch.ConsoleLogPath)}");
        }

        progress?.Report($"read {symbols.Count} kernel symbols in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return symbols;
    }

    private static string Tail(string path)
    {
        try { return string.Join('\n', File.ReadAllLines(path).TakeLast(20)); }
        catch (IOException) { return "(no console log)"; }
    }
}
