namespace StapSharp;

/// <summary>
/// SystemTap's built-in and tapset functions, named in PascalCase. Use them with
/// <c>using static StapSharp.Stap;</c>. Each stands for the stap function named by its
/// <see cref="StapFunctionAttribute"/>; none of them runs as .NET code.
/// </summary>
public static partial class Stap
{
    // ---- output (translator built-ins; formats are checked against argument types at build time)

    /// <summary><c>printf(format, args...)</c>. The format is stap's (%d %s %x %-20s ...) and must be a literal.</summary>
    [StapFunction("printf")]
    public static void Printf(string format, params object[] args) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprintf(format, args...)</c>.</summary>
    [StapFunction("sprintf")]
    public static string Sprintf(string format, params object[] args) => StapOnlyException.Throw<string>();

    /// <summary><c>print(value)</c>. An interpolated string becomes a printf format.</summary>
    [StapFunction("print")]
    public static void Print(string value) => StapOnlyException.Throw<bool>();

    /// <summary><c>print(value)</c>.</summary>
    [StapFunction("print")]
    public static void Print(long value) => StapOnlyException.Throw<bool>();

    /// <summary><c>println(value)</c>. An interpolated string becomes a printf format ending in \n.</summary>
    [StapFunction("println")]
    public static void Println(string value) => StapOnlyException.Throw<bool>();

    /// <summary><c>println(value)</c>.</summary>
    [StapFunction("println")]
    public static void Println(long value) => StapOnlyException.Throw<bool>();

    /// <summary><c>println()</c>: an empty line.</summary>
    [StapFunction("println")]
    public static void Println() => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint(value)</c>: a long as decimal text.</summary>
    [StapFunction("sprint")]
    public static string Sprint(long value) => StapOnlyException.Throw<string>();

    /// <summary><c>print(a, b, ...)</c>: the values one after another, with no separator (not a format: see <see cref="Printf"/>).</summary>
    [StapFunction("print")]
    public static void Print(params object[] values) => StapOnlyException.Throw<bool>();

    /// <summary><c>println(a, b, ...)</c>: the values one after another, with no separator, then a line end.</summary>
    [StapFunction("println")]
    public static void Println(params object[] values) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint(a, b, ...)</c>: the values one after another, as one string.</summary>
    [StapFunction("sprint")]
    public static string Sprint(params object[] values) => StapOnlyException.Throw<string>();

    /// <summary><c>sprintln(a, b, ...)</c>: the values one after another and a line end, as one string.</summary>
    [StapFunction("sprintln")]
    public static string Sprintln(params object[] values) => StapOnlyException.Throw<string>();

    /// <summary><c>printd(",", a, b, ...)</c>: the values separated by the delimiter, a constant string.</summary>
    [StapFunction("printd")]
    public static void Printd(string delimiter, params object[] values) => StapOnlyException.Throw<bool>();

    /// <summary><c>printdln(",", a, b, ...)</c>: the values separated by the delimiter, then a line end.</summary>
    [StapFunction("printdln")]
    public static void Printdln(string delimiter, params object[] values) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprintd(",", a, b, ...)</c>: the values separated by the delimiter, as one string.</summary>
    [StapFunction("sprintd")]
    public static string Sprintd(string delimiter, params object[] values) => StapOnlyException.Throw<string>();

    /// <summary><c>sprintdln(",", a, b, ...)</c>: the values separated by the delimiter and a line end, as one string.</summary>
    [StapFunction("sprintdln")]
    public static string Sprintdln(string delimiter, params object[] values) => StapOnlyException.Throw<string>();

    /// <summary><c>log(message)</c>: a line to the output, unbuffered.</summary>
    [StapFunction("log")]
    public static void Log(string message) => StapOnlyException.Throw<bool>();

    /// <summary><c>warn(message)</c>: a warning on stderr.</summary>
    [StapFunction("warn")]
    public static void Warn(string message) => StapOnlyException.Throw<bool>();

    /// <summary><c>error(message)</c>: a runtime error; ends the session unless caught.</summary>
    [StapFunction("error")]
    public static void Error(string message) => StapOnlyException.Throw<bool>();

