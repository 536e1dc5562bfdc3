namespace StapSharp;

// Context: who and where the probe fired (tapset/linux/context.stp, context-symbols.stp).
public static partial class Stap
{
    /// <summary><c>pgrp()</c>: the process group id of the current process.</summary>
    [StapFunction("pgrp")] public static long PGrp() => StapOnlyException.Throw<long>();

    /// <summary><c>sid()</c>: the session id of the current process.</summary>
    [StapFunction("sid")] public static long Sid() => StapOnlyException.Throw<long>();

    /// <summary><c>egid()</c>: the effective group id.</summary>
    [StapFunction("egid")] public static long EGid() => StapOnlyException.Throw<long>();

    /// <summary><c>cmdline_str()</c>: the current process's command line, arguments separated by spaces.</summary>
    [StapFunction("cmdline_str")] public static string CmdlineStr() => StapOnlyException.Throw<string>();

    /// <summary><c>cmdline_arg(n)</c>: argument <paramref name="n"/> of the command line (0 is the program).</summary>
    [StapFunction("cmdline_arg")] public static string CmdlineArg(long n) => StapOnlyException.Throw<string>();

    /// <summary><c>cmdline_args(n, m, delim)</c>: arguments n to m (-1: to the end) joined by <paramref name="delimiter"/>.</summary>
    [StapFunction("cmdline_args")] public static string CmdlineArgs(long n, long m, string delimiter) => StapOnlyException.Throw<string>();

    /// <summary><c>is_return()</c>: whether the probe is a return probe.</summary>
    [StapFunction("is_return")] public static bool IsReturn() => StapOnlyException.Throw<bool>();

    /// <summary><c>probemod()</c>: the kernel module the probe point is in.</summary>
    [StapFunction("probemod")] public static string ProbeModule() => StapOnlyException.Throw<string>();

    /// <summary><c>modname(addr)</c>: the kernel module holding an address.</summary>
    [StapFunction("modname")] public static string ModName(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>pn()</c>: the probe point as written in the script (with wildcards), where <see cref="ProbePoint"/> is the resolved one.</summary>
    [StapFunction("pn")] public static string ProbeName() => StapOnlyException.Throw<string>();

    /// <summary><c>registers_valid()</c>: whether register values (and so the *_arg functions) are usable here.</summary>
    [StapFunction("registers_valid")] public static bool RegistersValid() => StapOnlyException.Throw<bool>();

    /// <summary><c>is_myproc()</c>: whether the current process belongs to the user running the script.</summary>
    [StapFunction("is_myproc")] public static bool IsMyProc() => StapOnlyException.Throw<bool>();

    /// <summary><c>env_var(name)</c>: an environment variable of the current process.</summary>
    [StapFunction("env_var")] public static string EnvVar(string name) => StapOnlyException.Throw<string>();

    /// <summary><c>returnval()</c>: the return value register, in a return probe without debuginfo (kprobe.function().return).</summary>
    [StapFunction("returnval")] public static long ReturnVal() => StapOnlyException.Throw<long>();

    /// <summary><c>int_arg(n)</c>: argument n (from 1) of the probed function as a signed int, read from registers.</summary>
    [StapFunction("int_arg")] public static long IntArg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>uint_arg(n)</c>: argument n as an unsigned int.</summary>
    [StapFunction("uint_arg")] public static long UIntArg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>long_arg(n)</c>: argument n as a signed long.</summary>
    [StapFunction("long_arg")] public static long LongArg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>ulong_arg(n)</c>: argument n as an unsigned long.</summary>
    [StapFunction("ulong_arg")] public static long ULongArg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>pointer_arg(n)</c>: argument n as a pointer.</summary>
    [StapFunction("pointer_arg")] public static long PointerArg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>s32_arg(n)</c>.</summary>
    [StapFunction("s32_arg")] public static long S32Arg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>u32_arg(n)</c>.</summary>
    [StapFunction("u32_arg")] public static long U32Arg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>s64_arg(n)</c>.</summary>
    [StapFunction("s64_arg")] public static long S64Arg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>u64_arg(n)</c>.</summary>
    [StapFunction("u64_arg")] public static long U64Arg(long n) => StapOnlyException.Throw<long>();

    /// <summary><c>MAJOR(dev)</c>: the major number of a kernel device number.</summary>
    [StapFunction("MAJOR")] public static long Major(long dev) => StapOnlyException.Throw<long>();

    /// <summary><c>MINOR(dev)</c>: the minor number of a kernel device number.</summary>
    [StapFunction("MINOR")] public static long Minor(long dev) => StapOnlyException.Throw<long>();

    /// <summary><c>MKDEV(major, minor)</c>: a kernel device number.</summary>
    [StapFunction("MKDEV")] public static long MkDev(long major, long minor) => StapOnlyException.Throw<long>();

    /// <summary><c>system(cmd)</c>: runs a shell command on the host after the probe returns (asynchronously).</summary>
    [StapFunction("system")] public static void SystemCommand(string command) => StapOnlyException.Throw<bool>();

    /// <summary><c>abort()</c>: stop at once, without running end probes (unlike <see cref="Exit"/>).</summary>
    [StapFunction("abort")] public static void Abort() => StapOnlyException.Throw<bool>();
}
