using System.IO.Compression;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// Collects the files of an initramfs (host files, generated text, links, device nodes),
/// adds every parent directory, and writes them as a gzip-compressed newc cpio archive
/// in an order the kernel can unpack (parents before children).
/// </summary>
internal sealed class InitramfsBuilder
{
    private abstract record Entry;
    private sealed record DirectoryEntry : Entry;
    private sealed record HostFileEntry(string HostPath, UnixFileMode Mode) : Entry;
    private sealed record BytesEntry(byte[] Content, UnixFileMode Mode) : Entry;
    private sealed record SymlinkEntry(string Target) : Entry;
    private sealed record CharDeviceEntry(int Major, int Minor) : Entry;

    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    public const UnixFileMode Regular = (UnixFileMode)0b110_100_100;

    /// <summary>The archive paths added so far (normalized, sorted).</summary>
    public IEnumerable<string> Paths => _entries.Keys;

    public InitramfsBuilder AddDirectory(string path)
    {
        var normalized = CpioNewcWriter.NormalizePath(path);
        AddParents(normalized);
        _entries.TryAdd(normalized, new DirectoryEntry());
        return this;
    }

    /// <summary>Adds a host file's content (links followed), keeping its execute bits unless a mode is given.</summary>
    public InitramfsBuilder AddHostFile(string archivePath, string hostPath, UnixFileMode? mode = null)
    {
        if (!File.Exists(hostPath))
        {
            throw new FileNotFoundException($"file for the VM image not found: {hostPath}", hostPath);
        }

        return Add(archivePath, new HostFileEntry(hostPath, mode ?? (OperatingSystem.IsWindows() ? Regular : File.GetUnixFileMode(hostPath))));
    }

    public InitramfsBuilder AddText(string archivePath, string text, UnixFileMode mode = Regular) =>
        Add(archivePath, new BytesEntry(Encoding.UTF8.GetBytes(text), mode));

    public InitramfsBuilder AddSymlink(string archivePath, string target) => Add(archivePath, new SymlinkEntry(target));

    public InitramfsBuilder AddCharacterDevice(string archivePath, int major, int minor) =>
        Add(archivePath, new CharDeviceEntry(major, minor));

    /// <summary>Writes the archive, gzip-compressed (the kernel unpacks gzip initramfs images).</summary>
    public void WriteGzip(string outputPath)
    {
        using var file = File.Create(outputPath);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var cpio = new CpioNewcWriter(gzip, leaveOpen: true);
        WriteTo(cpio);
    }

    /// <summary>Writes every entry to <paramref name="cpio"/> and finishes it.</summary>
    public void WriteTo(CpioNewcWriter cpio)
    {
        foreach (var (path, entry) in _entries)
        {
            switch (entry)
            {
                case DirectoryEntry:
                    cpio.AddDirectory(path);
                    break;
                case HostFileEntry host:
                    using (var source = File.OpenRead(host.HostPath))
                    {
                        cpio.AddFile(path, source, source.Length, host.Mode);
                    }

                    break;
                case BytesEntry bytes:
                    cpio.AddFile(path, bytes.Content, bytes.Mode);
                    break;
                case SymlinkEntry link:
                    cpio.AddSymlink(path, link.Target);
                    break;
                case CharDeviceEntry device:
                    cpio.AddCharacterDevice(path, device.Major, device.Minor);
                    break;
            }
        }
        cpio.Finish();
    }

    private InitramfsBuilder Add(string archivePath, Entry entry)
    {
        var normalized = CpioNewcWriter.NormalizePath(archivePath);
        AddParents(normalized);
        _entries[normalized] = entry;
        return this;
    }

    private void AddParents(string normalized)
    {
        for (var slash = normalized.IndexOf('/'); slash > 0; slash = normalized.IndexOf('/', slash + 1))
        {
            _entries.TryAdd(normalized[..slash], new DirectoryEntry());
        }
    }
}
