using System.Diagnostics;

namespace StapSharp.Compiler.Tests.Support;

/// <summary>Runs the real stap translator's early passes (-p1 parse, -p2 elaborate) on emitted scripts.</summary>
internal static class StapTool
{
    public static readonly string? Path = Find("stap");

    /// <summary>
    /// The release the runtime builds for, when its headers are installed (stap needs -r: the host kernel is not the
    /// target): the runtime's own choice, so a second installed flavour (cloud, rt) does not change what is tested.
    /// </summary>
    public static readonly string? KernelRelease =
        StapSharp.Runtime.Toolchain.StapToolchain.Discover().BuildRelease;

    public static string? MissingReason =>
        Path is null ? "stap is not installed (apt-get install systemtap)" :
        KernelRelease is null ? "no kernel headers in /lib/modules/*/build (apt-get install linux-headers-amd64)" :
        null;

    /// <summary>The kernel's debuginfo for <see cref="KernelRelease"/>, where stap looks for it; null without headers.</summary>
    public static readonly StapSharp.Runtime.Toolchain.KernelDebuginfo? Debuginfo =
        KernelRelease is null ? null : StapSharp.Runtime.Toolchain.KernelDebuginfo.Locate(KernelRelease);

    /// <summary>Why a test that needs the kernel's debuginfo cannot run here; null when it can.</summary>
    public static string? MissingDebuginfoReason =>
        MissingReason ?? (Debuginfo is { IsInstalled: false } absent
            ? $"kernel debuginfo is not installed: install {absent.PackageName} with `{StapSharp.Runtime.Toolchain.KernelDebuginfo.InstallCommand}` or `{absent.AptCommand}`"
            : null);

    /// <param name="withoutDebuginfo">Hide the kernel's debuginfo from stap (an empty search path), as on a machine without it.</param>
    /// <param name="scriptArguments">The script's own arguments ($1, @1, $#), after the script's file, as stap takes them.</param>
    public static (int ExitCode, string Stdout, string Stderr) Run(
        string script, int pass, string name = "script", IReadOnlyList<string>? options = null, bool withoutDebuginfo = false,
        IReadOnlyList<string>? programFolders = null, IReadOnlyList<string>? scriptArguments = null)
    {
        _ = TracepointQueries.Value;
        return RunStap(script, pass, name, options, withoutDebuginfo, programFolders, scriptArguments);
    }

