using System.Text.RegularExpressions;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// The porting proof: real SystemTap scripts written as C# probe classes (Ports/Inputs).
/// Each port's emitted script is a snapshot, passes the real <c>stap -p1</c>, passes <c>-p2</c>
/// wherever its original does here, without the kernel's debuginfo and with it, and, when the port
/// is marked faithful, has the original's parse
/// tree after <see cref="ParseTreeDump"/>'s normalisation. A port marked not faithful must differ:
/// when a feature lands and the trees become equal, the test says so and the table is updated.
/// </summary>
public sealed partial class PortTests
{
    public static TheoryData<string> Ports() => PortCatalog.Names();

    /// <summary>Ports whose original resolves with stap -p2 on this project's machines without the kernel's debuginfo.</summary>
    public static TheoryData<string> PortsWhoseOriginalResolves() =>
        new(PortCatalog.All.Where(p => RecordedOriginal.Read(p.RecordedOriginalPath).PassesP2).Select(p => p.Name));

    /// <summary>Ports whose original resolves with stap -p2 once the kernel's debuginfo is installed.</summary>
    public static TheoryData<string> PortsWhoseOriginalResolvesWithDebuginfo() =>
        new(PortCatalog.All.Where(p => RecordedOriginal.Read(p.RecordedOriginalPath).PassesP2WithDebuginfo == true).Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Ports))]
    public void Port_matches_its_snapshot(string name) =>
        Snapshot.Verify(Compile(name).Text, Path.Combine(PortCatalog.Folder, name + ".verified.stp"));

    [Theory]
    [MemberData(nameof(Ports))]
    public void Port_header_names_the_recorded_original_at_its_pinned_commit(string name)
    {
        var port = PortCatalog.Get(name);
        var recorded = RecordedOriginal.Read(port.RecordedOriginalPath);
        Assert.Equal((port.Original, port.Source.Name, port.Source.Commit), (recorded.Original, recorded.Source, recorded.Commit));
        Assert.Contains(port.Area, Areas);
    }

    [StapTheory]
    [MemberData(nameof(Ports))]
    public void Port_passes_stap_p1(string name)
    {
        var script = Compile(name);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 1, name, scriptArguments: PortCatalog.Get(name).Arguments);
        Assert.True(exitCode == 0, $"stap -p1 rejected the port {name}:\n{stderr}\n--- script ---\n{script.Text}");
    }

    [StapTheory]
    [MemberData(nameof(PortsWhoseOriginalResolves))]
    public void Port_passes_stap_p2_where_the_original_does(string name)
    {
        var script = Compile(name);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, name, withoutDebuginfo: true, scriptArguments: PortCatalog.Get(name).Arguments);
        Assert.True(exitCode == 0, $"stap -p2 resolves the original of {name} but rejects the port:\n{stderr}\n--- script ---\n{script.Text}");
    }

    [DebuginfoTheory]
    [MemberData(nameof(PortsWhoseOriginalResolvesWithDebuginfo))]
    public void Port_passes_stap_p2_with_kernel_debuginfo_where_the_original_does(string name)
    {
        var script = Compile(name);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, name, scriptArguments: PortCatalog.Get(name).Arguments);
        Assert.True(exitCode == 0, $"with the kernel's debuginfo, stap -p2 resolves the original of {name} but rejects the port:\n{stderr}\n--- script ---\n{script.Text}");
    }

    [StapTheory]
    [MemberData(nameof(Ports))]
    public void Port_parse_tree_equals_the_original_exactly_when_marked_faithful(string name)
    {
        var port = PortCatalog.Get(name);
        var script = Compile(name);
        var (exitCode, dump, stderr) = StapTool.Run(script.Text, 1, name, scriptArguments: port.Arguments);
        Assert.True(exitCode == 0, stderr);
        var portTree = ParseTreeDump.Normalize(dump);
        var originalTree = RecordedOriginal.Read(port.RecordedOriginalPath).NormalizedDump;
        if (port.Faithful)
        {
            Assert.Equal(originalTree, portTree);
        }
        else
        {
            Assert.True(originalTree != portTree,
                $"{name} now has its original's parse tree: mark it '// Faithful: yes' and update Ports/README.md");
        }
    }

    /// <summary>
    /// The recorded dumps are derived artifacts: with the originals fetched
    /// (tests/ports/fetch-originals.sh), each is re-derived and must be what is committed
    /// (STAPSHARP_ACCEPT=1 rewrites it). Without them, the recorded dump must still be one this
    /// normalisation produces (normalising it again changes nothing).
    /// </summary>
    [StapTheory]
    [MemberData(nameof(Ports))]
    public void Recorded_original_is_what_the_original_gives(string name)
    {
        var port = PortCatalog.Get(name);
        var path = port.RecordedOriginalPath;
        if (File.Exists(port.CachedOriginalPath))
        {
            var derived = RecordedOriginal.FromOriginal(port, File.ReadAllText(port.CachedOriginalPath));
            if (Environment.GetEnvironmentVariable("STAPSHARP_ACCEPT") == "1")
            {
                // Derived without the debuginfo installed, the status with it is unknown here: the recorded one stays.
                var withDebuginfo = derived.PassesP2WithDebuginfo ?? (File.Exists(path) ? RecordedOriginal.Read(path).PassesP2WithDebuginfo : null);
                File.WriteAllText(path, (derived with { PassesP2WithDebuginfo = withDebuginfo }).Text);
            }

            Assert.True(File.Exists(path), $"No recorded original yet for {name}: run with STAPSHARP_ACCEPT=1 to write {path}");
            var recorded = RecordedOriginal.Read(path);
            Assert.Equal(derived.NormalizedDump, recorded.NormalizedDump);
            Assert.Equal(derived.PassesP2, recorded.PassesP2);
            Assert.Equal(derived.PassesP2WithDebuginfo ?? recorded.PassesP2WithDebuginfo, recorded.PassesP2WithDebuginfo);
        }
        else
        {
            var recorded = RecordedOriginal.Read(path);
            Assert.Equal(recorded.NormalizedDump, ParseTreeDump.Normalize(recorded.NormalizedDump));
        }
    }

    [Fact]
    public void Readme_table_lists_every_port_as_its_header_says()
    {
        var readme = File.ReadAllText(Path.Combine(PortCatalog.Folder, "README.md"));
        var rows = TableRow().Matches(readme)
            .Select(m => (Original: m.Groups["original"].Value, Source: m.Groups["source"].Value, Port: m.Groups["port"].Value, Faithful: m.Groups["faithful"].Value))
            .ToList();
        var expected = PortCatalog.All.Select(p => (p.Original, Source: p.Source.Name, Port: p.Name, Faithful: p.Faithful ? "yes" : "no")).ToList();
        Assert.Equal(expected.Order(), rows.Order());
    }

    [Fact]
    public void Ports_cover_every_area_with_at_least_twenty_scripts()
    {
        Assert.True(PortCatalog.All.Count >= 20, $"{PortCatalog.All.Count} ports");
        Assert.Equal(Areas.Order(), PortCatalog.All.Select(p => p.Area).Distinct().Order());
    }

    private static readonly string[] Areas = ["counting", "latency", "io", "network", "scheduling", "profiling"];

    /// <summary>A table row: | `original` | source | area | [Port](Inputs/Port.cs) | p1 | p2 | faithful | why |</summary>
    [GeneratedRegex(@"^\| `(?<original>[^`]+\.stp)` \| (?<source>[\w-]+) \| [a-z]+ \| \[(?<port>\w+)\]\(Inputs/\k<port>\.cs\) \| [^|]+ \| [^|]+ \| (?<faithful>yes|no) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    private static CompiledScript Compile(string name)
    {
        var output = TestCompiler.CompileFiles([PortCatalog.Get(name).SourcePath]);
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        return Assert.Single(output.Scripts);
    }
}
