using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>One completed mkdir(2): who made which directory, and how it went.</summary>
/// <param name="Pid">The calling process.</param>
/// <param name="ExecName">Its name.</param>
/// <param name="Path">The path as the process passed it, byte for byte.</param>
/// <param name="Result">0, or the error (e.g. EEXIST).</param>
public sealed record MkdirEvent(long Pid, string ExecName, string Path, Errno Result);

/// <summary>
/// MkdirTrace as typed events: instead of text lines, the return probe sends a <see cref="MkdirEvent"/>
/// record, which a host program receives as that record (runtime/StapSharp/WIRE-FORMAT.md).
/// </summary>
/// <remarks>
/// The path is read on entry, while the argument is certain to be the caller's pointer, and kept per
/// thread until the call returns (a thread is in at most one system call); the return probe removes it.
/// </remarks>
public sealed class MkdirEvents : ProbeScript
{
    /// <summary>The path of the mkdir each thread is in.</summary>
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
