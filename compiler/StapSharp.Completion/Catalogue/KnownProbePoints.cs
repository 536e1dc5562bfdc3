namespace StapSharp.Completion.Catalogue;

/// <summary>
/// What the editor offers before <c>stapsharp list</c> has written a catalogue: stap's own points and tapset
/// points the samples probe, which resolve on every kernel stap supports. Without their variables: those come
/// from the catalogue.
/// </summary>
internal static class KnownProbePoints
{
    public static readonly ProbeCatalogue Catalogue = new(new[]
    {
        "begin", "end", "error", "never",
        "timer.s(1)", "timer.ms(100)", "timer.profile",
        "syscall_any", "syscall_any.return",
        "syscall.mkdir", "syscall.mkdir.return",
        "syscall.openat", "syscall.openat.return",
        "syscall.read", "syscall.read.return",
        "syscall.write", "syscall.write.return",
        "syscall.close", "syscall.close.return",
        "syscall.execve", "syscall.execve.return",
        "kernel.function(\"vfs_read\")", "kernel.function(\"vfs_read\").return",
        "kernel.trace(\"block_rq_complete\")",
    }.Select(point => new CataloguedPoint(point, Array.Empty<string>())).ToList());
}
