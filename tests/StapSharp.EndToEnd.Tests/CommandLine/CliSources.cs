using System.Diagnostics;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>Probe sources and odd files for the command-line tests.</summary>
internal static class CliSources
{
    public const string Hello = """
        using StapSharp;
        using static StapSharp.Stap;
        public sealed class Hello : ProbeScript
        {
            [Probe("begin")]
            void Begin() { Println("hello"); Exit(); }
        }
        """;

    public const string TwoScripts = """
        using StapSharp;
        using static StapSharp.Stap;
        public sealed class First : ProbeScript
        {
            [Probe("begin")]
            void Begin() => Println("first");
        }
        public sealed class Second : ProbeScript
        {
            [Probe("begin")]
            void Begin() => Println("second");
        }
        """;

    /// <summary>Translates with a STAPxxxx error (an int field), so no command that gets it reaches stap.</summary>
    public const string Broken = """
        using StapSharp;
        public sealed class Broken : ProbeScript
        {
            static int counter;
            [Probe("begin")]
            void Begin() { }
        }
        """;

    /// <summary>Makes a FIFO: reading it waits for a writer that never comes.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path} failed");
        return path;
    }

    /// <summary>The names in a folder, sorted: what a failed command must have left as it was.</summary>
    public static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>Nothing on stderr looks like a .NET stack trace.</summary>
    public static void AssertNoStackTrace(CliRunner.Result result) =>
        Assert.False(result.Stderr.Contains("   at ", StringComparison.Ordinal), result.ToString());
}
