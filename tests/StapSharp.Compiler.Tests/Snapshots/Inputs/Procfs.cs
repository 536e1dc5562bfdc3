using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// procfs files: a .read probe sets the file's text through [Target] ref string value (= and +=, stap's .=),
/// a .write probe reads what was written; no guru mode needed.
/// </summary>
public sealed class Procfs : ProbeScript
{
    static long Opens;
    static long Limit = 100;
    static StapMap<string, long> ByName = new(maxEntries: 100);

    [Probe("syscall.openat")]
    void Open()
    {
        Opens++;
        ByName[ExecName()]++;
    }

    [Probe("procfs(\"stats\").read")]
    void Stats([Target] ref string value)
    {
        value = $"opens {Opens}\n";
        foreach (var (name, count) in ByName)
        {
            value += $"{name} {count}\n";
        }
    }

    [Probe("procfs(\"limit\").umask(0644).read.maxsize(64)")]
    void ReadLimit([Target] ref string value) => value = $"{Limit}\n";

    [Probe("procfs(\"limit\").umask(0644).write")]
    void WriteLimit([Target] string value) => Limit = StrToL(value, 10);

    [Probe("procfs.read")]
    void Default([Target("value")] ref string text) => text = "the module's own file\n";
}
