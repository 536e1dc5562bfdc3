using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Tests.Support;

namespace StapSharp.Runtime.Tests.Machines;

public class CpioNewcWriterTests
{
    [Fact]
    public void Headers_and_data_are_padded_to_four_bytes()
    {
        using var buffer = new MemoryStream();
        using (var cpio = new CpioNewcWriter(buffer, leaveOpen: true))
        {
            cpio.AddFile("a", "xyz"u8, (UnixFileMode)0b110_100_100);
        }

        var bytes = buffer.ToArray();
        var text = Encoding.ASCII.GetString(bytes);

        Assert.StartsWith("070701", text);
        Assert.Equal(0, bytes.Length % 4);
        // 110-byte header + "a\0" = 112, then 3 data bytes padded to 116, then the trailer.
        Assert.Equal("xyz", text.Substring(112, 3));
        Assert.Equal("070701", text.Substring(116, 6));
        Assert.Contains("TRAILER!!!", text);
        Assert.Equal("00000002", text.Substring(6 + 11 * 8, 8)); // namesize includes the NUL
    }

    [Theory]
    [InlineData("/bin/sh", "bin/sh")]
    [InlineData("./init", "init")]
    [InlineData("usr/lib/x", "usr/lib/x")]
    public void Paths_are_stored_relative(string given, string stored) =>
        Assert.Equal(stored, CpioNewcWriter.NormalizePath(given));

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/./b")]
    [InlineData("/")]
    public void Unsafe_paths_are_rejected(string path) =>
        Assert.Throws<ArgumentException>(() => CpioNewcWriter.NormalizePath(path));

    // File modes are read back with the Unix-only API; the cpio tool is Unix-only too.
    [RequiresToolFact(ToolTier.Cpio)]
    [UnsupportedOSPlatform("windows")]
    public void Round_trip_through_the_real_cpio_keeps_files_modes_and_links()
    {
        using var temp = new TempDir();
        var hostFile = temp.Write("host/payload.bin", string.Concat(Enumerable.Repeat("0123456789", 10_000)) + "\u00e9");
        var image = new InitramfsBuilder()
            .AddText("init", "#!/bin/sh\necho hi\n", InitramfsBuilder.Executable)
            .AddHostFile("usr/lib/x86_64-linux-gnu/payload.bin", hostFile, InitramfsBuilder.Regular)
            .AddText("etc/empty", "", InitramfsBuilder.Regular)
            .AddDirectory("proc")
            .AddSymlink("bin/sh", "busybox")
            .AddText("bin/busybox", "not really", InitramfsBuilder.Executable);
        var archive = temp.Combine("initrd.cpio.gz");
        image.WriteGzip(archive);

        using var raw = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        {
            gzip.CopyTo(raw);
        }

        raw.Position = 0;
        var listing = ProcessHelper.Run("cpio", temp.Path, raw, "-t", "--quiet");
        Assert.Equal(0, listing.ExitCode);
        var names = listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["bin", "bin/busybox", "bin/sh", "etc", "etc/empty", "init", "proc", "usr", "usr/lib",
                      "usr/lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu/payload.bin"], names);

        var root = temp.Combine("extracted");
        Directory.CreateDirectory(root);
        raw.Position = 0;
        var extract = ProcessHelper.Run("cpio", root, raw, "-i", "--quiet", "--make-directories", "--no-absolute-filenames");
        Assert.True(extract.ExitCode == 0, extract.Stderr);

        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(Path.Combine(root, "init")));
        Assert.Equal(File.ReadAllBytes(hostFile), File.ReadAllBytes(Path.Combine(root, "usr/lib/x86_64-linux-gnu/payload.bin")));
        Assert.Equal(0, new FileInfo(Path.Combine(root, "etc/empty")).Length);
        Assert.Equal(InitramfsBuilder.Executable, File.GetUnixFileMode(Path.Combine(root, "init")));
        Assert.Equal(InitramfsBuilder.Regular, File.GetUnixFileMode(Path.Combine(root, "etc/empty")));
        Assert.True(Directory.Exists(Path.Combine(root, "proc")));
        Assert.Equal("busybox", new FileInfo(Path.Combine(root, "bin/sh")).LinkTarget);
    }

    [RequiresToolFact(ToolTier.Cpio)]
    public void Device_nodes_are_listed_as_character_devices()
    {
        using var temp = new TempDir();
        using var raw = new MemoryStream();
        using (var cpio = new CpioNewcWriter(raw, leaveOpen: true))
        {
            cpio.AddDirectory("dev");
            cpio.AddCharacterDevice("dev/console", 5, 1);
        }
        raw.Position = 0;
        var listing = ProcessHelper.Run("cpio", temp.Path, raw, "-t", "-v", "--quiet");
        Assert.Contains(listing.Stdout.Split('\n'), line => line.StartsWith('c') && line.Contains("5,") && line.EndsWith("dev/console"));
    }
}
