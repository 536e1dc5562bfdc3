// Source: bruceding
// Original: scripts/iotime.stp
// Area: io
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>For each file a process closes: the bytes it read and wrote, and the time it spent in read and write.</summary>
public sealed class IoTime : ProbeScript
{
    static long start;
    static readonly StapMap<(long, long), Stats> time_io = new();

    static long timestamp() => GetTimeOfDayUs() - start;

    static string proc() => Sprintf("%d (%s)", Pid(), ExecName());

    [Probe("begin")]
    void Begin() => start = GetTimeOfDayUs();

    static readonly StapMap<long, string> possible_filename = new();
    static readonly StapMap<(long, long), string> filehandles = new();
    static readonly StapMap<(long, long), Stats> fileread = new();
    static readonly StapMap<(long, long), Stats> filewrite = new();

    [Probe("syscall.open")]
    [Probe("syscall.openat")]
    void Open(string filename) => possible_filename[Tid()] = filename;

    [Probe("syscall.creat")]
    void Creat(string pathname) => possible_filename[Tid()] = pathname;

    [Probe("syscall.open.return")]
    [Probe("syscall.openat.return")]
    [Probe("syscall.creat.return")]
    void Opened()
    {
        // Get filename even if non-dwarf syscall return probe are used.
        var filename = possible_filename[Tid()];
        possible_filename.Remove(Tid());
        if (Var.Return != -1)
        {
            filehandles[(Pid(), Var.Return)] = filename;
        }
        else
        {
            Printf("%d %s access %s fail\n", timestamp(), proc(), filename);
        }
    }

    static readonly StapMap<long, long> read_fds = new();
    static readonly StapMap<long, long> write_fds = new();

    [Probe("syscall.read")]
    void Read(long fd) => read_fds[Tid()] = fd;

    [Probe("syscall.read.return")]
    void ReadReturn()
    {
        var p = Pid();
        // Get fd even if non-dwarf syscall return probe.
        var fd = read_fds[Tid()];
        read_fds.Remove(Tid());
        var bytes = Var.Return;
        var time = GetTimeOfDayUs() - Entry(GetTimeOfDayUs());
        if (bytes > 0)
            fileread[(p, fd)].Add(bytes);
        time_io[(p, fd)].Add(time);
    }

    [Probe("syscall.write")]
    void Write(long fd) => write_fds[Tid()] = fd;

    [Probe("syscall.write.return")]
    void WriteReturn()
    {
        var p = Pid();
        // Get fd even if non-dwarf syscall return probe.
        var fd = write_fds[Tid()];
        write_fds.Remove(Tid());
        var bytes = Var.Return;
        var time = GetTimeOfDayUs() - Entry(GetTimeOfDayUs());
        if (bytes > 0)
            filewrite[(p, fd)].Add(bytes);
        time_io[(p, fd)].Add(time);
    }

    [Probe("syscall.close")]
    void Close(long fd)
    {
        if (filehandles.ContainsKey((Pid(), fd)))
        {
            Printf("%d %s access %s read: %d write: %d\n",
                timestamp(), proc(), filehandles[(Pid(), fd)],
                fileread[(Pid(), fd)].Sum(), filewrite[(Pid(), fd)].Sum());
            if (time_io[(Pid(), fd)].Count() != 0)
                Printf("%d %s iotime %s time: %d\n", timestamp(), proc(),
                    filehandles[(Pid(), fd)], time_io[(Pid(), fd)].Sum());
        }
        fileread.Remove((Pid(), fd));
        filewrite.Remove((Pid(), fd));
        filehandles.Remove((Pid(), fd));
        time_io.Remove((Pid(), fd));
    }
}
