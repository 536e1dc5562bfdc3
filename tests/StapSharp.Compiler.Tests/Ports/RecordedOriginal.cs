using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// What the tests keep of an original SystemTap script: its normalised <c>stap -p1</c> dump and
/// whether <c>stap -p2</c> resolves it on this project's machines, without the kernel's debuginfo and
/// with it. The original itself is not in the repository; tests/ports/fetch-originals.sh fetches it,
/// and these files are derived from it.
/// </summary>
/// <param name="PassesP2WithDebuginfo">Null when derived on a machine without the debuginfo (then unknown).</param>
internal sealed partial record RecordedOriginal(string Original, string Source, string Commit, bool PassesP2, bool? PassesP2WithDebuginfo, string NormalizedDump)
{
    private const string DumpLine = "# stap -p1 parse tree, normalised (Ports/ParseTreeDump.cs), of ";
    private const string P2Line = "# stap -p2 here: ";

    public static RecordedOriginal FromOriginal(Port port, string originalText)
    {
        var (p1Exit, dump, p1Errors) = StapTool.Run(originalText, 1, port.Name, scriptArguments: port.Arguments);
        Assert.True(p1Exit == 0, $"stap -p1 rejects the original {port.Original}:\n{p1Errors}");
        var (withoutExit, _, _) = StapTool.Run(originalText, 2, port.Name, withoutDebuginfo: true, scriptArguments: port.Arguments);
        bool? withDebuginfo = StapTool.Debuginfo is { IsInstalled: true } ? StapTool.Run(originalText, 2, port.Name, scriptArguments: port.Arguments).ExitCode == 0 : null;
        return new RecordedOriginal(port.Original, port.Source.Name, port.Source.Commit, withoutExit == 0, withDebuginfo, ParseTreeDump.Normalize(dump));
    }

    public static RecordedOriginal Read(string path)
    {
        var lines = File.ReadAllText(path).Split('\n', 3);
        if (lines.Length < 3 || !lines[0].StartsWith(DumpLine, StringComparison.Ordinal) || P2Status().Match(lines[1]) is not { Success: true } status)
        {
            throw new InvalidDataException($"{path}: expected the two header lines '{DumpLine}...' and '{P2Line}passes|fails without kernel debuginfo, passes|fails with it'");
        }

        if (OriginLine().Match(lines[0][DumpLine.Length..]) is not { Success: true } origin)
        {
            throw new InvalidDataException($"{path}: the first line must end 'PATH from SOURCE at commit COMMIT'");
        }

        return new RecordedOriginal(origin.Groups["path"].Value, origin.Groups["source"].Value, origin.Groups["commit"].Value, status.Groups["without"].Value == "passes", status.Groups["with"].Value == "passes", lines[2]);
    }

    public string Text =>
        $"{DumpLine}{Original} from {Source} at commit {Commit}\n" +
        $"{P2Line}{Status(PassesP2)} without kernel debuginfo, {Status(PassesP2WithDebuginfo ?? throw new InvalidOperationException($"the -p2 status of {Original} with the kernel's debuginfo is unknown: record it where the debuginfo is installed ({StapTool.MissingDebuginfoReason})"))} with it (kernel {StapTool.KernelRelease})\n" +
        NormalizedDump;

    private static string Status(bool passes) => passes ? "passes" : "fails";

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<path>\S+) from (?<source>\S+) at commit (?<commit>[0-9a-f]{40})$")]
    private static partial System.Text.RegularExpressions.Regex OriginLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"^# stap -p2 here: (?<without>passes|fails) without kernel debuginfo, (?<with>passes|fails) with it \(")]
    private static partial System.Text.RegularExpressions.Regex P2Status();
}
