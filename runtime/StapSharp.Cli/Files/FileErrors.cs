using System.Runtime.InteropServices;

namespace StapSharp.Cli.Files;

/// <summary>Why a file operation failed, in the words of the system's own messages ("Permission denied").</summary>
internal static class FileErrors
{
    public static bool IsFileError(Exception error) => error is IOException or UnauthorizedAccessException;

    public static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException => "Permission denied",
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        PathTooLongException => "File name too long",
        // On Linux an IOException's HResult is the errno when System.IO has no type of its own for it.
        IOException { HResult: > 0 and < 4096 } io => Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => error.Message,
    };
}