    /// <summary>
    /// stap caches each tracepoint header's query, a failed one too (as an empty object), and never tries it again, so one
    /// query that failed (seen with several stap processes querying at once under heavy load) fails every later test that
    /// probes a tracepoint. The first use in this process resolves a tracepoint alone; when that fails, the cached queries
    /// go and it runs once more. Whatever the second run says, the tests then say too.
    /// </summary>
    private static readonly Lazy<bool> TracepointQueries = new(() =>
    {
        const string Probe = "probe kernel.trace(\"sys_enter\") { println(1) }";
        if (RunStap(Probe, 2, "tracepoints").ExitCode == 0)
        {
            return true;
        }

        var cache = System.IO.Path.Combine(
            Environment.GetEnvironmentVariable("SYSTEMTAP_DIR") ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".systemtap"),
            "cache");
        foreach (var query in Directory.Exists(cache) ? Directory.EnumerateFiles(cache, "tracequery_*", SearchOption.AllDirectories) : [])
        {
            File.Delete(query);
        }

        return RunStap(Probe, 2, "tracepoints").ExitCode == 0;
    });

    private static (int ExitCode, string Stdout, string Stderr) RunStap(
        string script, int pass, string name, IReadOnlyList<string>? options = null, bool withoutDebuginfo = false,
        IReadOnlyList<string>? programFolders = null, IReadOnlyList<string>? scriptArguments = null)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stapsharp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, name + ".stp");
        File.WriteAllText(file, script);
        try
        {
            var start = new ProcessStartInfo(Path!, ["-r", KernelRelease!, $"-p{pass}", .. options ?? [], file, .. scriptArguments ?? []])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            if (withoutDebuginfo)
            {
                var empty = Directory.CreateDirectory(System.IO.Path.Combine(folder, "no-debuginfo")).FullName;
                start.Environment[StapSharp.Runtime.Toolchain.KernelDebuginfo.SearchPathVariable] = empty;
            }
            if (programFolders is { Count: > 0 })
            {
                // process("NAME") probes find their program on PATH, as stap finds it for users.
                start.Environment["PATH"] = string.Join(':', [.. programFolders, Environment.GetEnvironmentVariable("PATH") ?? string.Empty]);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Asserts that stap parses (-p1) and resolves (-p2) an emitted script, with -g for a guru-mode one, as it will
    /// be used: through the kernel's debuginfo when the script needs it (<see cref="CompiledScript.Debuginfo"/>), else
    /// with the debuginfo hidden, since where it is installed optional tapset points such as signal.* resolve through
    /// DWARF, where stap 4.8's tapset fails on 6.1 ($state in signal.stp).
    /// </summary>
    public static void AssertAccepts(CompiledScript script) => AssertAccepts(script, programFolders: []);

    /// <inheritdoc cref="AssertAccepts(CompiledScript)"/>
    /// <param name="programFolders">Folders put first on stap's PATH, where the script's process("NAME") programs are.</param>
    public static void AssertAccepts(CompiledScript script, IReadOnlyList<string> programFolders)
    {
        var needsDebuginfo = script.Debuginfo.NeedsKernelPackage;
        Assert.False(needsDebuginfo && MissingDebuginfoReason is not null, $"{script.ClassName} needs the kernel's debuginfo: {MissingDebuginfoReason}");
        foreach (var pass in new[] { 1, 2 })
        {
            var (exitCode, _, stderr) = Run(script.Text, pass, script.ClassName, script.RequiresGuru ? ["-g"] : [], withoutDebuginfo: !needsDebuginfo, programFolders);
            Assert.True(exitCode == 0, $"stap -p{pass} rejected {script.ClassName}:\n{stderr}\n--- script ---\n{script.Text}");
        }
    }

    /// <summary>What stap prints of a script it accepts at a pass: -p1 the parsed script, -p2 the resolved probes.</summary>
    public static string OutputOf(string script, int pass, bool withoutDebuginfo = false)
    {
        var (exitCode, stdout, stderr) = Run(script, pass, withoutDebuginfo: withoutDebuginfo);
        Assert.True(exitCode == 0, stderr);
        return stdout;
    }

    /// <summary>
    /// Asserts that stap's elaboration (-p2, without the kernel's debuginfo) rejects a script, saying <paramref name="message"/>
    /// where one is given: what keeps the translator from writing such a script.
    /// </summary>
    public static void AssertRejects(string script, string? message = null)
    {
        var (exitCode, _, stderr) = Run(script, 2, withoutDebuginfo: true);
        Assert.True(exitCode != 0, $"stap -p2 accepted:\n{script}");
        if (message is not null)
        {
            Assert.Contains(message, stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>stap with options and no script (e.g. --dump-functions), against the installed headers.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Dump(params string[] options)
    {
        var start = new ProcessStartInfo(Path!, ["-r", KernelRelease!, .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => System.IO.Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs the real stap; skipped, with the reason, only where stap or headers are absent.</summary>
public sealed class StapFactAttribute : FactAttribute
{
    public StapFactAttribute()
    {
        if (StapTool.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs the real stap.</summary>
public sealed class StapTheoryAttribute : TheoryAttribute
{
    public StapTheoryAttribute()
    {
        if (StapTool.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that needs the real stap and the kernel's debuginfo; skipped, naming the package, only where it is absent.</summary>
public sealed class DebuginfoFactAttribute : FactAttribute
{
    public DebuginfoFactAttribute()
    {
        if (StapTool.MissingDebuginfoReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs the real stap and the kernel's debuginfo; skipped, naming the package, only where it is absent.</summary>
public sealed class DebuginfoTheoryAttribute : TheoryAttribute
{
    public DebuginfoTheoryAttribute()
    {
        if (StapTool.MissingDebuginfoReason is { } reason)
        {
            Skip = reason;
        }
    }
}
