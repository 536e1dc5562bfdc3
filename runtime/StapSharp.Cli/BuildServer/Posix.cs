using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace StapSharp.Cli.BuildServer;

/// <summary>The process and socket facts .NET does not offer: who this process is, its umask, who is at a socket's other end.</summary>
internal static class Posix
{
    private const int SolSocket = 1, SoPeerCred = 17;

    /// <summary>The process at the other end of a connected Unix socket, as the kernel saw it connect.</summary>
    public readonly record struct Peer(int Pid, uint User, uint Group);

    public static uint User => geteuid();

    public static uint Group => getegid();

    public static Peer PeerOf(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        if (length != credentials.Length)
        {
            throw new IOException($"SO_PEERCRED returned {length} bytes");
        }

        return new Peer(BitConverter.ToInt32(credentials), BitConverter.ToUInt32(credentials[4..]), BitConverter.ToUInt32(credentials[8..]));
    }

    /// <summary>The file-creation mask; reading it means setting it, so it is set back at once.</summary>
    public static uint ReadUmask()
    {
        var mask = umask(0);
        umask(mask);
        return mask;
    }

    /// <summary>Sets the file-creation mask and returns the one before.</summary>
    public static uint SetUmask(uint mask) => umask(mask & 0x1FF);

    /// <summary>Leaves the caller's session and process group: the terminal's Ctrl-C and hang-up no longer reach this process.</summary>
    public static void NewSession() => setsid();

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc")]
    private static extern uint umask(uint mask);

    [DllImport("libc")]
    private static extern int setsid();
}
