using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Machines;

public class GuestInitScriptTests
{
    private static readonly GuestMarkers Markers = new("abc123");

    private static string RunScript(string? guestCommand = "mkdir /tmp/x", bool verbose = false) =>
        GuestInitScript.ForRun(new GuestInitScript.RunPlan(
            "probe_mod", ["-c", "echo it's", "/mod/probe_mod.ko", "limit=5"], guestCommand, TimeSpan.FromSeconds(1.5), verbose), Markers);

    [Fact]
    public void Mounts_the_kernel_file_systems_first()
    {
        var lines = RunScript().Split('\n');
        Assert.Equal("#!/bin/sh", lines[0]);
        foreach (var fs in new[] { "proc /proc", "sysfs /sys", "devtmpfs dev /dev", "debugfs debugfs /sys/kernel/debug", "tmpfs tmpfs /tmp" })
        {
            Assert.Contains(lines, l => l.StartsWith("mount -t ") && l.EndsWith(fs));
        }

        Assert.Contains("stty -F /dev/ttyS1 raw -echo", RunScript());
    }

    [Fact]
    public void Runs_staprun_with_quoted_arguments_output_on_the_output_port_and_stderr_on_the_message_port()
    {
        var script = RunScript();
        Assert.Contains("staprun '-c' 'echo it'\\''s' '/mod/probe_mod.ko' 'limit=5' >&4 2>/dev/ttyS3 &", script);
        Assert.Contains("sp=$!", script);
    }

    [Fact]
    public void Turns_a_stop_request_into_sigint_and_reports_markers_on_the_control_port()
    {
        var script = RunScript();
        Assert.Contains("[ \"$cmd\" = stop ] && kill -INT $sp; done ) <&3 &", script);
        Assert.Contains("echo '@@stapsharp-abc123:up@@' >/dev/ttyS2", script);
        Assert.Contains("/sys/module/probe_mod/initstate", script);
        Assert.Contains("echo '@@stapsharp-abc123:live@@' >/dev/ttyS2", script);
        Assert.Contains("wait $sp\nrc=$?", script);
        Assert.Contains("echo \"@@stapsharp-abc123:rc=$rc@@\" >&4", script);
        Assert.EndsWith("poweroff -f\n", script);
    }

    [Fact]
    public void Powers_off_only_once_the_host_has_read_the_exit_code_or_half_a_minute_passed()
    {
        var script = RunScript();
        var marker = script.IndexOf(":rc=$rc@@", StringComparison.Ordinal);
        var wait = script.IndexOf("while read -r -t 30 cmd <&3; do [ \"$cmd\" = received ] && break; done\n", StringComparison.Ordinal);
        var off = script.LastIndexOf("poweroff -f", StringComparison.Ordinal);
        Assert.True(marker > script.IndexOf("kill $watcher", StringComparison.Ordinal) && wait > marker && off > wait, script);
    }

    [Fact]
    public void The_control_port_is_opened_once_for_the_whole_run_so_no_later_open_can_fail_and_end_init()
    {
        var script = RunScript();
        var open = script.IndexOf("exec 3</dev/ttyS2\n", StringComparison.Ordinal);
        Assert.True(open > script.IndexOf("echo '@@stapsharp-abc123:up@@'", StringComparison.Ordinal) && open < script.IndexOf("staprun ", StringComparison.Ordinal), script);
        Assert.Single(script.Split("</dev/ttyS2").Skip(1));
    }

