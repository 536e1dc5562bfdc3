using System.Collections.Concurrent;
using System.Diagnostics;
using StapSharp.Runtime.Build;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace StapSharp.Runtime.Tests.Targets;

/// <summary>Tier "vm": real modules run by staprun in a QEMU guest booting the distribution kernel.</summary>
[Collection(VmCollection.Name)]
public class VmTargetTests(BuiltModules modules, ITestOutputHelper log)
{
    private const string Hello = "probe begin { println(\"hello from the guest\") exit() }\n";
    private const string Timer = "probe timer.s(1) { println(\"tick\") }\nprobe end { println(\"bye\") }\n";
    private const string Mkdir = "probe syscall.mkdir { println(\"mkdir \", argstr) }\n";

    private async Task<(RunResult Result, List<(TimeSpan At, string Line)> Lines)> RunAsync(
        string moduleName, string script, RunOptions options, Action<string, CancellationTokenSource>? onLine = null)
    {
        var module = await modules.ModuleAsync(moduleName, script);
        var target = new VmTarget(modules.Toolchain, await modules.TreeAsync());
        var lines = new List<(TimeSpan, string)>();
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var result = await target.RunAsync(module, options, line =>
        {
            lines.Add((clock.Elapsed, line));
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}");
            onLine?.Invoke(line, cancel);
            return ValueTask.CompletedTask;
        }, cancel.Token);
        log.WriteLine($"{result} (round trip {clock.Elapsed.TotalSeconds:0.0} s)");
        return (result, lines);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Begin_probe_output_streams_back_and_staprun_exits_0()
    {
        var (result, lines) = await RunAsync("stapsharp_hello", Hello, new RunOptions { TimeLimit = TimeSpan.FromSeconds(60) });

        Assert.Contains("hello from the guest", lines.Select(l => l.Line));
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Null(result.Failure);
        Assert.True(result.BootTime > TimeSpan.Zero);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Time_limit_stops_the_script_gracefully_so_end_probes_run()
    {
        var (result, lines) = await RunAsync("stapsharp_timer", Timer, new RunOptions { TimeLimit = TimeSpan.FromSeconds(4) });

        var text = lines.Select(l => l.Line).ToList();
        Assert.True(text.Count(l => l == "tick") >= 2, string.Join('\n', text));
        Assert.Equal("bye", text.Last());
        Assert.True(result.TimedOut);
        Assert.False(result.Cancelled);
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Lines_arrive_while_the_script_runs_not_at_the_end()
    {
        var (_, lines) = await RunAsync("stapsharp_timer", Timer, new RunOptions { TimeLimit = TimeSpan.FromSeconds(4) });
        var ticks = lines.Where(l => l.Line == "tick").Select(l => l.At).ToList();
        Assert.True(ticks.Count >= 2);
        Assert.True(ticks[^1] - ticks[0] >= TimeSpan.FromSeconds(1), "ticks were delivered in one burst");
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Guest_command_fires_syscall_probes_through_the_real_system_map()
    {
        var (result, lines) = await RunAsync("stapsharp_mkdir", Mkdir, new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(5),
            GuestCommand = "mkdir /tmp/stapsharp-probe",
        });

        Assert.Contains(lines, l => l.Line.StartsWith("mkdir ") && l.Line.Contains("\"/tmp/stapsharp-probe\""));
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Staprun_starts_the_guest_command_once_the_probes_are_armed_so_its_first_call_is_seen()
    {
        // No settle delay: the command's first mkdir comes at once, and only staprun -c waits for the kprobes.
        var (result, lines) = await RunAsync("stapsharp_mkdir_target", "probe begin { println(\"target \", target()) }\n" + Mkdir, new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(4),
            GuestCommand = "mkdir /tmp/first",
            GuestCommandDelay = TimeSpan.Zero,
        });

        Assert.Contains(lines, l => l.Line.StartsWith("mkdir ") && l.Line.Contains("\"/tmp/first\""));
        // target() is the command's shell, as with stap -c.
        var target = Assert.Single(lines, l => l.Line.StartsWith("target ")).Line;
        Assert.True(int.Parse(target["target ".Length..]) > 1, target);
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Cancellation_after_the_first_line_still_delivers_end_probe_output()
    {
        var (result, lines) = await RunAsync("stapsharp_timer", Timer, new RunOptions(),
            onLine: (line, cancel) => { if (line == "tick") { cancel.Cancel(); } });

        var text = lines.Select(l => l.Line).ToList();
        Assert.Equal("tick", text[0]);
        Assert.Equal("bye", text.Last());
        Assert.True(result.Cancelled);
        Assert.False(result.TimedOut);
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Verbose_returns_the_guest_kernel_log_and_output_file_gets_the_lines()
    {
        using var temp = new TempDir();
        var outputFile = temp.Combine("out.txt");
        var (result, _) = await RunAsync("stapsharp_hello", Hello, new RunOptions { Verbose = true, OutputFile = outputFile });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Linux version", result.KernelLog);
        Assert.Contains("hello from the guest", File.ReadAllText(outputFile));
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Requested_kernel_modules_are_loaded_with_their_dependencies_before_the_script_runs()
    {
        var (result, _) = await RunAsync("stapsharp_timer", Timer, new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(2),
            GuestKernelModules = ["9p"],
            GuestCommand = "cat /proc/modules",
            Verbose = true,
        });

        Assert.Equal(0, result.ExitCode);
        // /proc/modules lists the newest first: 9p was loaded after what it needs.
        var loaded = result.KernelLog!.Split('\n').Select(l => l.Split(' ')[0]).Where(n => n is "9p" or "9pnet" or "fscache" or "netfs").ToList();
        Assert.Equal(["9p", "fscache", "netfs", "9pnet"], loaded);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task A_kernel_module_that_cannot_load_fails_the_run_with_its_name_and_insmods_error()
    {
        // dell-smm-hwmon refuses machines that are not Dell laptops, as QEMU's is not.
        var (result, lines) = await RunAsync("stapsharp_hello", Hello, new RunOptions { GuestKernelModules = ["dell-smm-hwmon"] });

        Assert.Null(result.ExitCode);
        Assert.Contains("the guest could not load the kernel module dell_smm_hwmon (insmod failed)", result.Failure);
        Assert.Contains("insmod", result.Failure!.Split("guest console")[1]);
        Assert.DoesNotContain("hello from the guest", lines.Select(l => l.Line));
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task A_host_python_runs_in_the_guest_and_its_sdt_marker_fires_under_the_hosts_path()
    {
        const string script = """
            probe process("/usr/bin/python3.11").mark("function__entry") {
              if (user_string($arg2) == "stapsharp_probe_me") { println("entered ", user_string($arg2)) exit() }
            }
            """;
        var (result, lines) = await RunAsync("stapsharp_python_mark", script, new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(120),
            ShareHostFileSystem = true,
            ProbedHostFiles = UserSpaceProbeFiles.Find(script),
            // python3 is a link to python3.11 on the host: the probe names the file, the command the link. Python 3.11
            // marks a function's entry only while a profile function is set (or a generator is thrown into).
            GuestCommand = "python3 -c 'import sys; sys.setprofile(lambda *a: None); exec(\"def stapsharp_probe_me(): pass\\nstapsharp_probe_me()\")'",
        });

        Assert.Equal(["/usr/bin/python3.11"], UserSpaceProbeFiles.Find(script));
        Assert.Contains("entered stapsharp_probe_me", lines.Select(l => l.Line));
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task A_program_just_compiled_on_the_host_runs_from_its_folder_under_a_function_probe_and_its_writes_stay_in_the_guest()
    {
        using var temp = new TempDir();
        temp.Write("prog.c", """
            #include <stdio.h>
            __attribute__((noinline)) int work(int n) { return n * 2; }
            int main(void) {
                int n = 0;
                FILE *f = fopen("written-in-the-guest.txt", "w");
                if (!f) return 2;
                fprintf(f, "21\n");
                fclose(f);
                f = fopen("written-in-the-guest.txt", "r");
                if (!f || fscanf(f, "%d", &n) != 1) return 3;
                fclose(f);
                return work(n) == 42 ? 0 : 1;
            }
            """);
        using (var gcc = Process.Start("gcc", ["-g", "-O0", "-o", temp.Combine("prog"), temp.Combine("prog.c")]))
        {
            await gcc.WaitForExitAsync();
            Assert.Equal(0, gcc.ExitCode);
        }
        var script = $$"""
            probe process("{{temp.Combine("prog")}}").function("work") { println("work n=", $n) exit() }
            """;

        var (result, lines) = await RunAsync("stapsharp_host_prog", script, new RunOptions
        {
            TimeLimit = TimeSpan.FromSeconds(120),
            ShareHostFileSystem = true,
            ProbedHostFiles = UserSpaceProbeFiles.Find(script),
            GuestWorkingDirectory = temp.Path,
            GuestCommand = "./prog",
        });

        // 21 was written to a file and read back in the guest, in the host's folder, which did not change.
        Assert.Contains("work n=21", lines.Select(l => l.Line));
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(temp.Combine("written-in-the-guest.txt")));
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Kvm_is_tried_once_per_host_and_where_it_hangs_the_run_falls_back_to_tcg_with_a_notice()
    {
        using var cache = new TempDir();
        var clock = Stopwatch.StartNew();
        var first = await VmAcceleration.ChooseAsync(modules.Toolchain, null, CancellationToken.None, cache.Path);
        var probe = clock.Elapsed;
        var second = await VmAcceleration.ChooseAsync(modules.Toolchain, null, CancellationToken.None, cache.Path);
        log.WriteLine($"{first} in {probe.TotalSeconds:0.0} s\n{second} in {(clock.Elapsed - probe).TotalSeconds:0.000} s");

        Assert.Equal(first with { FromCache = second.FromCache }, second);
        if (!File.Exists("/dev/kvm"))
        {
            Assert.Equal(VmAcceleration.Tcg, first);
        }
        else
        {
            // The verdict is kept: the second call pays no probe boot.
            Assert.False(first.FromCache);
            Assert.True(second.FromCache);
            if (first.Accelerator == VmAccelerator.Tcg)
            {
                Assert.Matches(@"^KVM .+ \(checked once, kept in .+\): the VM runs under TCG, which is slower$", first.Notice);
            }
            else
            {
                Assert.Null(first.Notice);
            }
        }

        var target = new VmTarget(modules.Toolchain, await modules.TreeAsync(), second);
        var lines = new List<string>();
        var result = await target.RunAsync(await modules.ModuleAsync("stapsharp_hello", Hello), new RunOptions { TimeLimit = TimeSpan.FromSeconds(60) },
            line => { lines.Add(line); return ValueTask.CompletedTask; }, CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hello from the guest", lines);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task No_temporary_directories_are_left_behind()
    {
        static string[] Leftovers() => Directory.GetDirectories(Path.GetTempPath(), "stapsharp-vm-*");
        var before = Leftovers();
        await RunAsync("stapsharp_hello", Hello, new RunOptions());

        // Other VM runs (tests of other classes run in parallel) may hold folders of their own right now:
        // those go when their runs end; one this run left behind never does.
        var left = Leftovers().Except(before).ToList();
        for (var waited = 0; left.Count > 0 && waited < 600; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            left = left.Where(Directory.Exists).ToList();
        }

        Assert.Empty(left);
    }

    [RequiresToolFact(ToolTier.Vm)]
    public async Task Output_bytes_arrive_exactly_and_staprun_messages_arrive_apart_from_them()
    {
        // A line cut by a warning, a newline inside a string, a frame mark and invalid UTF-8.
        const string script = "probe begin { printf(\"a\\nb\"); warn(\"careful\"); printf(\"%s\\n\", \"c\\n\\036\\377\"); exit() }\n";
        var module = await modules.ModuleAsync("stapsharp_bytes", script);
        var target = new VmTarget(modules.Toolchain, await modules.TreeAsync());
        var bytes = new List<byte>();
        var messages = new List<string>();
        var result = await target.RunAsync(module, new RunOptions { TimeLimit = TimeSpan.FromSeconds(60) }, new RunOutput(
            chunk => { bytes.AddRange(chunk.ToArray()); return ValueTask.CompletedTask; },
            line => { messages.Add(line); return ValueTask.CompletedTask; }), CancellationToken.None);
        log.WriteLine($"{result}; messages: {string.Join(" | ", messages)}");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new byte[] { (byte)'a', (byte)'\n', (byte)'b', (byte)'c', (byte)'\n', 0x1E, 0xFF, (byte)'\n' }, bytes.ToArray());
        Assert.Contains(messages, m => m.Contains("careful"));
    }
}
