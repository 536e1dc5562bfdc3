// Source: systemtap
// Original: doc/SystemTap_Beginners_Guide/en-US/extras/defined_example.stp
// Area: tapset
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The pagefault alias, reading the write flag from whichever parameter the kernel has.</summary>
public sealed class DefinedPagefault : ProbeScript
{
    [ProbeAlias("vm.pagefault", "kernel.function(\"__handle_mm_fault@mm/memory.c\") ?")]
    [ProbeAlias("vm.pagefault", "kernel.function(\"handle_mm_fault@mm/memory.c\") ?")]
    void PageFault()
    {
        var name = "pagefault";
        var write_access = (Defined(Var.Long("flags"))
            ? Var.Long("flags") & FAULTFLAGWRITE : Var.Long("write_access"));
        var address = Var.Long("address");
    }
}
