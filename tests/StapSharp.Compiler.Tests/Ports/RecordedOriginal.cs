using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// What the tests keep of an original SystemTap example: its normalised <c>stap -p1</c> dump and
/// whether <c>stap -p2</c> resolves it on this project's machines. The original itself is not in the
/// repository; tests/ports/fetch-originals.sh fetches it, and these files are derived from it.
/// </summary>
internal sealed record RecordedOriginal(string Original, string Commit, bool PassesP2, string NormalizedDump)
{
    private const string DumpLine = "# stap -p1 parse tree, normalised (Ports/ParseTreeDump.cs), of ";
    private const string P2Line = "# stap -p2 here: ";

    public static RecordedOriginal FromOriginal(Port port, string originalText)
    {
        var (p1Exit, dump, p1Errors) = StapTool.Run(originalText, 1, port.Name);
        Assert.True(p1Exit == 0, $"stap -p1 rejects the original {port.Original}:\n{p1Errors}");
        var (p2Exit, _, _) = StapTool.Run(originalText, 2, port.Name);
        return new RecordedOriginal(port.Original, port.Commit, p2Exit == 0, ParseTreeDump.Normalize(dump));
    }

    public static RecordedOriginal Read(string path)
    {
        var lines = File.ReadAllText(path).Split('\n', 3);
        if (lines.Length < 3 || !lines[0].StartsWith(DumpLine, StringComparison.Ordinal) || !lines[1].StartsWith(P2Line, StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: expected the two header lines '{DumpLine}...' and '{P2Line}passes|fails'");
        var source = lines[0][DumpLine.Length..].Split(" at SystemTap commit ");
        var p2 = lines[1][P2Line.Length..].Split(' ')[0] switch
        {
            "passes" => true,
            "fails" => false,
            var other => throw new InvalidDataException($"{path}: the -p2 status is 'passes' or 'fails', not '{other}'"),
        };
        return new RecordedOriginal(source[0], source[1], p2, lines[2]);
    }

    public string Text =>
        $"{DumpLine}{Original} at SystemTap commit {Commit}\n" +
        $"{P2Line}{(PassesP2 ? "passes" : "fails")} (kernel headers {StapTool.KernelRelease})\n" +
        NormalizedDump;
}
