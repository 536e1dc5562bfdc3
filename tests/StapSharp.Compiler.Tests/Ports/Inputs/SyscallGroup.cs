// Source: soarpenguin
// Original: probe-alias.stp
// Area: counting
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>System calls per program and group (io, process), through two probe aliases and a wildcard over them.</summary>
public sealed class SyscallGroup : ProbeScript
{
    static readonly StapMap<string, long> groups = new();

    [Probe("begin")]
    void Begin() => Printf("Collecting data... press Ctrl-C to stop.\n");

    [ProbeAlias("syscallgroup.io", "syscall.open")]
    [ProbeAlias("syscallgroup.io", "syscall.close")]
    [ProbeAlias("syscallgroup.io", "syscall.read")]
    [ProbeAlias("syscallgroup.io", "syscall.write")]
    void Io()
    {
        string groupname = "io";
    }

    [ProbeAlias("syscallgroup.process", "syscall.fork")]
    [ProbeAlias("syscallgroup.process", "syscall.execve")]
    void Process()
    {
        string groupname = "process";
    }

    [Probe("syscallgroup.*")]
    void Count(string groupname) => groups[ExecName() + "/" + groupname]++;

    [Probe("end")]
    void End()
    {
        foreach (var (eg, _) in groups.OrderBy(e => e.Key))
            Printf("%s: %d\n", eg, groups[eg]);
    }
}
