using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Toolchain;

public class KallsymsFilterTests
{
    [Fact]
    public void Keeps_text_and_weak_symbols_only()
    {
        string[] kallsyms =
        [
            "ffffffff81000000 T _stext\r",
            "ffffffff81000010 t do_one_initcall",
            "ffffffff81000020 W arch_cpu_idle",
            "ffffffff81000030 w weak_fn",
            "ffffffff82000000 D init_task",
            "ffffffff82000008 b some_bss",
            "ffffffff82000010 r __ksymtab_x",
            "ffffffffc0000000 t helper_in_module\t[ext4]",
            "ffffffffc0000000 t helper_in_module [ext4]",
            "",
            "garbage",
        ];

        var kept = KallsymsFilter.Filter(kallsyms).ToList();

        Assert.Equal(["ffffffff81000000 T _stext", "ffffffff81000010 t do_one_initcall",
                      "ffffffff81000020 W arch_cpu_idle", "ffffffff81000030 w weak_fn"], kept);
    }
}
