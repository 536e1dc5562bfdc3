using StapSharp.Runtime.Tests.Support;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class RuntimePatcherTests
{
    // The shape of SystemTap 4.8's runtime/stp_task_work.c around task_work_cancel.
    private const string StockRuntime = """
        typedef typeof(&task_work_cancel) task_work_cancel_fn;
        #define task_work_cancel (* (task_work_cancel_fn)kallsyms_task_work_cancel)
        static int _stp_task_work_init(void) {
                kallsyms_task_work_cancel = (void *)kallsyms_lookup_name("task_work_cancel");
                if (kallsyms_task_work_cancel == NULL) {
                        _stp_error("Can't resolve task_work_cancel!");
        }
        stp_task_work_cancel(struct task_struct *task, task_work_func_t func)
        {
                twork = task_work_cancel(task, func);
        }
        """;

    [Fact]
    public void Renames_every_use_to_task_work_cancel_func()
    {
        var patched = RuntimePatcher.PatchTaskWorkCancel(StockRuntime);

        Assert.Contains("typedef typeof(&task_work_cancel_func) task_work_cancel_fn;", patched);
        Assert.Contains("#define task_work_cancel_func (* (task_work_cancel_fn)kallsyms_task_work_cancel)", patched);
        Assert.Contains("kallsyms_lookup_name(\"task_work_cancel_func\")", patched);
        Assert.Contains("twork = task_work_cancel_func(task, func);", patched);
        // The runtime's own wrapper and messages keep their names.
        Assert.Contains("stp_task_work_cancel(struct task_struct *task", patched);
        Assert.Contains("Can't resolve task_work_cancel!", patched);
    }

    [Fact]
    public void Leaves_an_already_adapted_runtime_alone()
    {
        var adapted = RuntimePatcher.PatchTaskWorkCancel(StockRuntime);
        Assert.Equal(adapted, RuntimePatcher.PatchTaskWorkCancel(adapted));
    }

    [Fact]
    public void Patches_a_directory_only_when_the_headers_have_the_new_name()
    {
        using var temp = new TempDir();
        var runtime = temp.Combine("runtime");
        temp.Write("runtime/stp_task_work.c", StockRuntime);
        temp.Write("old/include/linux/task_work.h", "struct callback_head *task_work_cancel(struct task_struct *, task_work_func_t);");
        temp.Write("new/include/linux/task_work.h", "struct callback_head *task_work_cancel_func(struct task_struct *, task_work_func_t);");

        Assert.False(RuntimePatcher.PatchRuntimeDirectory(runtime, [temp.Combine("old")]));
        Assert.Equal(StockRuntime, File.ReadAllText(temp.Combine("runtime/stp_task_work.c")));

        Assert.True(RuntimePatcher.PatchRuntimeDirectory(runtime, [temp.Combine("missing"), temp.Combine("new")]));
        Assert.Contains("task_work_cancel_func(task, func)", File.ReadAllText(temp.Combine("runtime/stp_task_work.c")));
        Assert.False(RuntimePatcher.PatchRuntimeDirectory(runtime, [temp.Combine("new")]));
    }

    // The shape of SystemTap 4.8's runtime/transport/transport.c where the module tells stapio to exit (tabs as there).
    private const string StockTransport =
        "\t\tdbug_trans(1, \"*** calling _stp_transport_data_fs_stop ***\\n\");\n" +
        "\t\t_stp_transport_data_fs_stop();\n\n" +
        "\t\tdbug_trans(1, \"ctl_send STP_EXIT\\n\");\n" +
        "\t\tif (send_exit) {\n" +
        "\t\t\t/* send_exit is only set to one if called from ... in user context. */\n" +
        "\t\t\t_stp_ctl_send_notify(STP_EXIT, NULL, 0);\n" +
        "\t\t}\n";

    [Fact]
    public void The_module_pauses_after_flushing_its_output_and_before_it_sends_STP_EXIT()
    {
        var patched = RuntimePatcher.PatchExitDrain(StockTransport);

        var flush = patched.IndexOf("_stp_transport_data_fs_stop();", StringComparison.Ordinal);
        var pause = patched.IndexOf($"msleep({RuntimePatcher.ExitDrainMilliseconds});", StringComparison.Ordinal);
        var exit = patched.IndexOf("_stp_ctl_send_notify(STP_EXIT", StringComparison.Ordinal);
        Assert.True(flush >= 0 && flush < pause && pause < exit, patched);
        Assert.True(patched.IndexOf("if (send_exit) {", StringComparison.Ordinal) < pause, "only where sleeping is allowed");
        var lineStart = patched.LastIndexOf('\n', pause) + 1;
        Assert.Equal(StockTransport, patched.Remove(lineStart, patched.IndexOf('\n', pause) + 1 - lineStart)); // nothing else changed
    }

    [Fact]
    public void The_exit_pause_is_added_once_and_a_runtime_of_another_shape_is_left_alone()
    {
        var patched = RuntimePatcher.PatchExitDrain(StockTransport);

        Assert.Equal(patched, RuntimePatcher.PatchExitDrain(patched));
        var other = StockTransport.Replace("\t\tif (send_exit) {", "\tif (send_exit)\n\t{", StringComparison.Ordinal);
        Assert.Equal(other, RuntimePatcher.PatchExitDrain(other));
    }

    [Fact]
    public void A_directory_gets_the_exit_pause_whatever_its_headers_and_the_real_runtime_has_the_shape_it_expects()
    {
        using var temp = new TempDir();
        var runtime = temp.Combine("runtime");
        temp.Write("runtime/transport/transport.c", StockTransport);

        Assert.True(RuntimePatcher.PatchRuntimeDirectory(runtime, [temp.Combine("no-headers")]));
        Assert.Contains("msleep(", File.ReadAllText(temp.Combine("runtime/transport/transport.c")));
        Assert.False(RuntimePatcher.PatchExitDrainFile(runtime));

        // The installed SystemTap runtime, when there is one: the patch must find its place there.
        var installed = "/usr/share/systemtap/runtime/transport/transport.c";
        Assert.True(File.Exists(installed) || Environment.GetEnvironmentVariable("CI") != "true", $"{installed} is missing (tests/run.sh installs systemtap)");
        if (File.Exists(installed))
        {
            Assert.NotEqual(File.ReadAllText(installed), RuntimePatcher.PatchExitDrain(File.ReadAllText(installed)));
        }
    }
}
