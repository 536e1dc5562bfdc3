using System.Globalization;
using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>A <see cref="VmDisk"/> given to QEMU: its image and, for a faulty disk, its blkdebug rules.</summary>
internal sealed record AttachedDisk(VmDisk Disk, string ImagePath, string? BlkdebugConfigPath);

/// <summary>
/// The VM's virtio disks. Each is a sparse file in the run's folder. A faulty one
/// goes through QEMU's blkdebug driver, whose rules (<see cref="BlkdebugConfig"/>) fail the chosen operations;
/// <c>werror=report,rerror=report</c> hands the error to the guest instead of pausing the VM. Only numbers and enum
/// names the run validated reach QEMU's command line and the rules; the paths are the run's own.
/// </summary>
internal static class GuestDisks
{
    /// <summary>The distribution kernel modules the disks need in the guest (the PCI transport and the disk driver; the rest come as dependencies).</summary>
    public static IReadOnlyList<string> KernelModules { get; } = ["virtio_pci", "virtio_blk"];

    /// <summary>The guest's name of the disk at <paramref name="index"/>: vda, vdb, ...</summary>
    public static string DeviceName(int index) => "vd" + (char)('a' + index);

    /// <summary>Refuses what no run can attach: too many disks, or a disk with a <see cref="VmDisk.Problem"/>.</summary>
    public static void Validate(IReadOnlyList<VmDisk> disks)
    {
        if (disks.Count > VmDisk.MaxDisks)
        {
            throw new ArgumentException($"a VM run attaches at most {VmDisk.MaxDisks} disks", nameof(disks));
        }

        for (var i = 0; i < disks.Count; i++)
        {
            if (disks[i] is null)
            {
                throw new ArgumentException($"disk {i + 1} is null", nameof(disks));
            }

            if (disks[i].Problem() is { } problem)
            {
                throw new ArgumentException($"disk {i + 1} ({DeviceName(i)}): {problem}", nameof(disks));
            }
        }
    }

    /// <summary>Creates each disk's image (and rules) in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<AttachedDisk> Create(IReadOnlyList<VmDisk> disks, string folder)
    {
        Validate(disks);
        // blkdebug:CONFIG:IMAGE ends the config's path at its first ':'.
        if (disks.Count > 0 && folder.Contains(':', StringComparison.Ordinal))
        {
            throw new MachineException($"the VM's disks cannot live in {folder}: QEMU's blkdebug file names cannot hold ':'",
                "set TMPDIR to a folder whose path has no ':'");
        }

        var attached = new List<AttachedDisk>();
        for (var i = 0; i < disks.Count; i++)
        {
            var image = Path.Combine(folder, $"disk{i}.img");
            using (var file = new FileStream(image, FileMode.CreateNew, FileAccess.Write))
            {
                file.SetLength(disks[i].SizeBytes); // sparse: zeros that take no room
            }

            string? config = null;
            if (disks[i].Fault is { } fault)
            {
                config = Path.Combine(folder, $"disk{i}.blkdebug");
                File.WriteAllText(config, BlkdebugConfig(fault));
            }
            attached.Add(new AttachedDisk(disks[i], image, config));
        }
        return attached;
    }

    /// <summary>QEMU's arguments that attach <paramref name="disks"/> as virtio-blk PCI devices, in order.</summary>
    public static IReadOnlyList<string> QemuArguments(IReadOnlyList<AttachedDisk> disks)
    {
        var arguments = new List<string>();
        for (var i = 0; i < disks.Count; i++)
        {
            var file = disks[i].BlkdebugConfigPath is { } config
                ? $"blkdebug:{OptionValue(config)}:{OptionValue(disks[i].ImagePath)}"
                : OptionValue(disks[i].ImagePath);
            arguments.AddRange([
                "-drive", $"if=none,id=disk{i},format=raw,file={file},werror=report,rerror=report",
                "-device", $"virtio-blk-pci,drive=disk{i}",
            ]);
        }
        return arguments;
    }

    /// <summary>
    /// blkdebug's rules for <paramref name="fault"/>. The raw format raises read_aio or write_aio before each request
    /// (the guest's requests, whatever their size); an inject-error rule that matches the event arms itself, and the
    /// request then fails if it covers the rule's sector (or always without one). iotype keeps an armed rule to its own
    /// kind of request: flushes and the other kind pass. "after N" is a chain of states: blkdebug starts in state 1, each
    /// of the first N events moves it one state on, and the rules only arm in state N+1, where the chain stops.
    /// </summary>
    public static string BlkdebugConfig(VmDiskFault fault)
    {
        var invariant = CultureInfo.InvariantCulture;
        var (eventName, iotype) = fault.Operation switch
        {
            VmDiskOperation.Write => ("write_aio", "write"),
            VmDiskOperation.Read => ("read_aio", "read"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var errno = fault.Error switch
        {
            VmDiskError.Eio => 5,
            VmDiskError.Enospc => 28,
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var config = new StringBuilder();
        for (var state = 1; state <= fault.After; state++)
        {
            config.Append("[set-state]\n")
                .Append($"event = \"{eventName}\"\n")
                .Append(invariant, $"state = \"{state}\"\n")
                .Append(invariant, $"new_state = \"{state + 1}\"\n\n");
        }
        IReadOnlyList<long?> sectors = fault.Sectors.Count == 0 ? [null] : fault.Sectors.Select(s => (long?)s).ToList();
        foreach (var sector in sectors)
        {
            config.Append("[inject-error]\n")
                .Append($"event = \"{eventName}\"\n")
                .Append($"iotype = \"{iotype}\"\n")
                .Append(invariant, $"errno = \"{errno}\"\n");
            if (fault.After > 0)
            {
                config.Append(invariant, $"state = \"{fault.After + 1}\"\n");
            }

            if (sector is { } s)
            {
                config.Append(invariant, $"sector = \"{s}\"\n");
            }

            if (fault.Once)
            {
                config.Append("once = \"on\"\n");
            }

            config.Append('\n');
        }
        return config.ToString();
    }

    /// <summary>Shell lines that wait (at most 10 s) for the disks' device files; a missing one stops the run.</summary>
    public static void AppendWait(StringBuilder script, int count, GuestMarkers markers)
    {
        for (var i = 0; i < count; i++)
        {
            var device = "/dev/" + DeviceName(i);
            script.Append($"n=0; while [ ! -b {device} ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done; [ -b {device} ] || ")
                .Append(GuestInitScript.FailAndPowerOff(markers, $"the guest has no {device} (virtio_blk found no disk)")).Append('\n');
        }
    }

    /// <summary>A value inside one of QEMU's comma-separated options: a comma is written twice.</summary>
    private static string OptionValue(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
