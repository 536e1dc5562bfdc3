// Source: arstercz
// Original: src/syscall/execve.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every execve(): time, user, process, parent and command line.</summary>
public sealed class Execve : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        Log("Enter Ctrl-c to end...");
        Printf("%-28s %6s %6s %6s %16s %s\n", "TIME", "UID", "PID", "PPID", "COMM", "ARGS");
    }

    [Probe("syscall.execve.return")]
    void Exec() => Printf("%-28s %6d %6d %6d %16s %s\n", TzCTime(GetTimeOfDayS()), Uid(), Pid(), PPid(), ExecName(), CmdlineStr());
}
