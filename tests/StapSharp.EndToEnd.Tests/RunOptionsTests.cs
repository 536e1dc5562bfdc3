using System.Diagnostics;

namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp run` options with SystemTap's meanings, for real in the VM: -c CMD and Ctrl-C.</summary>
public sealed class RunOptionsTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task Command_runs_under_the_script_as_its_target_and_ends_it()
    {
        using var temp = new TempFolder();
        var source = temp.Write("TargetMkdir.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class TargetMkdir : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter(string argstr)
                {
                    if (Pid() == Target())
                        Println($"target mkdir {argstr}");
                }

                [Probe("end")]
                void End() => Println("end");
            }
            """);

        // No -T: the script must stop by itself when the command exits.
        var result = await CliRunner.RunAsync(Long, "run", source, "--vm", "-c", "/bin/mkdir /tmp/stapsharp-target");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["target mkdir \"/tmp/stapsharp-target\", 0777", "end"], result.StdoutLines);
        Assert.DoesNotContain("time limit", result.Stderr, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task Interrupt_stops_the_script_and_still_runs_its_end_probe()
    {
        using var temp = new TempFolder();
        var source = temp.Write("Ticks.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class Ticks : ProbeScript
            {
                static long ticks;

                [Probe("timer.s(1)")]
                void Tick() => Println($"tick {++ticks}");

                [Probe("end")]
                void End() => Println($"end after {ticks}");
            }
            """);
        using var process = Process.Start(CliRunner.StartInfo("run", source, "--vm", "-T", "300"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Long);

        // Interrupt (as Ctrl-C does) once the first tick is out.
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line == "tick 1")
            {
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                await kill.WaitForExitAsync(timeout.Token);
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        var diagnostics = $"stdout:\n{string.Join('\n', lines)}\nstderr:\n{await stderr}";
        Assert.True(process.ExitCode == 0, diagnostics);
        Assert.Equal("tick 1", lines[0]);
        Assert.Matches("^end after [1-9][0-9]*$", lines[^1]);
        Assert.True(lines.Count < 30, diagnostics); // stopped long before -T 300
        Assert.Contains("stopping: running the end probes", await stderr, StringComparison.Ordinal);
    }
}
