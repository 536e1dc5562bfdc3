// Source: systemtap
// Original: testsuite/buildok/procfs01.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A file under /proc/systemtap that reads back what was last written to it.</summary>
public sealed class ProcfsReadWrite : ProbeScript
{
    static string foo_value = "100\n";

    [Probe("procfs(\"foo\").read")]
    void Read([Target] ref string value)
    {
        value = foo_value;
    }

    [Probe("procfs(\"foo\").write")]
    void Write([Target] string value)
    {
        foo_value = value;
        Printf("value is %s", foo_value);
    }
}
