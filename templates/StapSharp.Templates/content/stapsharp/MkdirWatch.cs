using StapSharp;
using static StapSharp.Stap;

namespace StapSharpProbe;

/// <summary>One completed mkdir(2): who made which directory, and how it went.</summary>
/// <param name="Pid">The calling process.</param>
/// <param name="ExecName">Its name.</param>
/// <param name="Path">The path as the process passed it.</param>
/// <param name="Result">0, or the error (e.g. EEXIST).</param>
public sealed record MkdirEvent(long Pid, string ExecName, string Path, Errno Result);

/// <summary>
/// A SystemTap probe script in C#: the build translates it to a .stp script (MkdirWatch.Script), and
/// reports at the C# line what stap could not do as written. Its methods never run in .NET.
/// </summary>
public sealed partial class MkdirWatch : ProbeScript
{
    /// <summary>The path of the mkdir each thread is in, read on entry while the pointer is the caller's.</summary>
    static readonly StapMap<long, string> pathOf = new(maxEntries: 4096);

    [Probe("syscall.mkdir")]
    void Enter(long pathname_uaddr) => pathOf[Tid()] = UserString(pathname_uaddr);

    [Probe("syscall.mkdir.return")]
    void Return(long retval)
    {
        // A call already in flight when the script started has no path.
        if (!pathOf.ContainsKey(Tid()))
        {
            return;
        }

        Emit(new MkdirEvent(Pid(), ExecName(), pathOf[Tid()], new Errno(retval)));
        pathOf.Remove(Tid());
    }
}
