using System.Globalization;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// A virtio disk attached to the VM: the guest's /dev/vda, /dev/vdb, ... in the order given. Its content is a sparse
/// temporary file, zeros at first, removed with the VM. With a <see cref="Fault"/>, QEMU's blkdebug driver fails the
/// chosen operations, so the guest's driver and everything above it see real I/O errors.
/// </summary>
/// <param name="SizeBytes">From <see cref="MinSizeBytes"/> to <see cref="MaxSizeBytes"/>, a whole number of 512-byte sectors.</param>
/// <param name="Fault">Which operations fail, or null for a healthy disk.</param>
public sealed record VmDisk(long SizeBytes, VmDiskFault? Fault = null)
{
    /// <summary>The sector size the fault's sectors count in (the guest kernel's sectors too).</summary>
    public const int SectorSize = 512;

    public const long MinSizeBytes = 1L << 20;

    /// <summary>64 GiB: the file is sparse, so only what the guest writes takes room.</summary>
    public const long MaxSizeBytes = 64L << 30;

    /// <summary>A bound on <see cref="VmDiskFault.After"/>: blkdebug counts operations with one state per operation.</summary>
    public const int MaxAfter = 1000;

    /// <summary>A bound on <see cref="VmDiskFault.Sectors"/> (one blkdebug rule each).</summary>
    public const int MaxFaultSectors = 64;

    /// <summary>Disks a run may attach (/dev/vda to /dev/vdh).</summary>
    public const int MaxDisks = 8;

    /// <summary>The disk's size in sectors.</summary>
    public long Sectors => SizeBytes / SectorSize;

    /// <summary>What is wrong with this disk (a sentence), or null when a run can attach it.</summary>
    public string? Problem()
    {
        if (SizeBytes < MinSizeBytes || SizeBytes > MaxSizeBytes || SizeBytes % SectorSize != 0)
        {
            return $"a disk's size is from 1M to 64G, a whole number of {SectorSize}-byte sectors (not {SizeBytes} bytes)";
        }

        if (Fault is not { } fault)
        {
            return null;
        }

        if (!Enum.IsDefined(fault.Error))
        {
            return $"a fault's error is {string.Join(" or ", Enum.GetNames<VmDiskError>().Select(n => n.ToLowerInvariant()))}";
        }

        if (!Enum.IsDefined(fault.Operation))
        {
            return $"a fault's operation is {string.Join(" or ", Enum.GetNames<VmDiskOperation>().Select(n => n.ToLowerInvariant()))}";
        }

        if (fault.After is < 0 or > MaxAfter)
        {
            return $"after= takes a number of operations from 0 to {MaxAfter} (not {fault.After})";
        }

        if (fault.Sectors.Count > MaxFaultSectors)
        {
            return $"a fault names at most {MaxFaultSectors} sectors";
        }

        foreach (var sector in fault.Sectors)
        {
            if (sector < 0 || sector >= Sectors)
            {
                return $"sector {sector} is not on the disk: its sectors are 0 to {Sectors - 1} ({SectorSize} bytes each)";
            }
        }
        return null;
    }

