// Source: systemtap
// Original: testsuite/systemtap.examples/process/forktracker.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Process creation and exec, with times.</summary>
public sealed class ForkTracker : ProbeScript
{
    [Probe("kprocess.create")]
    void Created(long new_pid, long new_tid) =>
        Printf("%-25s: %s (%d:%d) created %d:%d\n", CTime(GetTimeOfDayS()), ExecName(), Pid(), Tid(), new_pid, new_tid);

    [Probe("kprocess.exec")]
    void Exec(string filename) =>
        Printf("%-25s: %s (%d) is exec'ing %s\n", CTime(GetTimeOfDayS()), ExecName(), Pid(), filename);
}
