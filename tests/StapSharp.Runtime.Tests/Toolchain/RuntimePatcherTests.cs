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
}
