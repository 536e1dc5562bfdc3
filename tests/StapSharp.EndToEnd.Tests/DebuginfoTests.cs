using System.Diagnostics;
using System.Text.RegularExpressions;
using StapSharp.Cli;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests;

/// <summary>
/// Probes that stap resolves through the kernel's debuginfo, through the `stapsharp` command: one script
/// with kernel.function entry and return probes ($vars, $$parms, $return, @entry), a kernel.statement on
/// a line the debuginfo lists, and a module("virtio_blk").function probe, built once and run once in the VM.
/// </summary>
public sealed partial class DebuginfoTests(DebuginfoTests.DwarfRun run) : IClassFixture<DebuginfoTests.DwarfRun>
{
    // Guards against a hung process, not timing asserts: a cold DWARF module build takes minutes on a busy 2-core machine.
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(30);

    private const string MkdirProbes = """
        using StapSharp;
        using static StapSharp.Stap;

        public sealed class DwarfMkdir : ProbeScript
        {
            [Probe("kernel.function(\"do_mkdirat\")")]
            void Enter([Target] long mode)
            {
                Println($"enter do_mkdirat mode={mode} by {ExecName()}");
                Println($"parms {Var.Parms}");
            }

            [Probe("kernel.function(\"do_mkdirat\").return")]
            void Exit([Target("return")] long result) => Println($"exit do_mkdirat = {result}, mode at entry {Entry(Var.Long("mode"))}");

            [Probe("kernel.statement(\"*@fs/namei.c:LINE\")")]
            void Line() => Println($"statement fs/namei.c:LINE mode={Var.Long("mode")}");

            [Probe("module(\"virtio_blk\").function(\"virtio_queue_rq\")")]
            void Queue() => Println($"virtio_queue_rq {Var.Parms}");
        }
        """;

    [DebuginfoVmFact]
    public async Task Kernel_function_entry_and_return_read_target_variables_the_return_value_and_entry_values()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal(["enter do_mkdirat mode=511 by mkdir", "enter do_mkdirat mode=511 by mkdir"], lines.Where(l => l.StartsWith("enter ", StringComparison.Ordinal)));
        Assert.Equal(["exit do_mkdirat = 0, mode at entry 511", "exit do_mkdirat = -17, mode at entry 511"], lines.Where(l => l.StartsWith("exit ", StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.StartsWith("parms ", StringComparison.Ordinal)), l => Assert.Matches(@"^parms dfd=0x[0-9a-f]+ name=0x[0-9a-f]+ mode=0x1ff$", l));
    }

