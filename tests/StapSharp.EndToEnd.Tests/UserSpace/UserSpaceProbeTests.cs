using System.Diagnostics;
using System.Text.RegularExpressions;
using StapSharp.Cli;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests.UserSpace;

/// <summary>
/// User-space probes on a C program of this machine, built with <c>gcc -g -O0</c>: function entry with target
/// variables, <c>.return</c> with <c>$return</c> and <c>@entry</c>, a <c>.statement</c>, an SDT marker,
/// <c>process.begin</c>/<c>.end</c>, user-space symbols and backtraces, and <c>-c</c> with <c>target()</c>,
/// built once and run once in the VM.
/// </summary>
public sealed partial class UserSpaceProbeTests(UserSpaceProbeTests.ProgramRun run) : IClassFixture<UserSpaceProbeTests.ProgramRun>
{
    // Guards against a hung process, not timing asserts: a cold module build and a TCG boot take minutes on a busy machine.
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    /// <summary>Computes 1²+2², 2²+3², 3²+4² (5, 13, 25) and their total 43, and marks the total.</summary>
    private const string ProgramSource = """
        #include <stdio.h>
        #include <sys/sdt.h>

        struct rect { long w; long h; };

        static int square_sum(int a, int b)
        {
            int s = a * a + b * b;
            return s;
        }

        static long area(const struct rect *r)
        {
            return r->w * r->h;
        }

        static long run(const char *label, int n)
        {
            long total = 0;
            for (int i = 1; i <= n; i++)
                total += square_sum(i, i + 1);
            DTRACE_PROBE2(prog, done, label, total);
            return total;
        }

        int main(void)
        {
            char label[] = "squares"; /* on the stack: a page the probe can read at run's entry */
            struct rect r = { 6, 7 };
            printf("total %ld area %ld\n", run(label, 3), area(&r));
            return 0;
        }
        """;

    private const string ProbeSource = """
        using StapSharp;
        using static StapSharp.Stap;

        public sealed class ProgTrace : ProbeScript
        {
            [Probe("process(\"PROGRAM\").begin")]
            void Begin() => Println($"begin target {(Pid() == Target() ? "yes" : "no")}");

            [Probe("process(\"PROGRAM\").function(\"run\")")]
            void Run([Target] long label, [Target] long n)
            {
                Println($"run {UserString(label)} {n} in {USymName(UAddr())}");
                Println($"stack {SprintUStack(UBacktrace())}");
            }

            [Probe("process(\"PROGRAM\").function(\"square_sum\")")]
            void Enter([Target] long a, [Target] long b) => Println($"enter square_sum a={a} b={b} parms {Var.Parms}");

            [Probe("process(\"PROGRAM\").function(\"square_sum\").return")]
            void Exit() => Println($"exit square_sum = {Var.Return} for a={Entry(Var.Long("a"))} b={Entry(Var.Long("b"))}");

            [Probe("process(\"PROGRAM\").function(\"area\")")]
            void Area() => Println($"area {Var.Long("r->w")}x{Var.Long("r->h")}");

            [Probe("process(\"PROGRAM\").statement(\"square_sum@prog.c:LINE\")")]
            void Line([Target] long s) => Println($"statement s={s}");

            [Probe("process(\"PROGRAM\").mark(\"done\")")]
            void Done([Target] long arg1, [Target] long arg2) => Println($"mark done {UserString(arg1)} {arg2}");

            [Probe("process(\"PROGRAM\").end")]
            void End() => Println($"end target {(Pid() == Target() ? "yes" : "no")}");
        }
        """;

