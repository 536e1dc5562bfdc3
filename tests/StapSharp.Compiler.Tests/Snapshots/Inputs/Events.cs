using StapSharp;
using static StapSharp.Stap;

namespace Snapshots.Events
{
    public enum OpenMode : byte { Read = 1, Write = 2 }

    /// <summary>Every field kind: long, int, ulong, bool, string, an enum and Errno.</summary>
    public sealed record FileEvent(long Pid, int Fd, ulong Inode, bool Created, string Path, OpenMode Mode, Errno Result);

    public static class Outer
    {
        /// <summary>A nested record: its wire name is Snapshots.Events.Outer+Tick.</summary>
        public sealed record Tick(long Count, string Note = "tick");
    }

    /// <summary>Emit lowers to one temporary per field and a single printf; the schema is announced first.</summary>
    public sealed class Events : ProbeScript
    {
        static long ticks;

        [Probe("begin")]
        void Start() => Println("started");

        [Probe("syscall.openat.return")]
        void Opened(long retval)
        {
            var name = ExecName();
            Emit(new FileEvent(Pid(), (int)retval, 0xFFFF_FFFF_FFFF_FFFFUL, retval >= 0, name, retval > 0 ? OpenMode.Write : OpenMode.Read, new Errno(retval)));
        }

        [Probe("timer.s(1)")]
        void Second()
        {
            ticks++;
            // Named arguments are evaluated in the order written, and sent in constructor order.
            Emit(new Outer.Tick(Note: $"tick {ticks}", Count: ticks));
            Emit<Outer.Tick>(new(ticks));
        }
    }
}
