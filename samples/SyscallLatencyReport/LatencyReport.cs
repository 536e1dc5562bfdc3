using Spectre.Console;
using StapSharp.Runtime.Rendering;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace SyscallLatencyReport;

/// <summary>Build SyscallLatency (translated when this program was built) and run it through a <see cref="ScriptSession"/>, aggregate its stream, report.</summary>
internal sealed class LatencyReport(IAnsiConsole output, TextWriter status)
{
    public async Task<int> RunAsync(ReportOptions options, CancellationToken stop)
    {
        // The script the generator translated from the class when this program was built: nothing is translated here.
        var script = StapScript.From(Samples.SyscallLatency.Script);
        var session = ScriptSession.Open(TargetChoice.Auto);
        Status(session.Target.UsesVm
            ? $"running in a QEMU VM{(session.Target.FallbackReason is { } reason ? $" ({reason})" : "")}"
            : "running on this kernel");

        var progress = new Progress<string>(line => Status("  " + WithoutStatistics(line)));
        Status($"building {script.ModuleName} (the first build of a script takes a minute or two)");
        var build = await session.BuildAsync(script, progress, stop);
        if (!build.Succeeded)
        {
            throw new ReportError($"stap could not build the module:{Environment.NewLine}{build.Result.Stderr.TrimEnd()}");
        }

        Status($"measuring for {options.Seconds} s");
        var runOptions = new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(options.Seconds),
            GuestCommand = session.Target.UsesVm ? options.VmCommand : null,
        };
        var collector = new LatencyCollector();
        var run = session.Stream(build, runOptions, stop);
        await foreach (var line in run.ReadLinesAsync(CancellationToken.None))
        {
            collector.AddLine(line);
        }

        var result = await run.Completion;
        if (result.Failure is { } failure)
        {
            throw new ReportError($"the run failed: {failure}");
        }

        if (result.ExitCode != 0)
        {
            throw new ReportError($"staprun exited with {result.ExitCode}");
        }

        new ReportWriter(output).Write(collector, result.RunTime);
        if (options.SvgPath is { } svgPath)
        {
            WriteSvg(collector, svgPath, options.Seconds);
        }

        return collector.MalformedLines == 0 ? 0 : 1;
    }

    private void WriteSvg(LatencyCollector collector, string path, int seconds)
    {
        if (collector.All.Samples is not { Count: > 0 } samples)
        {
            Status($"no system calls measured: {path} not written");
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, LatencySvgPlot.Render(samples, $"System call latency over {seconds} s"));
        Status($"latency plot written to {full}");
    }

    /// <summary>stap's pass lines without their memory and timing figures.</summary>
    private static string WithoutStatistics(string passLine)
    {
        var cut = passLine.IndexOf(" using ", StringComparison.Ordinal);
        return cut > 0 ? passLine[..cut] : passLine;
    }

    private void Status(string text) => status.WriteLine($"report: {text}");
}