    [Fact]
    public void The_virtio_port_is_found_by_its_name_and_a_missing_one_fails_the_run()
    {
        var script = RunScript();
        Assert.Contains("[ \"$(cat $port/name 2>/dev/null)\" = org.stapsharp.output ] && out=/dev/${port##*/}", script);
        Assert.Contains("[ -c \"$out\" ] || { echo '@@stapsharp-abc123:failed=the guest found no virtio-serial port named org.stapsharp.output@@' >/dev/ttyS2; poweroff -f; }", script);
        // Opened once: a virtio port refuses a second open while the first is held (by the guest command, say).
        var open = script.IndexOf("exec 4>\"$out\"\n", StringComparison.Ordinal);
        Assert.True(open > script.IndexOf("[ -c \"$out\" ]", StringComparison.Ordinal) && open < script.IndexOf("staprun ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_uart_is_the_output_port_when_asked_for()
    {
        var script = GuestInitScript.ForRun(new GuestInitScript.RunPlan("probe_mod", ["/mod/probe_mod.ko"], null, TimeSpan.Zero, false)
        {
            Output = VmOutputChannel.Uart,
        }, Markers);
        Assert.Contains("exec 4>/dev/ttyS1\n", script);
        Assert.DoesNotContain("virtio-ports", script);
    }

    [Fact]
    public void Discarded_output_goes_to_dev_null_in_the_guest_and_the_exit_code_still_to_the_host()
    {
        var script = GuestInitScript.ForRun(new GuestInitScript.RunPlan("probe_mod", ["/mod/probe_mod.ko"], null, TimeSpan.Zero, false)
        {
            DiscardOutput = true,
        }, Markers);
        Assert.Contains("staprun '/mod/probe_mod.ko' >/dev/null 2>/dev/ttyS3 &", script);
        Assert.Contains("echo \"@@stapsharp-abc123:rc=$rc@@\" >&4", script);
    }

    [Fact]
    public void Guest_command_runs_after_the_module_is_live_with_output_on_the_console()
    {
        var script = RunScript();
        var live = script.IndexOf(":live@@", StringComparison.Ordinal);
        var command = script.IndexOf("( mkdir /tmp/x ) >/dev/ttyS0 2>&1 3<&- 4>&-\n", StringComparison.Ordinal);
        Assert.True(live > 0 && command > live);
        Assert.Contains("sleep 1.5\n", script);
        Assert.DoesNotContain("( ", RunScript(guestCommand: null).Replace("( while", ""));
    }

    [Fact]
    public void Staprun_starts_the_guest_command_from_its_file_when_the_run_names_no_target_of_its_own()
    {
        var script = GuestInitScript.ForRun(new GuestInitScript.RunPlan(
            "probe_mod", ["-c", GuestInitScript.GuestCommandLauncher, "/mod/probe_mod.ko"], "mkdir '/tmp/a b'", TimeSpan.FromSeconds(1.5), false), Markers);
        // Neither the command nor the sleep after it keeps the control or output port: nothing of theirs lands in the output.
        var file = script.IndexOf("printf '%s\\n' '( mkdir '\\''/tmp/a b'\\'' ) >/dev/ttyS0 2>&1 3<&- 4>&-' 'exec sleep 2147483647 >/dev/null 3<&- 4>&-' >/tmp/stapsharp-guest-command\n", StringComparison.Ordinal);
        var staprun = script.IndexOf("staprun '-c' '/bin/sh /tmp/stapsharp-guest-command' '/mod/probe_mod.ko'", StringComparison.Ordinal);
        Assert.True(file > 0 && staprun > file, script);
        // Nothing runs it again after the module is live, and no guess at a settle delay is made.
        Assert.DoesNotContain("sleep 1.5", script);
        Assert.Single(script.Split("mkdir").Skip(1));
    }

    [Fact]
    public void Verbose_adds_the_kernel_log_before_the_exit_code()
    {
        var script = RunScript(verbose: true);
        Assert.True(script.IndexOf("dmesg >/dev/ttyS0", StringComparison.Ordinal) < script.IndexOf(":rc=", StringComparison.Ordinal));
        Assert.DoesNotContain("dmesg", RunScript(verbose: false));
    }

    [Fact]
    public void Kallsyms_dump_greps_text_symbols_to_the_output_port()
    {
        var script = GuestInitScript.ForKallsymsDump(Markers, "^[0-9a-f]+ [TtWw] [^ ]+$");
        Assert.Contains("grep -E '^[0-9a-f]+ [TtWw] [^ ]+$' /proc/kallsyms >/dev/ttyS1", script);
        Assert.Contains("echo '@@stapsharp-abc123:dumped@@' >/dev/ttyS1", script);
        Assert.EndsWith("poweroff -f\n", script);
    }

    [Theory]
    [InlineData("@@stapsharp-abc123:rc=0@@", 0)]
    [InlineData("@@stapsharp-abc123:rc=130@@\r", 130)]
    [InlineData("@@stapsharp-zzz:rc=0@@", null)]
    [InlineData("rc=0", null)]
    public void Exit_code_markers_need_the_run_nonce(string line, int? expected) =>
        Assert.Equal(expected, Markers.TryParseExitCode(line));

    [Fact]
    public void The_host_file_system_is_mounted_under_a_writable_layer_with_the_probed_files_bound_from_the_share()
    {
        var script = GuestInitScript.ForRun(new GuestInitScript.RunPlan("probe_mod", ["/mod/probe_mod.ko"], "python3 app.py", TimeSpan.Zero, false)
        {
            HostFileSystem = true,
            ProbedHostFiles = ["/usr/bin/python3.11", "/tmp/it's/prog"],
        }, Markers);

        string[] steps =
        [
            "mount -t 9p -o trans=virtio,version=9p2000.L,cache=loose,ro,msize=512000 hostroot /host 2>/dev/ttyS0 || " +
                "{ echo '@@stapsharp-abc123:failed=the guest could not mount the host'\\''s file system (9p)@@' >/dev/ttyS2; poweroff -f; }\n",
            "mount -t overlay overlay -o lowerdir=/host,upperdir=/hostroot-layer/upper,workdir=/hostroot-layer/work /hostroot",
            "mount -t proc proc /hostroot/proc\n",
            "mount -o bind /dev /hostroot/dev\n",
            "[ -f '/host/usr/bin/python3.11' ] && mount -o bind '/host/usr/bin/python3.11' '/hostroot/usr/bin/python3.11'\n",
            "[ -f '/host/tmp/it'\\''s/prog' ] && mount -o bind '/host/tmp/it'\\''s/prog' '/hostroot/tmp/it'\\''s/prog'\n",
            "staprun ",
        ];
        var at = steps.Select(step => script.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.True(at.All(i => i >= 0), script);
        Assert.Equal(at.Order(), at);
    }

    [Fact]
    public void Commands_on_the_host_files_run_chrooted_from_their_folder_and_a_single_program_keeps_the_pid()
    {
        Assert.Equal("chroot /hostroot /bin/sh -c 'cd '\\''/home/me/my app'\\'' 2>/dev/null || cd /; python3 app.py; ls'",
            GuestHostFileSystem.Wrap("python3 app.py; ls", "/home/me/my app", execs: false));
        Assert.Equal("chroot /hostroot /bin/sh -c 'cd '\\''/w'\\'' 2>/dev/null || cd /; exec ./prog 5'",
            GuestHostFileSystem.Wrap("./prog 5", "/w", execs: true));
    }
}
