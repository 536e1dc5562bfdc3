using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Writes a cpio archive in the "newc" (SVR4, no CRC) format the Linux kernel unpacks as an
/// initramfs: a 110-byte ASCII header per entry, NUL-terminated name, data, each padded to 4 bytes,
/// ending with a TRAILER!!! entry. Paths are stored relative ("bin/sh"); parents must be added first.
/// </summary>
public sealed class CpioNewcWriter : IDisposable
{
    private const int S_IFDIR = 0x4000;
    private const int S_IFREG = 0x8000;
    private const int S_IFLNK = 0xA000;
    private const int S_IFCHR = 0x2000;
    private const string Trailer = "TRAILER!!!";

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private uint _nextInode = 1;
    private long _position;
    private bool _finished;

    /// <summary>Creates a writer on <paramref name="output"/> (compressed or not: the writer does not care).</summary>
    public CpioNewcWriter(Stream output, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Adds a directory.</summary>
    public void AddDirectory(string path, UnixFileMode mode = (UnixFileMode)0b111_101_101) =>
        WriteEntry(path, S_IFDIR | (int)mode, nlink: 2, ReadOnlySpan<byte>.Empty);

    /// <summary>Adds a regular file with the given bytes.</summary>
    public void AddFile(string path, ReadOnlySpan<byte> content, UnixFileMode mode = (UnixFileMode)0b110_100_100) =>
        WriteEntry(path, S_IFREG | (int)mode, nlink: 1, content);

    /// <summary>Adds a regular file whose <paramref name="length"/> bytes are copied from <paramref name="content"/>.</summary>
    public void AddFile(string path, Stream content, long length, UnixFileMode mode)
    {
        WriteHeader(path, S_IFREG | (int)mode, nlink: 1, checked((uint)length), 0, 0);
        var buffer = new byte[81920];
        var remaining = length;
        while (remaining > 0)
        {
            var read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new IOException($"{path}: source ended {remaining} bytes early");
            }

            WriteRaw(buffer.AsSpan(0, read));
            remaining -= read;
        }
        Pad();
    }

    /// <summary>Adds a symbolic link pointing at <paramref name="target"/>.</summary>
    public void AddSymlink(string path, string target) =>
        WriteEntry(path, S_IFLNK | 0b111_111_111, nlink: 1, Encoding.UTF8.GetBytes(target));

    /// <summary>Adds a character device node (e.g. dev/console 5:1).</summary>
    public void AddCharacterDevice(string path, int major, int minor, UnixFileMode mode = (UnixFileMode)0b110_000_000)
    {
        WriteHeader(path, S_IFCHR | (int)mode, nlink: 1, 0, (uint)major, (uint)minor);
        Pad();
    }

    /// <summary>Writes the trailer entry. Called by <see cref="Dispose"/> when not called before.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        WriteHeaderRaw(Trailer, 0, 0, 0, 0, 0, 0, 0);
        Pad();
        _output.Flush();
    }

    /// <summary>Finishes the archive and closes the stream unless asked to leave it open.</summary>
    public void Dispose()
    {
        Finish();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    /// <summary>"/bin/sh", "./bin/sh" and "bin/sh" all become "bin/sh".</summary>
    public static string NormalizePath(string path)
    {
        var trimmed = path.Replace('\\', '/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.TrimStart('/').TrimEnd('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"not a valid archive path: '{path}'", nameof(path));
        }

        return trimmed;
    }

    private void WriteEntry(string path, int mode, uint nlink, ReadOnlySpan<byte> content)
    {
        WriteHeader(path, mode, nlink, (uint)content.Length, 0, 0);
        WriteRaw(content);
        Pad();
    }

    private void WriteHeader(string path, int mode, uint nlink, uint size, uint rdevMajor, uint rdevMinor)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the archive is already finished");
        }

        WriteHeaderRaw(NormalizePath(path), _nextInode++, (uint)mode, nlink, size, rdevMajor, rdevMinor, mtime: 0);
    }

    private void WriteHeaderRaw(string name, uint inode, uint mode, uint nlink, uint size, uint rdevMajor, uint rdevMinor, uint mtime)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(110);
        header.Append("070701");
        foreach (var field in new[] { inode, mode, 0u /*uid*/, 0u /*gid*/, nlink, mtime, size,
                                      0u /*devmajor*/, 0u /*devminor*/, rdevMajor, rdevMinor,
                                      (uint)nameBytes.Length + 1, 0u /*check*/ })
        {
            header.Append(field.ToString("X8"));
        }

        WriteRaw(Encoding.ASCII.GetBytes(header.ToString()));
        WriteRaw(nameBytes);
        WriteRaw([0]);
        Pad();
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    private void Pad()
    {
        var padding = (int)((4 - _position % 4) % 4);
        if (padding > 0)
        {
            WriteRaw(stackalloc byte[padding]);
        }
    }
}
