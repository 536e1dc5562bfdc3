using System.Text;

namespace StapSharp.Cli.Files;

/// <summary>
/// Reads the source files a command takes as input: regular files only (<see cref="RegularFile"/>), each at most
/// <see cref="MaxFileBytes"/> and all together at most <see cref="MaxTotalBytes"/>, and each file once however many
/// names (links) lead to it.
/// </summary>
internal sealed class SourceFileReader
{
    /// <summary>
    /// 4 MiB: probe scripts are a few kilobytes; this still takes large generated C#, while a file past it is
    /// almost surely not a source (a log, a dump) and would cost Roslyn tens of times its size in memory.
    /// </summary>
    public const int MaxFileBytes = 4 << 20;

    /// <summary>16 MiB for everything one command reads, which keeps the compiler's memory well under a gigabyte.</summary>
    public const int MaxTotalBytes = 16 << 20;

    private readonly HashSet<(uint, uint, ulong)> _read = [];
    private long _total;

    /// <summary>The text of <paramref name="path"/>, or null when the same file was already read under another name.</summary>
    /// <param name="shown">How the file is named in messages.</param>
    /// <exception cref="UserError">The file is not a regular file, is too large, or cannot be read.</exception>
    public string? Read(string path, string shown)
    {
        try
        {
            var (handle, status) = RegularFile.Open(path, shown);
            using (handle)
            {
                if (!_read.Add(status.Identity))
                {
                    return null;
                }

                return Decode(ReadBounded(handle, shown));
            }
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            throw new UserError($"{shown}: cannot read: {FileErrors.Reason(error)}");
        }
    }

    private byte[] ReadBounded(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string shown)
    {
        // Read to the end rather than trusting the size: the file may grow while it is read.
        var bytes = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int count;
        while ((count = RandomAccess.Read(handle, buffer, bytes.Length)) > 0)
        {
            bytes.Write(buffer, 0, count);
            if (bytes.Length > MaxFileBytes)
            {
                throw new UserError($"{shown}: larger than {Mebibytes(MaxFileBytes)}, the most a source file may have; is it a source file?");
            }

            if (_total + bytes.Length > MaxTotalBytes)
            {
                throw new UserError($"{shown}: the sources read so far add up to more than {Mebibytes(MaxTotalBytes)}, the most one command reads; name a smaller folder or the .cs file itself");
            }
        }

        _total += bytes.Length;
        return bytes.ToArray();
    }

    /// <summary>As File.ReadAllText: UTF-8 unless a byte-order mark says otherwise.</summary>
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Mebibytes(int bytes) => $"{bytes >> 20} MiB";
}
