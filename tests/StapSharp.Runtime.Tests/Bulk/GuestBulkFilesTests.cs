using System.Text;
using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Tests.Bulk;

/// <summary>Per-CPU bulk files sent from the guest's console as base64 between nonce markers.</summary>
public sealed class GuestBulkFilesTests
{
    private static readonly GuestMarkers Markers = new("0123456789ab");

    private static string Send(string name, byte[] bytes, int? announced = null) =>
        $"@@stapsharp-0123456789ab:bulk {name} {announced ?? bytes.Length}@@\n" +
        string.Join('\n', Convert.ToBase64String(bytes).Chunk(76).Select(c => new string(c))) + "\n" +
        "@@stapsharp-0123456789ab:bulk-end@@\n";

    [Fact]
    public void Files_are_decoded_byte_for_byte_between_console_noise()
    {
        using var folder = new Support.TempDir();
        var cpu0 = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var cpu1 = new byte[] { 0x1e, (byte)'\n', 0, 0xff };
        var console = "[    1.0] booted\nmkdir: can't create directory\n" + Send("cpu_0", cpu0) + "noise\n" + Send("cpu_1", cpu1);

        var files = GuestBulkFiles.Extract(console, Markers, folder.Path);

        Assert.Equal([Path.Combine(folder.Path, "cpu_0"), Path.Combine(folder.Path, "cpu_1")], files);
        Assert.Equal(cpu0, File.ReadAllBytes(files[0]));
        Assert.Equal(cpu1, File.ReadAllBytes(files[1]));
    }

    [Fact]
    public void A_file_cut_short_or_of_the_wrong_size_is_an_error()
    {
        using var folder = new Support.TempDir();
        var bytes = Encoding.ASCII.GetBytes("hello");

        var wrongSize = Assert.Throws<InvalidDataException>(() => GuestBulkFiles.Extract(Send("cpu_0", bytes, announced: 9), Markers, folder.Path));
        Assert.Contains("cpu_0 arrived with 5 of 9 bytes", wrongSize.Message, StringComparison.Ordinal);

        var cut = Send("cpu_1", bytes);
        var cutShort = Assert.Throws<InvalidDataException>(() => GuestBulkFiles.Extract(cut[..cut.IndexOf("@@stapsharp-0123456789ab:bulk-end", StringComparison.Ordinal)], Markers, folder.Path));
        Assert.Contains("cpu_1 was cut short", cutShort.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_run_s_markers_are_ignored_and_names_cannot_leave_the_folder()
    {
        using var folder = new Support.TempDir();

        Assert.Empty(GuestBulkFiles.Extract(Send("cpu_0", [1, 2]).Replace("0123456789ab", "ffffffffffff"), Markers, folder.Path));
        Assert.Throws<InvalidDataException>(() => GuestBulkFiles.Extract(Send("../evil", [1]), Markers, folder.Path));
    }
}
