using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// Names and paths the user writes as strings (target paths, [Target] names, Call names, Cast
/// types and modules, Kernel.Config options, alias names) are checked in full before they reach the IR: a
/// trailing line end, which a <c>^…$</c> pattern lets through, or a print built-in is refused.
/// </summary>
public sealed class UserStringValidationTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Var.Long(/*@*/\"fd\\n\"); }" },
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Var.Long(/*@*/\"file->f_pos\\n\"); }" },
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Cast(0, \"task_struct\").Long(/*@*/\"pid\\n\"); }" },
        { "STAP0254", "[Probe(\"begin\")] void B() { long x = Cast(0, /*@*/\"task_struct\\n\").Long(\"pid\"); }" },
        { "STAP0254", "[Probe(\"begin\")] void B() { long x = Cast(0, \"task_struct\", /*@*/\"kernel<linux/sched.h>\\n#include </etc/shadow>\").Long(\"pid\"); }" },
        { "STAP0254", "[Probe(\"begin\")] void B() { long x = Cast(0, \"task_struct\", /*@*/\"kernel\\\"\").Long(\"pid\"); }" },
        { "STAP0008", "[Probe(\"begin\")] void B([Target(\"fd\\n\")] long /*@*/fd) { }" },
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.Config(/*@*/\"CONFIG_SMP\\n\") == \"y\") { } }" },
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.VersionAtLeast(/*@*/\"5.10\\n\")) { } }" },
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.Arch == /*@*/\"x86_64\\n\") { } }" },
        { "STAP0256", "[/*@*/ProbeAlias(\"mine\\n\", \"begin\")] void A() { }\n[Probe(\"begin\")] void B() { }" },
        { "STAP0261", "[Probe(\"begin\")] void B() { long x = Call<long>(/*@*/\"pid\\n\"); }" },
        { "STAP0261", "[Probe(\"begin\")] void B() { Call(/*@*/\"printf\", 1L); }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_at_its_place(string id, string members) => MarkedSource.AssertReported(id, TestCompiler.Class(members));
}
