namespace StapSharp.Runtime.Machines;

/// <summary>One loadable module file of a kernel release.</summary>
/// <param name="Name">The module's name as the kernel knows it (lsmod, /sys/module): '-' written as '_'.</param>
/// <param name="RelativePath">Its path under /lib/modules/RELEASE as modules.dep lists it, compression suffix included.</param>
public sealed record KernelModuleFile(string Name, string RelativePath)
{
    private static readonly string[] Compressions = [".xz", ".zst", ".gz"];

    /// <summary>The compression suffix of the file (".xz", ".zst", ".gz"), or "" for a plain .ko.</summary>
    public string Compression => CompressionOf(RelativePath);

    /// <summary><see cref="RelativePath"/> without the compression suffix: where the plain .ko goes.</summary>
    public string PlainRelativePath => RelativePath[..^Compression.Length];

    /// <summary>The compression suffix of a module's file name or path, or "" for a plain .ko.</summary>
    internal static string CompressionOf(string path) =>
        Compressions.FirstOrDefault(c => path.EndsWith(".ko" + c, StringComparison.Ordinal)) ?? "";
}
