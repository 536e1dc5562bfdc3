using StapSharp;
using static StapSharp.Stap;

/// <summary>
/// Script arguments, private globals, probe aliases with prologue and epilogue, build-time
/// conditions on the kernel, and try/catch.
/// </summary>
public sealed class ProbeContext : ProbeScript
{
    [ScriptArgument(1)] static long Threshold = 100;
    [ScriptArgument(2)] static string Command = "bash";
    private static long seen;

    [ProbeAlias("opened", "syscall.openat")]
    [ProbeAlias("opened", "syscall.open ?")]
    void Opened(string filename)
    {
        string path = filename;
        if (ExecName() != Command)
        {
            return;
        }
    }

    [ProbeAlias("opened", "syscall.openat", Epilogue = true)]
    void Counted() => seen++;

    [Probe("opened")]
    void Report(string path)
    {
        if (seen > Threshold)
        {
            Println($"{path} ({seen})");
        }
    }

    [Probe("begin")]
    void Begin()
    {
        if (Kernel.VersionAtLeast("5.10") && Kernel.Arch == "x86_64")
        {
            Println("recent x86_64 kernel");
        }
        else if (!(Kernel.Config("CONFIG_SMP") == "y" || Kernel.GuruMode))
        {
            Println("uniprocessor");
        }

        long width = Kernel.Config("CONFIG_64BIT") == "y" ? 64 : 32;
        try
        {
            Error($"width {width}");
        }
        catch (StapException e)
        {
            Println($"caught: {e.Message}");
        }

        try
        {
            Println(1L / (width - width));
        }
        catch
        {
            Println("division by zero");
        }
    }
}
