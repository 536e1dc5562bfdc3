using System.Text.Json;
using CsCheck;
using static StapSharp.EndToEnd.Tests.CommandLine.CliSources;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// Random command lines made of stapsharp's own words, numbers out of range and hostile paths (a FIFO, a
/// link to /dev/zero, a folder linked to its parent, names with control characters, /proc, /sys, response
/// files): whatever they are, stapsharp ends with a documented exit code other than the internal-error one,
/// prints no stack trace and no raw escape character. A failure prints CsCheck's seed; CsCheck_Seed=SEED
/// replays it.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    // Guards against a hang, not a timing assert.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly int[] DocumentedCodes = [0, 1, 2, 4, 64, 130];

    private static readonly string[] Commands = ["build", "check", "run", "doctor", "errno", "help", "bogus", "-h", "--version"];

    private static readonly string[] OptionsAndValues =
    [
        "-o", "--output", "-p", "--pass", "-T", "--time-limit", "-x", "--pid", "-G", "--global", "--class", "--format",
        "--vm", "--local", "--bulk", "-b", "-c", "--command", "--vm-command", "-v", "--all", "-a", "--", "-h", "--help",
        "0", "-1", "1", "3", "9", "2147483648", "99999999999", "-2147483648", "abc", "EIO", "eio", "-5", "133",
        "x=1", "1x=2", "=", "NAME=", "table", "jsonl", "csv", "text", "xml", "Hello", "Broken", " ", "-", "--=",
    ];

    /// <summary>Paths that stop before stap: none names sources that translate cleanly.</summary>
    private static readonly string[] PathsThatStopBeforeStap =
    [
        "", "Broken.cs", "p.cs", "zero.cs", "missing.cs", "loop", ".", "Hello.cs/sub", "existing-file", "/dev/null", "/dev/zero",
        "/proc/stapsharp-fuzz", "/proc/self", "/sys/kernel/stapsharp-fuzz", "/proc/self/fd/0", "out", "new/deeper",
        "a\u001b[31mred\n.cs", "\u202egnp.cs", string.Concat(Enumerable.Repeat("long/", 1000)) + "x.cs", "@/dev/zero", "@p.cs", "@missing",
    ];

    /// <summary>Only build gets a source that translates: check and run would take it on to stap.</summary>
    private static readonly string[] Translatable = ["Hello.cs", "good"];

    private readonly TempFolder _temp = new();

    // build runs in a build server of the test's own: random command lines reach it as they reach a process.
    private readonly ServerSandbox _servers = new(debug: false);

    public CliFuzzTests()
    {
        // "." holds the hostile files and Broken.cs, so no folder here translates cleanly.
        _temp.Write("Hello.cs.txt", Hello);
        _temp.Write("Broken.cs", Broken);
        _temp.Write("existing-file", "kept");
        Fifo(Path.Combine(_temp.Path, "p.cs"));
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "zero.cs"), "/dev/zero");
        var loop = Directory.CreateDirectory(Path.Combine(_temp.Path, "loop")).FullName;
        File.WriteAllText(Path.Combine(loop, "Broken.cs"), Broken);
        Directory.CreateSymbolicLink(Path.Combine(loop, "self"), "..");
        var good = Directory.CreateDirectory(Path.Combine(_temp.Path, "good")).FullName;
        File.WriteAllText(Path.Combine(good, "Hello.cs"), Hello);
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "Hello.cs"), Path.Combine(good, "Hello.cs"));
    }

    public void Dispose()
    {
        _servers.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Random_command_lines_never_end_in_an_internal_error()
    {
        var commandLines =
            from command in Gen.OneOf(Commands)
            from words in Gen.OneOf([.. OptionsAndValues, .. PathsThatStopBeforeStap, .. command == "build" ? Translatable : []]).Array[0, 6]
            from withCommand in Gen.Int[0, 9]
            select withCommand == 0 ? words : [command, .. words];

        await commandLines.SampleAsync(async arguments =>
        {
            var result = await CliRunner.RunAsync(_servers.StartInfo(server: true, _temp.Path, umask: null, arguments), Limit);

            var shown = JsonSerializer.Serialize(arguments);
            Assert.True(result.ExitCode != 3 && DocumentedCodes.Contains(result.ExitCode), $"{shown}\n{result}");
            Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal) || result.Stderr.Contains("Unhandled exception", StringComparison.Ordinal), $"{shown}\n{result}");
            Assert.False((result.Stdout + result.Stderr).Contains('\u001b'), $"{shown}: raw escape character\n{result}");
        }, iter: 300, threads: 2, print: arguments => JsonSerializer.Serialize(arguments));
    }
}
