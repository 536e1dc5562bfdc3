using System.Diagnostics;

namespace StapSharp.Runtime.Tests.Support;

/// <summary>Runs a helper tool (cpio, sh) for a test and returns its output.</summary>
public static class ProcessHelper
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string file, string workingDirectory, params string[] arguments) =>
        Run(file, workingDirectory, stdin: null, arguments);

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, string workingDirectory, Stream? stdin, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            stdin.CopyTo(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
