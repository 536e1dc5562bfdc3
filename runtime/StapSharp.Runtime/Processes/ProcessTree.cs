using System.Diagnostics;

namespace StapSharp.Runtime.Processes;

/// <summary>Ends a child process together with everything it started.</summary>
internal static class ProcessTree
{
    /// <summary>Kills a process and all its descendants; ignores a process that already exited.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }
}
