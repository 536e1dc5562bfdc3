using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// Script arguments pasted as expressions: `stap script.stp '$dfd' '$how->flags'` makes $1 and $2 those target variables.
/// The second may be left out (its read is under $# >= 2) or name nothing here (@defined($2) is then 0).
/// </summary>
public sealed class ScriptArgumentExpressions : ProbeScript
{
    static long Second() => Kernel.ArgumentCount >= 2 ? (Defined(Var.Argument(2)) ? Var.Argument(2) : 0) : 0;

    [Probe("kernel.function(\"do_sys_openat2\")")]
    void Open()
    {
        var first = Kernel.ArgumentCount >= 1 ? Var.Argument(1) : -1;
        Printf("%s %d %d\n", ExecName(), first, Second());
    }
}
