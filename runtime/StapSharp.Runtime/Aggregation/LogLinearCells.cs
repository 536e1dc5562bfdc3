using System.Numerics;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// Cuts the <see cref="long"/> line into cells whose width grows with the distance from zero, as
/// HdrHistogram's buckets do: every power of two is split into 2^<see cref="SubBucketBits"/> equal
/// cells, and the values below 2^(<see cref="SubBucketBits"/> + 1) get a cell each. So a cell is at
/// most 1/2^<see cref="SubBucketBits"/> of its values wide, and the cell of a value is a few
/// instructions away: this is how <see cref="SampleRecorder"/> finds where a sample goes without a search.
/// </summary>
/// <remarks>
/// Negative values mirror the non-negative ones through <c>~value</c>. Cell indices follow value
/// order: cell <see cref="Count"/> / 2 starts at 0, lower indices hold negative values.
/// </remarks>
internal static class LogLinearCells
{
    /// <summary>log2 of the number of cells per power of two.</summary>
    public const int SubBucketBits = 5;

    private const int PerSign = (64 - SubBucketBits) << SubBucketBits;

    /// <summary>Number of cells covering every <see cref="long"/>.</summary>
    public const int Count = 2 * PerSign;

    /// <summary>The cell holding <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(long value) => Locate(value, out _);

    /// <summary>The cell holding <paramref name="value"/>, and the value's distance above the cell's lowest value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Locate(long value, out ulong residual)
    {
        long sign = value >> 63;
        ulong magnitude = (ulong)(value ^ sign);
        int shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(magnitude) - (SubBucketBits + 1));
        int index = (shift << SubBucketBits) + (int)(magnitude >> shift);
        // Cells are aligned to their width, and a negative cell mirrors an aligned one, so the
        // distance above its lowest value is the value's low bits in both cases.
        residual = (ulong)value & ((1UL << shift) - 1);
        // ~index for a negative value: PerSign - 1 - index, mirrored below the non-negative cells.
        return PerSign + (index ^ (int)sign);
    }

    /// <summary>The lowest value of cell <paramref name="index"/> and log2 of its width.</summary>
    public static (long Low, int WidthLog2) Bounds(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int mirrored = index - PerSign;
        bool negative = mirrored < 0;
        if (negative)
        {
            mirrored = ~mirrored;
        }

        int shift = Math.Max(0, (mirrored >> SubBucketBits) - 1);
        long low = (long)(mirrored - (shift << SubBucketBits)) << shift;
        // A negative cell is the mirror image of [low, low + width): it starts at ~(low + width - 1).
        return (negative ? ~(low + (1L << shift) - 1) : low, shift);
    }
}
