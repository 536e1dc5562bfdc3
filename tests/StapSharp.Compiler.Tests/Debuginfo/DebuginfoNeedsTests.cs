using StapSharp.Compiler.Debuginfo;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Debuginfo;

/// <summary>
/// Which debuginfo a compiled script needs (<see cref="CompiledScript.Debuginfo"/>): DWARF points, casts to
/// kernel types and the target variables of tapset probes need it; tracepoints, header casts and plain
/// tapset probes do not. Each case lists the uses as "owner name | construct | necessity".
/// </summary>
public sealed class DebuginfoNeedsTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        // Nothing: tracepoints with target variables, header casts, kprobes, timers, process syscalls, module files.
        { "[Probe(\"kernel.trace(\\\"sched_switch\\\")\")] void B() { Println(Var.Long(\"prev->pid\")); }", [] },
        { "[Probe(\"begin\")] void B() { Println(Cast(0, \"task_struct\", \"kernel<linux/sched.h>\").Long(\"pid\")); }", [] },
        { "[Probe(\"kprobe.function(\\\"do_mkdirat\\\")\")] void B() { }", [] },
        { "[Probe(\"timer.s(1)\")] void B() { }", [] },
        { "[Probe(\"process(\\\"/bin/ls\\\").syscall\")] void B() { Println(Var.Long(\"syscall\")); }", [] },
        { "[Probe(\"module(\\\"/tmp/own.ko\\\").function(\\\"f\\\")\")] void B() { }", [] },
        { "[Guru] public sealed class G : ProbeScript { [Probe(\"kernel.statement(0x1000).absolute\")] void B() { } }", [] },
        // DWARF points: the kernel's, a module's, a program's.
        { "[Probe(\"kernel.function(\\\"do_mkdirat\\\")\")] void B([Target] long mode) { Println(mode); }",
            ["Kernel | kernel.function(\"do_mkdirat\") | Required"] },
        { "[Probe(\"kernel.function(\\\"do_mkdirat\\\").return\")] void B() { Println(Var.Return - Entry(Var.Long(\"mode\"))); }",
            ["Kernel | kernel.function(\"do_mkdirat\").return | Required"] },
        { "[Probe(\"kernel.statement(\\\"*@fs/namei.c:4170\\\")\")] void B() { }",
            ["Kernel | kernel.statement(\"*@fs/namei.c:4170\") | Required"] },
        { "[Probe(\"module(\\\"virtio_blk\\\").function(\\\"virtio_queue_rq\\\")\")] void B() { Println(Var.Parms); }",
            ["KernelModule virtio_blk | module(\"virtio_blk\").function(\"virtio_queue_rq\") | Required"] },
        { "[Probe(\"process(\\\"/bin/ls\\\").function(\\\"main\\\")\")] void B() { }",
            ["Program /bin/ls | process(\"/bin/ls\").function(\"main\") | Required"] },
        // Optional points resolve to nothing without it.
        { "[Probe(\"kernel.function(\\\"vfs_read\\\") ?\")] void B() { }",
            ["Kernel | kernel.function(\"vfs_read\") ? | Optional"] },
        // Tapset probes, and their target variables and @entry: needed when the tapset resolves through DWARF.
        { "[Probe(\"syscall.mkdir\")] void B(string argstr) { Println(argstr); }", ["Kernel | syscall.mkdir | ThroughTapset"] },
        { "[Probe(\"syscall.mkdir\")] void B([Target] long mode) { Println(mode); }",
            ["Kernel | syscall.mkdir | ThroughTapset", "Kernel | $mode | ThroughTapset"] },
        { "[Probe(\"syscall.wait4.return\")] void B() { Println(GetTimeOfDayUs() - Entry(GetTimeOfDayUs())); }",
            ["Kernel | syscall.wait4.return | ThroughTapset", "Kernel | @entry | ThroughTapset"] },
        { "[Probe(\"syscall.open\")] void B() { Println(Var.Vars); }", ["Kernel | syscall.open | ThroughTapset", "Kernel | $$vars | ThroughTapset"] },
        // Casts to the kernel's or a module's types, also in the functions a probe calls.
        { "[Probe(\"begin\")] void B() { Println(Cast(0, \"task_struct\").Long(\"pid\")); }",
            ["Kernel | @cast(…, \"task_struct\", \"kernel\") | Required"] },
        { "static long Pid(long task) => Cast(task, \"task_struct\", \"ext4\").Long(\"pid\");\nstatic long Outer(long t) => Pid(t);\n[Probe(\"begin\")] void B() { Println(Outer(0)); }",
            ["KernelModule ext4 | @cast(…, \"task_struct\", \"ext4\") | Required"] },
        // Through the script's own aliases: their points, and their bodies' target variables.
        { "[ProbeAlias(\"mk\", \"kernel.function(\\\"do_mkdirat\\\")\")] void A() { long m = Var.Long(\"mode\"); }\n[Probe(\"mk\")] void B(long m) { Println(m); }",
            ["Kernel | kernel.function(\"do_mkdirat\") (in the alias mk) | Required"] },
        { "[ProbeAlias(\"start\", \"kernel.trace(\\\"sched_process_exec\\\")\")] void A() { long p = Var.Long(\"p->pid\"); }\n[Probe(\"start\")] void B(long p) { Println(Var.Long(\"p->tgid\")); }", [] },
        { "[ProbeAlias(\"opened\", \"syscall.openat\")] void A() { }\n[Probe(\"opened\")] void B() { Println(Var.Long(\"dfd\")); }",
            ["Kernel | syscall.openat (in the alias opened) | ThroughTapset", "Kernel | $dfd | ThroughTapset"] },
        // Brace groups, without expanding them.
        { "[Probe(\"kernel.{trace(\\\"sched_switch\\\"), function(\\\"schedule\\\")}\")] void B() { }",
            ["Kernel | kernel.{trace(\"sched_switch\"),function(\"schedule\")} | Required"] },
        { "[Probe(\"{begin, module(\\\"ext4\\\").function(\\\"ext4_sync_fs\\\")}\")] void B() { }",
            ["KernelModule ext4 | {begin,module(\"ext4\").function(\"ext4_sync_fs\")} | Required"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_what_needs_debuginfo(string members, string[] expected)
    {
        var source = members.Contains("class ", StringComparison.Ordinal) ? TestCompiler.Usings + members : TestCompiler.Class(members);
        var needs = TestCompiler.Single(source).Debuginfo;

        Assert.Equal(expected, needs.Uses.Select(Describe));
    }

    [Fact]
    public void Each_use_is_placed_at_the_probe_attribute_and_the_first_kernel_use_is_the_first_such_probe()
    {
        var marked = TestCompiler.Class("""
            [Probe("syscall.mkdir")] void A(string argstr) { Println(argstr); }
            [Probe(/*@*/"kernel.function(\"do_mkdirat\")")] void B([Target] long mode) { Println(mode); }
            [Probe("kernel.function(\"do_rmdir\")")] void C() { }
            [Probe("module(\"virtio_blk\").function(\"virtio_queue_rq\")")] void D() { }
            [Probe("module(\"virtio_blk\").function(\"virtblk_done\")")] void E() { }
            """);
        var (line, column) = MarkedSource.Position(marked);

        var needs = TestCompiler.Single(MarkedSource.Unmarked(marked)).Debuginfo;

        Assert.True(needs.NeedsKernelPackage);
        Assert.Equal((line, column), (needs.FirstKernelUse!.Span.Line, needs.FirstKernelUse.Span.Column));
        var module = Assert.Single(needs.KernelModuleUses);
        Assert.Equal(("virtio_blk", line + 2), (module.Name, module.Span.Line));
    }

    [Fact]
    public void A_probe_with_only_tapset_or_optional_uses_does_not_require_the_kernel_package()
    {
        var needs = TestCompiler.Single(TestCompiler.Class("""
            [Probe("syscall.mkdir")] void A([Target] long mode) { Println(mode); }
            [Probe("kernel.function(\"vfs_read\") ?")] void B() { }
            """)).Debuginfo;

        Assert.False(needs.NeedsKernelPackage);
        Assert.Null(needs.FirstKernelUse);
        Assert.Equal(["syscall.mkdir", "$mode", "kernel.function(\"vfs_read\") ?"], needs.Uses.Select(u => u.Construct));
    }

    [Fact]
    public void Brace_groups_are_not_expanded()
    {
        // 2^40 expansions: walked one component at a time, this finishes at once.
        var point = string.Join(".", Enumerable.Repeat("{kernel, function(\\\"f\\\")}", 40));
        var needs = TestCompiler.Single(TestCompiler.Class($"[Probe(\"{point}\")] void B() {{ }}")).Debuginfo;

        // Expansions begin kernel.function(...) (a DWARF point) or function(...).… (a name stap's tapset would have to define).
        Assert.Equal([DebuginfoNecessity.Required, DebuginfoNecessity.ThroughTapset], needs.Uses.Select(u => u.Necessity).Order());
        Assert.NotNull(needs.FirstKernelUse);
    }

    [Fact]
    public void A_chain_of_aliases_that_each_name_the_next_twice_is_analysed_once_per_alias()
    {
        // a1 = a0, a0; a2 = a1, a1; ...: 2^30 paths from a30 down to kernel.function, each alias analysed once.
        var aliases = new System.Text.StringBuilder("[ProbeAlias(\"a0\", \"kernel.function(\\\"f\\\")\")] void A0() { }\n");
        for (var i = 1; i <= 30; i++)
        {
            aliases.Append($"[ProbeAlias(\"a{i}\", \"a{i - 1}\")] [ProbeAlias(\"a{i}\", \"a{i - 1} ?\")] void A{i}() {{ }}\n");
        }

        var needs = TestCompiler.Single(TestCompiler.Class(aliases + "[Probe(\"a30\")] void B() { }")).Debuginfo;

        Assert.NotNull(needs.FirstKernelUse);
    }

    private static string Describe(DebuginfoUse use) =>
        $"{use.Owner}{(use.Name is null ? string.Empty : " " + use.Name)} | {use.Construct} | {use.Necessity}";
}
