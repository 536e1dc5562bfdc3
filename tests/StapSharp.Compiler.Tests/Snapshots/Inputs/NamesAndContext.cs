using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// Names stap reserves, locals that would collide with globals or each other, probe conditions,
/// several [Probe] attributes on one method, target variables, and strings with hostile bytes.
/// </summary>
public sealed class NamesAndContext : ProbeScript
{
    static long @switch = 1;
    static long limit = 5;
    static string banner = "tab\there \"quoted\" back\\slash 100% é";

    [Probe("signal.*? if (switch)")]
    void Signals(string sig_name) => Println($"{sig_name} {banner}");

    [Probe("kernel.function(\"no_such_function\") ?")]
    [Probe("module(\"awol\").function(\"no_such_function\") !")]
    [Probe("syscall.{open,close}")]
    void Optional()
    {
        long next = 1;
        long @string = next + limit;
        long größe = @string * 2;
        Println(größe);
    }

    [Probe("kernel.function(\"vfs_read\").return ?")]
    void ReadReturn([Target("return")] long ret, [Target] long count) => Printf("%d of %d\n", ret, count);

    [Probe("process(\"/bin/vi\").statement(0x2222) ?")]
    void Vi() => Println(Pid());

    [Probe("timer.ms(100)")]
    void Scopes()
    {
        if (limit > 0)
        {
            var n = 1L;
            Println(n);
        }
        else
        {
            var n = "one";
            Println(n);
        }
    }
}
