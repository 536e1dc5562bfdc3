using System.Diagnostics;

namespace StapSharp.TapsetGenerator;

/// <summary>
/// The installed stap, asked about the tapsets of the kernel release the runtime builds for (the release is
/// found, never assumed). Its tapsets are read from $SYSTEMTAP_TAPSET or share/systemtap/tapset beside it.
/// </summary>
internal sealed class InstalledStap
{
    private InstalledStap(string path, string release, string tapsetFolder)
    {
        Path = path;
        Release = release;
        TapsetFolder = tapsetFolder;
    }

    public string Path { get; }

    public string Release { get; }

    public string TapsetFolder { get; }

    /// <summary>The installed stap, or null with the reason it cannot be asked.</summary>
    public static InstalledStap? Find(out string reason)
    {
        reason = string.Empty;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => System.IO.Path.Combine(dir, "stap")).FirstOrDefault(File.Exists);
        // The runtime's own choice: with a second flavour installed (cloud, rt), the newest name is not the default kernel,
        // and stap's answers for another release are not byte-identical.
        var release = StapSharp.Runtime.Toolchain.StapToolchain.Discover().BuildRelease;
        if (path is null || release is null)
        {
            reason = path is null ? "stap is not installed (apt-get install systemtap)" : "no kernel headers in /lib/modules/*/build";
            return null;
        }

        var real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        var tapsets = Environment.GetEnvironmentVariable("SYSTEMTAP_TAPSET") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(real)!, "..", "share", "systemtap", "tapset"));
        return new InstalledStap(path, release, tapsets);
    }

    /// <summary><c>stap --dump-functions</c>: every tapset function with its declared types.</summary>
    public string DumpFunctions()
    {
        var (exitCode, stdout, stderr) = Run(["--dump-functions"]);
        return exitCode == 0 ? stdout : throw new InvalidOperationException("stap --dump-functions failed:\n" + stderr);
    }

    /// <summary><c>stap -p2 -u</c> of a script (with -g for guru-mode functions): the elaborated script, or null if stap rejects it.</summary>
    public string? Elaborate(string script, bool guru) => ElaborateWithErrors(script, guru).Stdout;

    /// <summary><c>stap -p2 -u</c> of a script: the elaborated script or null, and what stap said on stderr.</summary>
    public (string? Stdout, string Stderr) ElaborateWithErrors(string script, bool guru = false)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stapsharp-tapset-{Guid.NewGuid():N}.stp");
        File.WriteAllText(file, script);
        try
        {
            var (exitCode, stdout, stderr) = Run(["-p2", "-u", .. guru ? new[] { "-g" } : [], file]);
            return (exitCode == 0 ? stdout : null, stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<string> options)
    {
        var start = new ProcessStartInfo(Path, ["-r", Release, .. options])
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
}