    [DebuginfoVmFact]
    public async Task A_statement_probe_on_a_line_the_debuginfo_lists_fires_with_its_variables()
    {
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.StdoutLines.Count(l => l == $"statement fs/namei.c:{run.Line} mode=511"));
    }

    [DebuginfoVmFact]
    public async Task A_module_function_probe_builds_and_is_registered_while_the_module_is_not_loaded()
    {
        // The guest loads no virtio_blk: the probe is built from the module's debuginfo and waits for the module.
        var result = await run.ResultAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("enter do_mkdirat mode=511 by mkdir", result.StdoutLines);
        Assert.DoesNotContain(result.StdoutLines, l => l.StartsWith("virtio_queue_rq", StringComparison.Ordinal));
    }

    [DebuginfoVmFact]
    public async Task A_port_whose_original_resolves_only_with_the_debuginfo_runs_in_the_VM()
    {
        // SystemTap's io/traceio.stp: vfs.read.return and vfs.write.return are kernel.function probes in the tapset.
        // dd reads and writes (busybox's cat would use sendfile, which passes neither).
        var result = await CliRunner.RunAsync(Long,
            "run", "tests/StapSharp.Compiler.Tests/Ports/Inputs/TraceIo.cs", "--vm", "--vm-command", "dd if=/bin/busybox of=/dev/null bs=65536", "-T", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdoutLines, l => Regex.IsMatch(l, @"^ *\d+ +dd r: +1 MiB w: +1 MiB$"));
    }

    [DebuginfoStapFact]
    public async Task Check_resolves_kernel_statement_and_module_probes_through_the_debuginfo()
    {
        using var temp = new TempFolder();
        var source = temp.Write("DwarfMkdir.cs", MkdirProbes.Replace("LINE", (await DwarfRun.StatementLineAsync()).ToString(), StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(Short, "check", source);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("DwarfMkdir: stap -p2 ok", result.Stdout, StringComparison.Ordinal);
    }

    [VmFact]
    public async Task Run_without_the_debuginfo_gives_one_error_at_the_probe_with_the_package_and_the_command()
    {
        using var temp = new TempFolder();
        var source = temp.Write("DwarfMkdir.cs", MkdirProbes.Replace("LINE", "4170", StringComparison.Ordinal));
        var release = StapToolchain.Discover().KernelRelease;

        // stap's own search path, emptied: stap would not find the debuginfo either.
        var result = await CliRunner.RunAsync(Short, new Dictionary<string, string> { [KernelDebuginfo.SearchPathVariable] = temp.Path }, "run", source, "--vm");

        Assert.Equal(ExitCodes.TranslationError, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("error", StringComparison.Ordinal));
        Assert.StartsWith(
            $"{source}(6,12): error STAP0045: kernel.function(\"do_mkdirat\") needs the debuginfo of kernel {release}, which is not installed: " +
            $"install linux-image-{release}-dbg",
            error, StringComparison.Ordinal);
        Assert.Matches(@"\(\d+ MB download, [\d.]+ GB installed\)", error);
        Assert.Contains($"with `stapsharp doctor --install-debuginfo` or `apt-get install --no-install-recommends linux-image-{release}-dbg`", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass 1", result.Stderr, StringComparison.Ordinal); // said before stap runs
    }

    [StapFact]
    public async Task Check_without_the_debuginfo_gives_the_same_error_before_stap_runs()
    {
        using var temp = new TempFolder();
        var source = temp.Write("DwarfMkdir.cs", MkdirProbes.Replace("LINE", "4170", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(Short, new Dictionary<string, string> { [KernelDebuginfo.SearchPathVariable] = temp.Path }, "check", source);

        Assert.Equal(ExitCodes.TranslationError, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n'), l => l.Contains("error STAP0045", StringComparison.Ordinal) && l.StartsWith($"{source}(6,12): ", StringComparison.Ordinal));
        Assert.Contains("DwarfMkdir: not checked: the debuginfo its probes need is missing", result.Stderr, StringComparison.Ordinal);
    }

    [StapFact]
    public async Task A_tapset_probe_stap_cannot_resolve_without_the_debuginfo_gets_the_way_to_install_it()
    {
        using var temp = new TempFolder();
        var source = temp.Write("VfsReads.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class VfsReads : ProbeScript
            {
                [Probe("vfs.read.return")] void Read() => Println(Call<long>("returnval"));
            }
            """);
        var release = StapToolchain.Discover().KernelRelease;

        var result = await CliRunner.RunAsync(Short, new Dictionary<string, string> { [KernelDebuginfo.SearchPathVariable] = temp.Path }, "check", source);

        Assert.Equal(ExitCodes.StapFailed, result.ExitCode);
        Assert.Contains(
            $"{source}(5,12): warning STAP0047: stap could not resolve this without the debuginfo of kernel {release}, which is not installed",
            result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"install linux-image-{release}-dbg", result.Stderr, StringComparison.Ordinal);
    }

    [DebuginfoStapFact]
    public async Task List_finds_kernel_function_points_and_their_variables_through_the_debuginfo()
    {
        var result = await CliRunner.RunAsync(Short, "list", "kernel.function(\"do_mkdirat\")");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.StdoutLines, l => l.TrimStart().StartsWith("[Probe(\"kernel.function(\\\"do_mkdirat@fs/namei.c:", StringComparison.Ordinal)
            && l.EndsWith("void DoMkdirat([Target] long dfd, [Target] long name, [Target] long mode)", StringComparison.Ordinal));
    }

    [DebuginfoStapFact]
    public async Task A_module_the_kernel_does_not_have_is_named_at_its_probe()
    {
        using var temp = new TempFolder();
        var source = temp.Write("NoModule.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class NoModule : ProbeScript
            {
                [Probe("module(\"virtio_blk_nope\").function(\"f\")")] void F() => Println("f");
            }
            """);

        var result = await CliRunner.RunAsync(Short, "check", source);

        Assert.Equal(ExitCodes.TranslationError, result.ExitCode);
        Assert.Contains($"{source}(5,12): error STAP0046: module(\"virtio_blk_nope\").function(\"f\") needs the debuginfo of the kernel module 'virtio_blk_nope'",
            result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_lists_the_kernel_debuginfo()
    {
        var result = await CliRunner.RunAsync(Short, "doctor");

        Assert.Contains("kernel debuginfo", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The DWARF script built and run once in the VM, making a directory twice.</summary>
    public sealed class DwarfRun
    {
        private readonly Lazy<Task<CliRunner.Result>> _result;
        private int? _line;

        public DwarfRun() => _result = new(RunAsync);

        /// <summary>The do_mkdirat line the statement probe is on.</summary>
        public int Line => _line ?? throw new InvalidOperationException("the run has not started");

        internal Task<CliRunner.Result> ResultAsync() => _result.Value;

        private async Task<CliRunner.Result> RunAsync()
        {
            _line = await StatementLineAsync();
            using var temp = new TempFolder();
            var source = temp.Write("DwarfMkdir.cs", MkdirProbes.Replace("LINE", _line.ToString(), StringComparison.Ordinal));
            return await CliRunner.RunAsync(Long, "run", source, "--vm", "--vm-command", "mkdir /tmp/d; mkdir /tmp/d", "-T", "5");
        }

        /// <summary>
        /// The first line of do_mkdirat where stap can place a statement probe that sees $mode, asked of the
        /// debuginfo itself (stap -L), so the test follows the kernel when the archive moves on.
        /// </summary>
        public static async Task<int> StatementLineAsync()
        {
            var toolchain = StapToolchain.Discover();
            var start = new ProcessStartInfo(toolchain.StapPath!, ["-r", toolchain.KernelRelease!, "-L", "kernel.statement(\"do_mkdirat@fs/namei.c:*\")"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var stap = Process.Start(start)!;
            var listing = stap.StandardOutput.ReadToEndAsync();
            var errors = stap.StandardError.ReadToEndAsync();
            await stap.WaitForExitAsync();
            var lines = StatementLine().Matches(await listing).Where(m => m.Groups["vars"].Value.Contains("$mode:", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count > 0, $"stap -L lists no statement of do_mkdirat that sees $mode:\n{await listing}\n{await errors}");
            return int.Parse(lines[0].Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex("""^kernel\.statement\("do_mkdirat@fs/namei\.c:(?<line>\d+)"\)(?<vars>.*)$""", RegexOptions.Multiline)]
    private static partial Regex StatementLine();
}
