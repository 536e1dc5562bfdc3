using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace StapSharp.EndToEnd.Tests.Flame;

/// <summary>The StackProfile sample in the VM, folded and drawn by `stapsharp run --folded --flame`.</summary>
public sealed partial class StackProfileVmTests
{
    [VmFact]
    public async Task StackProfile_folds_the_VMs_stacks_and_draws_them()
    {
        using var temp = new TempFolder();
        var folded = Path.Combine(temp.Path, "profile.folded");
        var flame = Path.Combine(temp.Path, "profile.svg");
        var result = await CliRunner.RunAsync(TimeSpan.FromMinutes(20),
            "run", "samples/StackProfile", "--vm", "--folded", folded, "--flame", flame, "-T", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(folded);
        Assert.True(lines.Length > 0, result.ToString());
        Assert.All(lines, line => Assert.Matches(FoldedLine(), line));
        // The module has the kernel's symbols: the mostly idle VM's ticks land in its idle loop, by name.
        Assert.Contains(lines, line => line[..line.LastIndexOf(' ')].Split(';').Contains("do_idle"));
        // Every sample is one event: the counts add up to what the run says it folded.
        var samples = lines.Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        var (count, distinct) = (samples.ToString("N0", CultureInfo.InvariantCulture), lines.Length.ToString("N0", CultureInfo.InvariantCulture));
        Assert.Contains($"folded {count} samples into {distinct} distinct stacks", result.Stderr, StringComparison.Ordinal);

        var svg = XDocument.Load(flame);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "title"), title => title.Value == $"all ({count} samples, 100%)");
    }

    [VmFact]
    public async Task The_command_s_program_gets_its_symbols_so_its_user_frames_have_names()
    {
        using var temp = new TempFolder();
        var folded = Path.Combine(temp.Path, "python.folded");
        var result = await CliRunner.RunAsync(TimeSpan.FromMinutes(20),
            "run", "samples/StackProfile", "--vm", "--vm-command", "python3 -c 'while True: pass'", "--folded", folded, "-T", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        // python3 is a link to python3.11 on the guest's PATH (this machine's files): its symbols are built in under the file's name.
        Assert.Matches(@"user stacks: building in the symbols of /usr/bin/python3\.\d+, the command's program \(stap -d\)", result.Stderr);
        var frames = File.ReadAllLines(folded).SelectMany(line => line[..line.LastIndexOf(' ')].Split(';')).ToHashSet();
        // The interpreter's loop, named from python's own symbols: without them its frames read [unknown] or [python3.11].
        Assert.Contains("_PyEval_EvalFrameDefault", frames);
    }

    /// <summary>root;...;leaf COUNT: frames without a separator, a line break or a control character.</summary>
    [GeneratedRegex(@"^[^;\p{Cc}]+(;[^;\p{Cc}]+)* [1-9][0-9]*$")]
    private static partial Regex FoldedLine();
}
