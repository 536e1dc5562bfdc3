namespace StapSharp;

// Backtraces and symbols: kernel (context-unwind.stp, context-symbols.stp) and user space
// (ucontext-unwind.stp, ucontext-symbols.stp). User-space ones need the process's symbols:
// build with -d /path/to/binary or --ldd.
public static partial class Stap
{
    /// <summary><c>print_backtrace()</c>: prints the kernel stack, one symbol per line.</summary>
    [StapFunction("print_backtrace")] public static void PrintBacktrace() => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint_backtrace()</c>: the kernel stack as text, one symbol per line.</summary>
    [StapFunction("sprint_backtrace")] public static string SprintBacktrace() => StapOnlyException.Throw<string>();

    /// <summary><c>backtrace()</c>: the kernel stack as a string of hex addresses (for <see cref="PrintStack"/> later, or as a map key).</summary>
    [StapFunction("backtrace")] public static string Backtrace() => StapOnlyException.Throw<string>();

    /// <summary><c>print_ubacktrace()</c>: prints the user-space stack.</summary>
    [StapFunction("print_ubacktrace")] public static void PrintUBacktrace() => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint_ubacktrace()</c>: the user-space stack as text.</summary>
    [StapFunction("sprint_ubacktrace")] public static string SprintUBacktrace() => StapOnlyException.Throw<string>();

    /// <summary><c>ubacktrace()</c>: the user-space stack as a string of hex addresses.</summary>
    [StapFunction("ubacktrace")] public static string UBacktrace() => StapOnlyException.Throw<string>();

    /// <summary><c>print_stack(stack)</c>: prints a <see cref="Backtrace"/> string with symbols.</summary>
    [StapFunction("print_stack")] public static void PrintStack(string stack) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint_stack(stack)</c>: a <see cref="Backtrace"/> string with symbols, as text.</summary>
    [StapFunction("sprint_stack")] public static string SprintStack(string stack) => StapOnlyException.Throw<string>();

    /// <summary><c>print_ustack(stack)</c>: prints a <see cref="UBacktrace"/> string with symbols.</summary>
    [StapFunction("print_ustack")] public static void PrintUStack(string stack) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint_ustack(stack)</c>.</summary>
    [StapFunction("sprint_ustack")] public static string SprintUStack(string stack) => StapOnlyException.Throw<string>();

    /// <summary><c>caller()</c>: the calling function's name and address.</summary>
    [StapFunction("caller")] public static string Caller() => StapOnlyException.Throw<string>();

    /// <summary><c>caller_addr()</c>: the calling function's address.</summary>
    [StapFunction("caller_addr")] public static long CallerAddr() => StapOnlyException.Throw<long>();

    /// <summary><c>addr()</c>: the kernel address the probe fired at.</summary>
    [StapFunction("addr")] public static long Addr() => StapOnlyException.Throw<long>();

    /// <summary><c>uaddr()</c>: the user-space address the current process was at.</summary>
    [StapFunction("uaddr")] public static long UAddr() => StapOnlyException.Throw<long>();

    /// <summary><c>symname(addr)</c>: the kernel symbol at an address.</summary>
    [StapFunction("symname")] public static string SymName(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>symdata(addr)</c>: symbol+offset/size [module] of a kernel address.</summary>
    [StapFunction("symdata")] public static string SymData(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>usymname(addr)</c>: the user-space symbol at an address.</summary>
    [StapFunction("usymname")] public static string USymName(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>usymdata(addr)</c>.</summary>
    [StapFunction("usymdata")] public static string USymData(long address) => StapOnlyException.Throw<string>();
}
