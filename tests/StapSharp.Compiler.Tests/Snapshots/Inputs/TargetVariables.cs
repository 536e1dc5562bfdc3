using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// Target variables in expressions: $var, $var->member, pretty-printing, $$vars and friends,
/// @cast, @defined, @entry and $return, and the escape hatch for any tapset function.
/// </summary>
public sealed class TargetVariables : ProbeScript
{
    [Probe("kernel.trace(\"sched_switch\")")]
    void Switch()
    {
        long prev = Var.Long("prev->pid");
        long parent = Cast(Var.Long("next"), "task_struct", "kernel<linux/sched.h>").Long("real_parent->tgid");
        string comm = Cast(Var.Long("next"), "struct task_struct", "kernel<linux/sched.h>").Text("comm");
        long state = Defined(Var.Long("prev->__state")) ? Var.Long("prev->__state") : Var.Long("prev->state");
        Println($"{prev} -> {Var.Long("next->pid")} parent {parent} {comm} {state} [{Var.Parms}]");
    }

    [Probe("kernel.trace(\"sched_process_exec\")")]
    void Exec()
    {
        Println($"{Var.KernelString("bprm->filename")} {Var.Long("old_pid")} {Var.Text("bprm")}");
        Println(Call<string>("sprint_ubacktrace"));
        Call("print_backtrace");
    }

    [Probe("kernel.function(\"vfs_read\").return ?")]
    void ReadReturn()
    {
        long took = GetTimeOfDayUs() - Entry(GetTimeOfDayUs());
        Printf("%d bytes of %d in %dus %s\n", Var.Return, Entry(Var.Long("count")), took, Var.ReturnText);
        if (Defined(Var.Long("file->f_pos")))
        {
            Println(Entry(Var.Long("file->f_pos")));
        }
    }

    [Probe("kernel.function(\"vfs_write\") ?")]
    void Write() => Println($"{Var.Vars} | {Var.Locals} | {Var.DeepText("file")} {Var.AddressOf("file->f_pos")} {Var.KernelString("file->f_path->dentry->d_name->name")} {Var.UserString("buf")}");
}
