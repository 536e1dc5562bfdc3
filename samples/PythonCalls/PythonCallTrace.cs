using StapSharp;
using static StapSharp.Stap;

namespace PythonCalls;

/// <summary>One Python function call that returned.</summary>
/// <param name="File">The file of the function's code.</param>
/// <param name="Function">The function's name.</param>
/// <param name="Line">The line the call began on: the function's first line.</param>
/// <param name="LatencyNs">Wall-clock time from entry to return, callees included.</param>
public sealed record PythonCall(string File, string Function, long Line, long LatencyNs);

/// <summary>
/// Python 3.11's SDT markers as typed events: <c>function__entry</c> and <c>function__return</c> carry
/// the file, the function and the line (<c>$arg1</c>, <c>$arg2</c>, <c>$arg3</c>); each return becomes a
/// <see cref="PythonCall"/> with the time since its entry.
/// </summary>
/// <remarks>
/// Calls nest, so a thread's open calls are a stack: what the entry marker says of a call (its file, function and
/// line) and when it began are kept by (thread, depth) and removed on return, so the maps hold only the calls in
/// flight. Python 3.11 fires <c>function__entry</c> only where C code calls Python or while a profile function is
/// set (<c>sys.setprofile</c>), but <c>function__return</c> for every return, the profile function's own included:
/// a return closes the open call on top only when it names the same code (the same file and function strings, by
/// address), and other returns are left out.
/// </remarks>
public sealed partial class PythonCallTrace : ProbeScript
{
    /// <summary>How many marked calls each thread is inside.</summary>
    static readonly StapMap<long, long> depth = new(maxEntries: 4096);

    /// <summary>Entry time (ns, this CPU's clock) of each open call, by (thread, depth).</summary>
    static readonly StapMap<(long, long), long> startedAt = new(maxEntries: 65536);

    /// <summary>The addresses of the file and function strings of each open call, which its return passes again.</summary>
    static readonly StapMap<(long, long), long> fileAddressOf = new(maxEntries: 65536);

    /// <inheritdoc cref="fileAddressOf"/>
    static readonly StapMap<(long, long), long> functionAddressOf = new(maxEntries: 65536);

    /// <summary>The file of each open call, by (thread, depth).</summary>
    static readonly StapMap<(long, long), string> fileOf = new(maxEntries: 65536);

    /// <summary>The function of each open call, by (thread, depth).</summary>
    static readonly StapMap<(long, long), string> functionOf = new(maxEntries: 65536);

    /// <summary>The line each open call began on, by (thread, depth).</summary>
    static readonly StapMap<(long, long), long> lineOf = new(maxEntries: 65536);

    [Probe("process(\"/usr/bin/python3.11\").mark(\"function__entry\")")]
    void Enter([Target] long arg1, [Target] long arg2, [Target] long arg3)
    {
        long level = depth[Tid()] + 1;
        depth[Tid()] = level;
        fileAddressOf[(Tid(), level)] = arg1;
        functionAddressOf[(Tid(), level)] = arg2;
        fileOf[(Tid(), level)] = UserString(arg1);
        functionOf[(Tid(), level)] = UserString(arg2);
        lineOf[(Tid(), level)] = arg3;
        startedAt[(Tid(), level)] = LocalClockNs();
    }

    [Probe("process(\"/usr/bin/python3.11\").mark(\"function__return\")")]
    void Return([Target] long arg1, [Target] long arg2)
    {
        long level = depth[Tid()];
        if (level == 0 || fileAddressOf[(Tid(), level)] != arg1 || functionAddressOf[(Tid(), level)] != arg2)
        {
            return;
        }

        long latency = LocalClockNs() - startedAt[(Tid(), level)];
        Emit(new PythonCall(fileOf[(Tid(), level)], functionOf[(Tid(), level)], lineOf[(Tid(), level)], latency));
        startedAt.Remove((Tid(), level));
        fileAddressOf.Remove((Tid(), level));
        functionAddressOf.Remove((Tid(), level));
        fileOf.Remove((Tid(), level));
        functionOf.Remove((Tid(), level));
        lineOf.Remove((Tid(), level));
        if (level == 1)
        {
            depth.Remove(Tid());
        }
        else
        {
            depth[Tid()] = level - 1;
        }
    }
}
