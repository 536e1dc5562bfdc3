using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;
using StapSharpProbe;

// Runs MkdirWatch for 10 seconds (Ctrl-C stops it sooner) and prints every mkdir(2) it sees. As root, the
// module is built for this kernel and loaded with staprun; when this kernel cannot load modules it runs
// in a throw-away QEMU VM booting the distribution kernel. `stapsharp doctor` lists what either needs.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = !stop.IsCancellationRequested; stop.Cancel(); };

try
{
    var session = ScriptSession.Open(TargetChoice.Auto);
    if (session.Target.FallbackReason is { } reason)
    {
        Console.Error.WriteLine($"this kernel cannot load modules ({reason}): running in a QEMU VM");
    }

    // MkdirWatch.Script is the script the StapSharp package translated from the class at build time, with the
    // options its build needs; nothing is translated at run time.
    var script = StapScript.From(MkdirWatch.Script);
    var build = await session.BuildAsync(script, new Progress<string>(Console.Error.WriteLine), stop.Token);
    if (!build.Succeeded)
    {
        Console.Error.Write(build.Result.Stderr);
        return 4;
    }

    var options = new RunOptions
    {
        TimeLimit = TimeSpan.FromSeconds(10),
        // Nothing else makes directories inside the VM: make one twice (the second fails with EEXIST).
        GuestCommand = session.Target.UsesVm ? "mkdir /tmp/demo; mkdir /tmp/demo" : null,
    };
    await using var run = session.OpenEvents(build, options, cancel: stop.Token);
    await foreach (var e in run.Events<MkdirEvent>())
    {
        Console.WriteLine($"{e.ExecName}[{e.Pid}] mkdir {e.Path}: {(e.Result.Number == 0 ? "ok" : e.Result.ToString())}");
    }

    var summary = await run.Completion;
    Console.Error.WriteLine($"{summary.Events} mkdir call(s) seen");
    return summary.Run is { Succeeded: false } ? 4 : 0;
}
catch (ToolchainException error)
{
    // A missing tool: the message says what to install.
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
