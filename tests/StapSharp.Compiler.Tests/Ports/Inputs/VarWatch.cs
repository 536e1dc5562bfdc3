// Source: systemtap
// Original: testsuite/systemtap.examples/general/varwatch.stp
// Area: language
// Faithful: no
// Arguments: kernel.function("do_sys_openat2") $dfd
// Differs: the original prints the arguments' text in place (@1, @2); the port takes them as [ScriptArgument] string
// Differs: fields, globals that stap initialises from @1 and @2. $1 as the probe point is {Point}, $2 as a target
// Differs: expression Var.Argument(2), as in the original.
using StapSharp;
using static StapSharp.Stap;

/// <summary>Each change of the target expression given as the second argument, at the probe point given as the first.</summary>
public sealed class VarWatch : ProbeScript
{
    static readonly StapMap<long, long> var = new(wrap: true);
    static long varerr;

    [ScriptArgument(1)] static string Point;
    [ScriptArgument(2)] static string Expression;

    [Probe("{Point}")]
    void Watch()
    {
        if (Defined(Var.Argument(2)))
        {
            try
            {
                long newvar = Var.Argument(2);
                if (var[Tid()] != newvar)
                {
                    Printf("%s[%d] %s %s:\n", ExecName(), Tid(), ProbePoint(), Expression);
                    Println(newvar);
                    var[Tid()] = newvar;
                }
            }
            catch
            {
                varerr++; // error during $2 resolution or perhaps var[] assignment
            }
        }
    }

    [Probe("error")]
    [Probe("end")]
    void Report()
    {
        if (varerr != 0)
        {
            Printf("%s %s access errors: %d", Point, Expression, varerr);
        }
    }
}
