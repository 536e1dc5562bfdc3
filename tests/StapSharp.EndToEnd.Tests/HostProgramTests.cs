using System.Diagnostics;

namespace StapSharp.EndToEnd.Tests;

/// <summary>`stapsharp run --vm-command` runs the user's own programs in the VM, from the current folder, under the probes.</summary>
public sealed class HostProgramTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(20);

    [VmFact]
    public async Task A_python_script_in_the_current_folder_runs_in_the_vm_and_its_function_entries_reach_the_probe()
    {
        using var temp = new TempFolder();
        var source = temp.Write("PyCalls.cs", """
            using StapSharp;
            using static StapSharp.Stap;
            public sealed class PyCalls : ProbeScript
            {
                [Probe("process(\"/usr/bin/python3.11\").mark(\"function__entry\")")]
                void Entry([Target] long arg1, [Target] long arg2, [Target] long arg3) =>
                    Println($"{UserString(arg2)} {UserString(arg1)}:{arg3}");
            }
            """);
        // Python 3.11 marks function entries only while a profile function is set.
        temp.Write("app.py", "import sys\ndef stapsharp_probe_me():\n    pass\nsys.setprofile(lambda *a: None)\nstapsharp_probe_me()\n");
        var start = CliRunner.StartInfo("run", source, "--vm", "--vm-command", "python3 app.py", "-T", "30");
        start.WorkingDirectory = temp.Path;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Long);
        await process.WaitForExitAsync(timeout.Token);
        var result = new CliRunner.Result(process.ExitCode, await stdout, await stderr);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"stapsharp_probe_me {Path.Combine(temp.Path, "app.py")}:2", result.StdoutLines);
    }
}
