using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Processes;

/// <summary>
/// A path with every symbolic link resolved, its folders' included (libc's realpath): the name the kernel gives a mapped
/// file (<c>/bin/sh</c> on a merged-/usr system is <c>/usr/bin/dash</c>).
/// </summary>
internal static class RealPath
{
    [DllImport("libc", SetLastError = true, EntryPoint = "realpath")]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void NativeFree(IntPtr pointer);

    /// <summary>The canonical path of <paramref name="path"/>, or null when it does not exist.</summary>
    public static string? Of(string path)
    {
        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }
}
