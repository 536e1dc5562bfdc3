using System.Globalization;

namespace StapSharp.Runtime.Rendering;

/// <summary>Human-readable numbers for axes, labels and tables.</summary>
public static class ValueFormat
{
    private static readonly (double Scale, string Unit)[] TimeUnits = [(1e9, "s"), (1e6, "ms"), (1e3, "µs"), (1, "ns")];
    private static readonly (double Scale, string Unit)[] ByteUnits = [(1L << 40, "TiB"), (1L << 30, "GiB"), (1L << 20, "MiB"), (1L << 10, "KiB"), (1, "B")];

    /// <summary>Plain integer with thousands separators: 1,234,567.</summary>
    public static string Integer(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A duration given in nanoseconds: 950 ns, 12.5 µs, 3 ms, 1.2 s.</summary>
    public static string Nanoseconds(double nanoseconds) => Scaled(nanoseconds, TimeUnits);

    /// <summary>A size in bytes with binary prefixes: 512 B, 1.5 MiB.</summary>
    public static string Bytes(double bytes) => Scaled(bytes, ByteUnits);

    private static string Scaled(double value, (double Scale, string Unit)[] units)
    {
        double magnitude = Math.Abs(value);
        foreach (var (scale, unit) in units)
        {
            if (magnitude >= scale || scale == 1)
            {
                return Compact(value / scale) + " " + unit;
            }
        }
        return Compact(value);
    }

    /// <summary>Up to three significant digits, no trailing zeros: 1, 12.5, 250, 1.25.</summary>
    private static string Compact(double value)
    {
        double magnitude = Math.Abs(value);
        string format = magnitude >= 100 || magnitude == Math.Floor(magnitude) ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
