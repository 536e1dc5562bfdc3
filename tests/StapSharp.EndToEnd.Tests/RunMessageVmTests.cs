namespace StapSharp.EndToEnd.Tests;

/// <summary>SystemTap's runtime errors, provoked for real in the VM, arrive as typed diagnostics at the C# statement.</summary>
public sealed class RunMessageVmTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task A_full_map_is_STAP0170_at_the_statement_that_adds_to_it()
    {
        using var temp = new TempFolder();
        var source = temp.Write("MapOverflow.cs", """
            using StapSharp;
            using static StapSharp.Stap;

            public sealed class MapOverflow : ProbeScript
            {
                static StapMap<long, long> seen = new(maxEntries: 4);

                [Probe("begin")]
                void Fill()
                {
                    long i = 0;
                    while (i < 10)
                    {
                        seen[i] = i * 2;
                        i++;
                    }
                    Println("not reached");
                }
            }
            """);

        var result = await CliRunner.RunAsync(Long, "run", source, "--vm", "-T", "30");

        Assert.Contains("MapOverflow.cs(14,13): error STAP0170: stap: Array overflow, check size limit (4): a map was full", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("warning STAP0173: stap: Number of errors: 1, skipped probes: 0", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("stapsharp: no events; dropped 0; decode errors 0; stap warnings 1, errors 1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Array overflow", result.Stdout, StringComparison.Ordinal);
    }
}
