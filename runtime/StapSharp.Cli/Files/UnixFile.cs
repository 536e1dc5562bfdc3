using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StapSharp.Cli.Files;

/// <summary>What a path names on Linux: a regular file, a folder, a FIFO, a device, ...</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Folder,
    Link,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>A file's kind, size and identity (device and inode: the same file under two names has one).</summary>
internal readonly record struct FileStatus(FileKind Kind, long Size, (uint Major, uint Minor, ulong Inode) Identity);

/// <summary>
/// The few Linux calls .NET does not offer: the type of a file (a FIFO or a device looks like any file to
/// System.IO, and opening a FIFO blocks), and opening without blocking so a file can be checked before it is read.
/// </summary>
internal static class UnixFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxIno = 0x100, StatxSize = 0x200;
    private const int OpenReadOnlyNonBlocking = 0x800 /* O_NONBLOCK */ | 0x100 /* O_NOCTTY */ | 0x80000 /* O_CLOEXEC */;
    private const int ENOENT = 2, ENOTDIR = 20;

    /// <summary>What <paramref name="path"/> names, following symbolic links unless <paramref name="followLinks"/> is false.</summary>
    /// <exception cref="IOException">The path cannot be examined (other than not existing).</exception>
    public static FileStatus Status(string path, bool followLinks = true)
    {
        if (statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxIno | StatxSize, out var buffer) == 0)
        {
            return ToStatus(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or ENOTDIR)
        {
            return new FileStatus(FileKind.Missing, 0, default);
        }

        throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
    }

    /// <summary>
    /// The kind, owner and permission bits of what <paramref name="path"/> itself names (a link is not followed);
    /// null when nothing is there.
    /// </summary>
    /// <exception cref="IOException">The path cannot be examined (other than not existing).</exception>
    public static (FileKind Kind, uint Owner, UnixFileMode Permissions)? Ownership(string path)
    {
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, out var buffer) == 0)
        {
            return (ToStatus(buffer).Kind, buffer.Owner, (UnixFileMode)(buffer.Mode & 0xFFF));
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading without blocking (a FIFO would wait for a writer) and returns
    /// the handle with what was opened, so the caller checks the file it holds, not the name it looked up.
    /// </summary>
    public static (SafeFileHandle Handle, FileStatus Status) OpenForReading(string path)
    {
        var descriptor = open(path, OpenReadOnlyNonBlocking);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (statx(descriptor, string.Empty, AtEmptyPath, StatxType | StatxIno | StatxSize, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        return (handle, ToStatus(buffer));
    }

    /// <summary>How a kind is named in messages: "a FIFO", "a character device", ...</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing",
        FileKind.Regular => "a file",
        FileKind.Folder => "a folder",
        FileKind.Link => "a symbolic link",
        FileKind.Fifo => "a FIFO",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => kind.ToString(),
    };

    private static FileStatus ToStatus(in StatxBuffer buffer)
    {
        var kind = (buffer.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Folder,
            0xA000 => FileKind.Link,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            _ => FileKind.Socket, // 0xC000, the one type left
        };
        return new FileStatus(kind, (long)buffer.Size, (buffer.DeviceMajor, buffer.DeviceMinor, buffer.Inode));
    }

    /// <summary>Linux's struct statx (the same layout on every architecture), the fields read here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)] public uint Owner;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags);
}
