using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using StapSharp.Runtime.Processes;

namespace StapSharp.Runtime.Machines;

/// <summary>A distribution kernel module /init loads: its name and where the plain .ko is in the guest.</summary>
internal sealed record GuestKernelModule(string Name, string GuestPath);

/// <summary>
/// Loads distribution kernel modules in the guest. The files (dependencies first) go into the initramfs at their
/// /lib/modules path; compressed ones are decompressed on the host, since busybox insmod hands the kernel the file as
/// it is and the kernel wants a plain ELF. /init loads them with insmod, in order, before anything else runs; one that
/// fails stops the run with a marker naming it (insmod's error is on the console).
/// </summary>
internal static class GuestKernelModules
{
    /// <summary>Adds <paramref name="files"/> (in load order) of the release in <paramref name="modulesDirectory"/> to <paramref name="image"/>; returns them in that order.</summary>
    /// <param name="modulesDirectory">/lib/modules/RELEASE on the host: the folder the files' relative paths start from.</param>
    /// <param name="scratch">A host folder for decompressed copies.</param>
    public static async Task<IReadOnlyList<GuestKernelModule>> AddAsync(
        InitramfsBuilder image, string modulesDirectory, IReadOnlyList<KernelModuleFile> files, string scratch, CancellationToken cancel)
    {
        var release = Path.GetFileName(modulesDirectory);
        var modules = new List<GuestKernelModule>();
        foreach (var file in files)
        {
            var hostPath = Path.Combine(modulesDirectory, file.RelativePath);
            if (file.Compression.Length > 0)
            {
                var plain = Path.Combine(scratch, "kernel-modules", file.PlainRelativePath.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(plain)!);
                await DecompressAsync(hostPath, file.Compression, plain, cancel).ConfigureAwait(false);
                hostPath = plain;
            }
            // An absolute path in modules.dep (older depmod) keeps its place; a relative one is under the release folder.
            var guestPath = file.PlainRelativePath.StartsWith('/')
                ? file.PlainRelativePath
                : $"/lib/modules/{release}/{file.PlainRelativePath}";
            image.AddHostFile(guestPath, hostPath, InitramfsBuilder.Regular);
            modules.Add(new GuestKernelModule(file.Name, guestPath));
        }
        return modules;
    }

    /// <summary>Shell lines that load <paramref name="modules"/> in order; the first failure reports itself and powers off.</summary>
    public static void AppendLoad(StringBuilder script, IReadOnlyList<GuestKernelModule> modules, GuestMarkers markers)
    {
        foreach (var module in modules)
        {
            script.Append("insmod ").Append(ShellQuote.Quote(module.GuestPath)).Append($" 2>{GuestInitScript.ConsolePort} || ")
                .Append(GuestInitScript.FailAndPowerOff(markers, $"the guest could not load the kernel module {module.Name} (insmod failed)")).Append('\n');
        }
    }

    private static async Task DecompressAsync(string source, string compression, string destination, CancellationToken cancel)
    {
        await using var output = File.Create(destination);
        if (compression == ".gz")
        {
            await using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
            await input.CopyToAsync(output, cancel).ConfigureAwait(false);
            return;
        }
        var (tool, package) = compression == ".xz" ? ("xz", "xz-utils") : ("zstd", "zstd");
        var path = ExecutableLocator.FindOnPath(tool)
            ?? throw new MachineException($"the guest kernel's modules are compressed ({compression}) and {tool} is not installed", $"apt-get install {package}");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-dc", source })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancel).ConfigureAwait(false);
            await process.WaitForExitAsync(cancel).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new MachineException($"{tool} could not decompress {source}: {(await stderr.ConfigureAwait(false)).Trim()}");
            }
        }
        catch (OperationCanceledException)
        {
            ProcessTree.Kill(process);
            throw;
        }
    }
}
