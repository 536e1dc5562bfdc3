// Source: systemtap
// Original: doc/SystemTap_Beginners_Guide/en-US/extras/defined_example.stp
// Area: tapset
// Faithful: no
// Differs: FAULT_FLAG_WRITE is the constant 1: the original reads the memory tapset's global of that
// Differs: name (1), and C# has no form that reads a tapset's global (a field of that name is a new global,
// Differs: FAULT_FLAG_WRITE_).
using StapSharp;
using static StapSharp.Stap;

/// <summary>The pagefault alias, reading the write flag from whichever parameter the kernel has.</summary>
public sealed class DefinedPagefault : ProbeScript
{
    const long FAULT_FLAG_WRITE = 1; // the memory tapset's global FAULT_FLAG_WRITE

    [ProbeAlias("vm.pagefault", "kernel.function(\"__handle_mm_fault@mm/memory.c\") ?")]
    [ProbeAlias("vm.pagefault", "kernel.function(\"handle_mm_fault@mm/memory.c\") ?")]
    void PageFault()
    {
        var name = "pagefault";
        var write_access = (Defined(Var.Long("flags"))
            ? Var.Long("flags") & FAULT_FLAG_WRITE : Var.Long("write_access"));
        var address = Var.Long("address");
    }
}