    /// <summary>
    /// Reads the command line's disk syntax: <c>SIZE[,fault=eio|enospc][,on=write|read][,after=N][,sector=S]...[,once]</c>,
    /// SIZE a number with K, M or G (powers of 1024), e.g. <c>64M,fault=eio,on=write,after=3,sector=2048</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a disk this syntax describes; the message says what is wrong.</exception>
    public static VmDisk Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',');
        var size = ParseSize(items[0]);
        VmDiskError? error = null;
        VmDiskOperation? operation = null;
        int? after = null;
        var once = false;
        var sectors = new List<long>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Skip(1))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? item : item[..equals];
            var value = equals < 0 ? null : item[(equals + 1)..];
            if (key != "sector" && !seen.Add(key))
            {
                throw new FormatException($"{key} appears twice; only sector= may be repeated");
            }

            switch (key)
            {
                case "fault":
                    error = ParseName<VmDiskError>(key, value);
                    break;
                case "on":
                    operation = ParseName<VmDiskOperation>(key, value);
                    break;
                case "after":
                    after = (int)ParseNumber(key, value, VmDisk.MaxAfter);
                    break;
                case "sector":
                    sectors.Add(ParseNumber(key, value, long.MaxValue));
                    break;
                case "once" when value is null:
                    once = true;
                    break;
                case "once":
                    throw new FormatException("once takes no value: write ,once");
                default:
                    throw new FormatException(
                        $"unknown disk setting \"{Printable(key)}\": the settings are fault=, on=, after=, sector= and once (e.g. 64M,fault=eio,on=write,after=3)");
            }
        }

        if (error is null && (operation is not null || after is not null || sectors.Count > 0 || once))
        {
            throw new FormatException("on=, after=, sector= and once describe a fault: add fault=eio or fault=enospc");
        }

        var disk = new VmDisk(size, error is { } e
            ? new VmDiskFault(e, operation ?? VmDiskOperation.Write) { After = after ?? 0, Sectors = sectors, Once = once }
            : null);
        return disk.Problem() is { } problem ? throw new FormatException(problem) : disk;
    }

    /// <summary>The command line's syntax for this disk (what <see cref="Parse"/> reads back as an equal disk).</summary>
    public override string ToString()
    {
        var text = SizeBytes % (1L << 30) == 0 ? $"{SizeBytes >> 30}G"
            : SizeBytes % (1L << 20) == 0 ? $"{SizeBytes >> 20}M"
            : SizeBytes % 1024 == 0 ? $"{SizeBytes >> 10}K"
            : SizeBytes.ToString(CultureInfo.InvariantCulture);
        if (Fault is not { } fault)
        {
            return text;
        }

        text += $",fault={fault.Error.ToString().ToLowerInvariant()},on={fault.Operation.ToString().ToLowerInvariant()}";
        if (fault.After > 0)
        {
            text += $",after={fault.After}";
        }

        foreach (var sector in fault.Sectors)
        {
            text += $",sector={sector}";
        }

        return fault.Once ? text + ",once" : text;
    }

    private static long ParseSize(string text)
    {
        var digits = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        var shift = text.Length > digits.Length ? char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            _ => -1,
        } : 0;
        if (shift < 0 || digits.Length == 0 || digits.Length > 12 || !digits.All(char.IsAsciiDigit))
        {
            throw new FormatException($"a disk starts with its size: a number with K, M or G, e.g. 64M (not \"{Printable(text)}\")");
        }

        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) << shift;
    }

    private static long ParseNumber(string key, string? value, long max)
    {
        if (value is { Length: > 0 and <= 19 } && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= max)
        {
            return number;
        }

        throw new FormatException($"{key}= takes a whole number{(max < long.MaxValue ? $" from 0 to {max}" : "")} (not \"{Printable(value ?? "")}\")");
    }

    private static T ParseName<T>(string key, string? value) where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToList();
        if (value is not null && names.Contains(value, StringComparer.Ordinal))
        {
            return Enum.Parse<T>(value, ignoreCase: true);
        }

        throw new FormatException($"{key}= takes {string.Join(" or ", names)} (not \"{Printable(value ?? "")}\")");
    }

    /// <summary>The user's text in a message: at most 40 characters, control characters as '?'.</summary>
    private static string Printable(string text)
    {
        var cut = text.Length > 40 ? text[..40] + "..." : text;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

/// <summary>Which operations of a <see cref="VmDisk"/> fail, and how.</summary>
/// <param name="Error">The error QEMU's block layer returns for them.</param>
/// <param name="Operation">Reads or writes.</param>
public sealed record VmDiskFault(VmDiskError Error, VmDiskOperation Operation)
{
    /// <summary>This many operations of the kind succeed first (counting every sector); the ones after fail.</summary>
    public int After { get; init; }

    /// <summary>Only operations that cover one of these sectors fail; empty: every one.</summary>
    public IReadOnlyList<long> Sectors { get; init; } = [];

    /// <summary>Only the first operation that would fail does (per sector when <see cref="Sectors"/> are given).</summary>
    public bool Once { get; init; }

    public bool Equals(VmDiskFault? other) =>
        other is not null && Error == other.Error && Operation == other.Operation && After == other.After
        && Once == other.Once && Sectors.SequenceEqual(other.Sectors);

    public override int GetHashCode() => HashCode.Combine(Error, Operation, After, Once, Sectors.Count);
}

/// <summary>
/// The error a faulty <see cref="VmDisk"/> returns inside QEMU. virtio-blk reports every failed request to the guest as
/// VIRTIO_BLK_S_IOERR, so the guest kernel sees EIO either way; the number matters to what runs in QEMU itself
/// (its completion callbacks get -errno).
/// </summary>
public enum VmDiskError
{
    /// <summary>EIO (5): "Input/output error".</summary>
    Eio,

    /// <summary>ENOSPC (28): "No space left on device".</summary>
    Enospc,
}

/// <summary>The kind of operation a <see cref="VmDiskFault"/> fails.</summary>
public enum VmDiskOperation
{
    Write,
    Read,
}