    /// <summary><c>exit()</c>: run the end probes and stop.</summary>
    [StapFunction("exit")]
    public static void Exit() => StapOnlyException.Throw<bool>();

    // ---- context

    [StapFunction("pid")] public static long Pid() => StapOnlyException.Throw<long>();
    [StapFunction("tid")] public static long Tid() => StapOnlyException.Throw<long>();
    [StapFunction("ppid")] public static long PPid() => StapOnlyException.Throw<long>();
    [StapFunction("uid")] public static long Uid() => StapOnlyException.Throw<long>();
    [StapFunction("euid")] public static long EUid() => StapOnlyException.Throw<long>();
    [StapFunction("gid")] public static long Gid() => StapOnlyException.Throw<long>();
    [StapFunction("cpu")] public static long Cpu() => StapOnlyException.Throw<long>();
    [StapFunction("execname")] public static string ExecName() => StapOnlyException.Throw<string>();
    [StapFunction("pexecname")] public static string PExecName() => StapOnlyException.Throw<string>();
    /// <summary><c>target()</c>: the pid given with -x, or of the command given with -c.</summary>
    [StapFunction("target")] public static long Target() => StapOnlyException.Throw<long>();
    /// <summary><c>stp_pid()</c>: the pid of stapio, the process reading this script's output (to leave its own work out).</summary>
    [StapFunction("stp_pid")] public static long StapioPid() => StapOnlyException.Throw<long>();
    /// <summary><c>pp()</c>: the probe point that fired.</summary>
    [StapFunction("pp")] public static string ProbePoint() => StapOnlyException.Throw<string>();
    [StapFunction("ppfunc")] public static string ProbeFunction() => StapOnlyException.Throw<string>();
    [StapFunction("probefunc")] public static string ProbeFunc() => StapOnlyException.Throw<string>();
    /// <summary><c>user_mode()</c>: whether the probe fired in user space.</summary>
    [StapFunction("user_mode")] public static bool UserMode() => StapOnlyException.Throw<bool>();
    /// <summary><c>thread_indent(delta)</c>: an indentation prefix for call-graph output.</summary>
    [StapFunction("thread_indent")] public static string ThreadIndent(long delta) => StapOnlyException.Throw<string>();

    // ---- time

    [StapFunction("gettimeofday_ns")] public static long GetTimeOfDayNs() => StapOnlyException.Throw<long>();
    [StapFunction("gettimeofday_us")] public static long GetTimeOfDayUs() => StapOnlyException.Throw<long>();
    [StapFunction("gettimeofday_ms")] public static long GetTimeOfDayMs() => StapOnlyException.Throw<long>();
    [StapFunction("gettimeofday_s")] public static long GetTimeOfDayS() => StapOnlyException.Throw<long>();
    [StapFunction("local_clock_ns")] public static long LocalClockNs() => StapOnlyException.Throw<long>();
    [StapFunction("jiffies")] public static long Jiffies() => StapOnlyException.Throw<long>();
    [StapFunction("ctime")] public static string CTime(long epochSeconds) => StapOnlyException.Throw<string>();

    // ---- strings and memory

    [StapFunction("strlen")] public static long StrLen(string s) => StapOnlyException.Throw<long>();
    [StapFunction("substr")] public static string Substr(string s, long start, long length) => StapOnlyException.Throw<string>();
    /// <summary><c>isinstr(s, part)</c>: whether <paramref name="part"/> occurs in <paramref name="s"/>.</summary>
    [StapFunction("isinstr")] public static bool IsInStr(string s, string part) => StapOnlyException.Throw<bool>();
    [StapFunction("strtol")] public static long StrToL(string s, long @base) => StapOnlyException.Throw<long>();
    [StapFunction("user_string")] public static string UserString(long address) => StapOnlyException.Throw<string>();
    [StapFunction("kernel_string")] public static string KernelString(long address) => StapOnlyException.Throw<string>();
    /// <summary><c>syscall_name(number)</c>: the name of a system call number on this architecture, e.g. "openat".</summary>
    [StapFunction("syscall_name")] public static string SyscallName(long number) => StapOnlyException.Throw<string>();
    [StapFunction("errno_str")] public static string ErrnoStr(long errno) => StapOnlyException.Throw<string>();
}
