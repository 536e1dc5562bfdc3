// Source: soarpenguin
// Original: pstree.stp
// Area: scheduling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The processes a command starts, as a DOT graph (run with -c COMMAND).</summary>
public sealed class PsTree : ProbeScript
{
    static readonly StapMap<long, long> depth = new();

    [Probe("begin")]
    void Begin()
    {
        Printf("digraph pstree {\n");
        Printf("rankdir=\"LR\"\n");
    }

    static string dot_escape(string str)
    {
        // In DOT double-quoted strings, the only escape is " to \"
        return StrReplace(str, "\"", "\\\"");
    }

    [Probe("process.begin")]
    void ProcessBegin()
    {
        if (!depth.ContainsKey(Pid()))
        {
            depth[Pid()] = 1;
            if (Pid() != Target())
                Printf("PID%d_%d -> PID%d_1\n", PPid(), depth[PPid()], Pid());
            Printf("PID%d_1 [ label=\"(%d) %s\" tooltip=\"forked from %d\" ];\n",
                Pid(), Pid(), dot_escape(ExecName()), PPid());
        }
    }

    [Probe("syscall.execve.return")]
    void Exec()
    {
        if (Var.Return == 0 && depth.ContainsKey(Pid()))
        {
            var d = ++depth[Pid()];
            Printf("PID%d_%d -> PID%d_%d [ style=\"dashed\" ];\n", Pid(), d - 1, Pid(), d);
            Printf("PID%d_%d [ label=\"(%d) %s\" tooltip=\"%s\" ];\n",
                Pid(), d, Pid(),
                dot_escape(Entry(Var.UserString("filename"))),
                dot_escape(CmdlineStr()));
        }
    }

    [Probe("end")]
    void End() => Printf("}\n");
}
