using StapSharp;
using static StapSharp.Stap;

/// <summary>Macros of stap's library: @choose_defined, @type_defined, @type_member_defined, @cast_sizeof, @cast_module_sizeof.</summary>
public sealed class LibraryMacros : ProbeScript
{
    [Probe("kernel.trace(\"sched_switch\")")]
    void Switch()
    {
        long state = ChooseDefined(Var.Long("prev->__state"), Var.Long("prev->state"));
        Println($"{state}");
    }

    [Probe("begin")]
    void Start()
    {
        if (TypeDefined("struct task_struct") && TypeMemberDefined("struct task_struct", "mm"))
        {
            Println($"{CastSizeof("struct task_struct")} {CastModuleSizeof("kernel", "struct file")}");
        }

        Exit();
    }
}
