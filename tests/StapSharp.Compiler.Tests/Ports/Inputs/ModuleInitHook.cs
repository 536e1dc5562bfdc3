// Source: systemtap
// Original: testsuite/systemtap.base/mod_init_exit_hooks_1.stp
// Area: language
// Faithful: yes
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A top-level C block hooks the module's initialisation; a function reads what it set.</summary>
[Guru]
[EmbeddedC("""
    #define STAP_MODULE_INIT_HOOK  my_init

    long my_global_var = 0;

    static int my_init(void) {
        my_global_var += 2;
        return 0;
    }
    """)]
public sealed class ModuleInitHook : ProbeScript
{
    [EmbeddedC("STAP_RETURN(my_global_var);")]
    static extern long get_val();

    [Probe("oneshot")]
    void Oneshot() => Println("res: ", get_val());
}
