using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// SystemTap's Prometheus exporter: the tapset's prometheus probe (a procfs .read probe) and its dump macros, which
/// append one sample per map element to the probe's [Target] ref string value. The dumps of one probe share the
/// macros' loop variables, so their maps agree on types; other maps go to procfs files of their own.
/// </summary>
public sealed class Prometheus : ProbeScript
{
    static readonly StapMap<string, long> calls = new();
    static readonly StapMap<(string, long), long> bytes = new();
    static readonly StapMap<(string, long, string), long> errors = new();
    static readonly StapMap<(long, long), long> time = new(maxEntries: 20000, wrap: true);
    static readonly StapMap<long, string> names = new();
    static readonly StapMap<(long, long, long), long> fds = new();

    [Probe("syscall_any")]
    void Count(string name, long syscall_nr)
    {
        calls[name]++;
        bytes[(ExecName(), Pid())] += 1;
        errors[(ExecName(), Pid(), name)]++;
        time[(Pid(), syscall_nr)] += 1;
        names[Pid()] = ExecName();
        fds[(Pid(), Tid(), syscall_nr)]++;
    }

    static string ns2sec(long v) => Sprintf("%d.%d", v / 1000000000, v % 1000000000);

    static string label(string s) => s;

    [Probe("prometheus")]
    void Export([Target] ref string value)
    {
        PrometheusDumpArray1(ref value, calls, "syscall_count", "name");
        PrometheusDumpArray2(ref value, bytes, "bytes", "comm", "pid");
        PrometheusDumpArray3(ref value, errors, "errors", "comm", "pid", "syscall");
    }

    [Probe("procfs(\"latency\").read.maxsize(65536)")]
    void Latency([Target] ref string value) =>
        PrometheusDumpArray2Map(ref value, time, "syscall_time", "pid", "syscall", ns2sec, Sprint, SyscallName);

    [Probe("procfs(\"names\").read")]
    void Names([Target] ref string value)
    {
        value = "";
        PrometheusDumpArray1Map(ref value, names, "process", "pid", label, Sprint);
    }

    [Probe("procfs(\"fds\").read")]
    void Fds([Target] ref string value) =>
        PrometheusDumpArray3Map(ref value, fds, "fd_syscalls", "pid", "tid", "syscall", Sprint, Sprint, Sprint, SyscallName);
}
