using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Translation;

/// <summary>
/// Emitted scripts are compared with accepted snapshots, and every snapshot is checked by the real
/// stap: -p1 (parse) always, -p2 (resolve probes and tapsets) where the script resolves here.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string Root = Snapshot.RepositoryRoot();

    private static string InputsFolder => Path.Combine(Root, "tests", "StapSharp.Compiler.Tests", "Snapshots", "Inputs");

    private static string SnapshotsFolder => Path.Combine(Root, "tests", "StapSharp.Compiler.Tests", "Snapshots");

    public static TheoryData<string> Inputs() => new(Directory.GetFiles(InputsFolder, "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    /// <summary>Sample probe scripts: the sample folders that hold an expected script (NAME/NAME.verified.stp).</summary>
    public static TheoryData<string> Samples() => new(Directory.GetDirectories(Path.Combine(Root, "samples"))
        .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".verified.stp")))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Construct_matches_snapshot(string name)
    {
        var script = CompileInput(name);
        Snapshot.Verify(script.Text, Path.Combine(SnapshotsFolder, name + ".verified.stp"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_matches_its_expected_script(string sample)
    {
        var script = CompileSample(sample);
        Snapshot.Verify(script.Text, Path.Combine(Root, "samples", sample, sample + ".verified.stp"));
    }

    [StapTheory]
    [MemberData(nameof(Inputs))]
    public void Construct_passes_stap_p1_and_p2(string name) => StapTool.AssertAccepts(CompileInput(name));

    [StapTheory]
    [MemberData(nameof(Samples))]
    public void Sample_passes_stap_p1_and_p2(string sample) => StapTool.AssertAccepts(CompileSample(sample), BuildSamplePrograms(sample));

    /// <summary>
    /// A sample's own programs (a folder with a Makefile, e.g. VirtioBlkErrors/backend), built as its README says; their
    /// folders, for PATH, where its process("NAME") probes find them.
    /// </summary>
    private static IReadOnlyList<string> BuildSamplePrograms(string sample)
    {
        var folders = Directory.GetDirectories(Path.Combine(Root, "samples", sample))
            .Where(folder => File.Exists(Path.Combine(folder, "Makefile"))).ToList();
        foreach (var folder in folders)
        {
            using var make = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("make", ["-C", folder])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = make.StandardError.ReadToEndAsync();
            make.StandardOutput.ReadToEnd();
            make.WaitForExit();
            Assert.True(make.ExitCode == 0, $"make -C {folder} failed:\n{stderr.Result}");
        }
        return folders;
    }

    private static CompiledScript CompileInput(string name)
    {
        var output = TestCompiler.CompileFiles([Path.Combine(InputsFolder, name + ".cs")]);
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        return Assert.Single(output.Scripts);
    }

    private static CompiledScript CompileSample(string sample)
    {
        var files = Directory.GetFiles(Path.Combine(Root, "samples", sample), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        var output = TestCompiler.CompileFiles(files);
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        return Assert.Single(output.Scripts);
    }
}
