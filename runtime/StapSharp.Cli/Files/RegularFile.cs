using Microsoft.Win32.SafeHandles;

namespace StapSharp.Cli.Files;

/// <summary>
/// Opens a file a command reads, if it is a regular file: a FIFO would block, <c>/dev/zero</c> never ends, and opening
/// a device may act on it (a tape rewinds, a watchdog arms), so the name is looked at before it is opened, and what was
/// opened is checked again (the name may have been replaced in between).
/// </summary>
internal static class RegularFile
{
    /// <param name="shown">How the file is named in messages.</param>
    /// <exception cref="UserError">The path names no regular file.</exception>
    /// <exception cref="IOException">It cannot be examined or opened (see <see cref="FileErrors"/>).</exception>
    public static (SafeFileHandle Handle, FileStatus Status) Open(string path, string shown)
    {
        var looked = UnixFile.Status(path);
        if (looked.Kind != FileKind.Regular)
        {
            throw NotRegular(shown, looked.Kind);
        }

        var (handle, status) = UnixFile.OpenForReading(path);
        if (status.Kind != FileKind.Regular)
        {
            handle.Dispose();
            throw NotRegular(shown, status.Kind);
        }

        return (handle, status);
    }

    private static UserError NotRegular(string shown, FileKind kind) => kind == FileKind.Missing
        ? new UserError($"{shown}: no such file")
        : new UserError($"{shown}: {UnixFile.Describe(kind)}, not a regular file; only regular files are read");
}