    [VmFact]
    public async Task Function_entries_read_the_programs_parameters_struct_members_and_strings()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["enter square_sum a=1 b=2 parms a=0x1 b=0x2", "enter square_sum a=2 b=3 parms a=0x2 b=0x3", "enter square_sum a=3 b=4 parms a=0x3 b=0x4"],
            Starting(result, "enter "));
        Assert.Equal(["run squares 3 in run"], Starting(result, "run "));
        Assert.Equal(["area 6x7"], Starting(result, "area "));
        Assert.Contains("total 43 area 42", result.StdoutLines); // the program's own output, from the VM
    }

    [VmFact]
    public async Task Return_probes_read_the_return_value_and_the_parameters_at_entry()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["exit square_sum = 5 for a=1 b=2", "exit square_sum = 13 for a=2 b=3", "exit square_sum = 25 for a=3 b=4"],
            Starting(result, "exit "));
    }

    [VmFact]
    public async Task A_statement_probe_on_a_source_line_and_an_SDT_marker_fire_with_their_values()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["statement s=5", "statement s=13", "statement s=25"], Starting(result, "statement "));
        Assert.Equal(["mark done squares 43"], Starting(result, "mark "));
    }

    [VmFact]
    public async Task Process_begin_and_end_fire_once_for_the_command_whose_pid_is_target()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["begin target yes"], Starting(result, "begin "));
        Assert.Equal(["end target yes"], Starting(result, "end "));
        Assert.Equal("begin target yes", result.StdoutLines.First(l => l.StartsWith("begin ", StringComparison.Ordinal) || l.StartsWith("run ", StringComparison.Ordinal)));
    }

    [VmFact]
    public async Task A_user_space_backtrace_names_the_programs_functions_innermost_first()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        // sprint_ustack prints one frame per line: the line "stack FRAME" and the frames after it.
        var lines = result.StdoutLines.ToList();
        var first = lines.FindIndex(l => l.StartsWith("stack ", StringComparison.Ordinal));
        Assert.True(first >= 0, result.ToString());
        var frames = lines.Skip(first).Take(2).Select(l => l.StartsWith("stack ", StringComparison.Ordinal) ? l["stack ".Length..] : l).ToList();
        var program = Regex.Escape(run.Program);
        Assert.Matches($@"^ ?0x[0-9a-f]+ : run\+0x[0-9a-f]+/0x[0-9a-f]+ \[{program}\]$", frames[0]);
        Assert.Matches($@"^ ?0x[0-9a-f]+ : main\+0x[0-9a-f]+/0x[0-9a-f]+ \[{program}\]$", frames[1]);
    }

    [StapFact]
    public async Task Check_passes_stap_p2_with_return_probes_once_the_build_tree_is_prepared()
    {
        // The VM run prepares the build tree; its real System.map is what shows stap the kernel's uretprobes.
        Assert.True((await run.ResultAsync()).ExitCode == 0);

        var result = await CliRunner.RunAsync(Long, "check", run.Source);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ProgTrace: stap -p2 ok", result.Stdout, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task Check_before_the_build_tree_is_prepared_says_why_stap_rejects_return_probes_and_what_to_do()
    {
        using var cache = new TempFolder(); // no prepared tree in it: check falls back to the installed headers

        var result = await CliRunner.RunAsync(Long, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache.Path }, "check", run.Source);

        Assert.Equal(ExitCodes.StapFailed, result.ExitCode);
        var hint = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("warning STAP0051", StringComparison.Ordinal));
        Assert.StartsWith($"{run.Source}(", hint, StringComparison.Ordinal);
        Assert.Contains("run the script once with `stapsharp run`", hint, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task The_programs_own_debuginfo_is_enough_without_the_kernels()
    {
        Assert.True((await run.ResultAsync()).ExitCode == 0);
        using var empty = new TempFolder();

        // stap's debuginfo search path, emptied: the kernel's debuginfo is not found, the program's DWARF is in the program.
        var result = await CliRunner.RunAsync(Long, new Dictionary<string, string> { [KernelDebuginfo.SearchPathVariable] = empty.Path }, "check", run.Source);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("STAP0045", result.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Starting(CliRunner.Result result, string prefix) =>
        result.StdoutLines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>The program compiled in a temporary folder, and the probes run once on it in the VM with <c>-c ./prog</c>.</summary>
    public sealed class ProgramRun : IDisposable
    {
        private readonly TempFolder _folder = new();
        private readonly Lazy<Task<CliRunner.Result>> _result;

        public ProgramRun()
        {
            Program = Path.Combine(_folder.Path, "prog");
            var line = ProgramSource.Split('\n').ToList().FindIndex(l => l.Contains("return s;", StringComparison.Ordinal)) + 1;
            Source = _folder.Write("ProgTrace.cs", ProbeSource
                .Replace("PROGRAM", Program, StringComparison.Ordinal)
                .Replace("LINE", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            _result = new(RunAsync);
        }

        /// <summary>The compiled program's absolute path, as the probes name it.</summary>
        public string Program { get; }

        /// <summary>The probe class.</summary>
        public string Source { get; }

        internal Task<CliRunner.Result> ResultAsync() => _result.Value;

        private async Task<CliRunner.Result> RunAsync()
        {
            _folder.Write("prog.c", ProgramSource);
            await CompileAsync();
            return await CliRunner.RunInAsync(_folder.Path, Long, "run", Source, "--vm", "-c", "./prog", "-T", "120");
        }

        private async Task CompileAsync()
        {
            var start = new ProcessStartInfo("gcc", ["-g", "-O0", "-o", Program, "prog.c"])
            {
                WorkingDirectory = _folder.Path,
                RedirectStandardError = true,
            };
            using var gcc = Process.Start(start)!;
            var errors = await gcc.StandardError.ReadToEndAsync();
            await gcc.WaitForExitAsync();
            Assert.True(gcc.ExitCode == 0, $"gcc failed:\n{errors}");
        }

        public void Dispose() => _folder.Dispose();
    }
}
