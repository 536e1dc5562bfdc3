using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// Unsigned integers of one width packed in bytes. A width is log2 of the bytes per item: 0 (byte),
/// 1 (ushort), 2 (uint) or 3 (ulong), or <see cref="Nibble"/> (two 4-bit items per byte, low one
/// first; counters only, not searchable). Sample blocks store residuals and counts this way so that a
/// count or an offset takes the fewest bits its values need, and widen when one no longer fits.
/// </summary>
internal static class PackedUnsigned
{
    /// <summary>The width of 4-bit items.</summary>
    public const int Nibble = -1;

    /// <summary>The narrowest byte-multiple width that holds <paramref name="max"/>.</summary>
    public static int WidthFor(ulong max) =>
        max <= byte.MaxValue ? 0 : max <= ushort.MaxValue ? 1 : max <= uint.MaxValue ? 2 : 3;

    /// <summary>The largest value of a width.</summary>
    public static ulong MaxOf(int width) => width switch
    {
        Nibble => 0xF,
        3 => ulong.MaxValue,
        _ => (1UL << (8 << width)) - 1,
    };

    /// <summary>Bytes taken by <paramref name="count"/> items of a width.</summary>
    public static long BytesFor(long count, int width) => width == Nibble ? (count + 1) >> 1 : count << width;

    public static ulong Get(ReadOnlySpan<byte> items, int width, int index) => width switch
    {
        Nibble => (ulong)(items[index >> 1] >> ((index & 1) << 2)) & 0xF,
        0 => items[index],
        1 => MemoryMarshal.Cast<byte, ushort>(items)[index],
        2 => MemoryMarshal.Cast<byte, uint>(items)[index],
        _ => MemoryMarshal.Cast<byte, ulong>(items)[index],
    };

    public static void Set(Span<byte> items, int width, int index, ulong value)
    {
        switch (width)
        {
            case Nibble:
                int shift = (index & 1) << 2;
                items[index >> 1] = (byte)((items[index >> 1] & ~(0xF << shift)) | ((int)value << shift));
                break;
            case 0: items[index] = (byte)value; break;
            case 1: MemoryMarshal.Cast<byte, ushort>(items)[index] = (ushort)value; break;
            case 2: MemoryMarshal.Cast<byte, uint>(items)[index] = (uint)value; break;
            default: MemoryMarshal.Cast<byte, ulong>(items)[index] = value; break;
        }
    }

    /// <summary>
    /// Binary search among the first <paramref name="count"/> items, which are ascending: the index of
    /// <paramref name="value"/>, or the bitwise complement of where it would go.
    /// </summary>
    public static int BinarySearch(ReadOnlySpan<byte> items, int width, int count, ulong value) => width switch
    {
        0 => BinarySearch(items[..count], (byte)value),
        1 => BinarySearch(MemoryMarshal.Cast<byte, ushort>(items)[..count], (ushort)value),
        2 => BinarySearch(MemoryMarshal.Cast<byte, uint>(items)[..count], (uint)value),
        _ => BinarySearch(MemoryMarshal.Cast<byte, ulong>(items)[..count], value),
    };

    // Halves the range with a conditional move instead of a branch: the outcome of each comparison
    // is random, so a branch would be mispredicted half of the time.
    private static int BinarySearch<T>(ReadOnlySpan<T> items, T value)
        where T : unmanaged, System.Numerics.IUnsignedNumber<T>, System.Numerics.IBinaryInteger<T>
    {
        if (items.IsEmpty)
        {
            return ~0;
        }

        ref T first = ref MemoryMarshal.GetReference(items);
        int start = 0;
        for (int length = items.Length; length > 1; length -= length >> 1)
        {
            int half = length >> 1;
            start = Unsafe.Add(ref first, start + half - 1) < value ? start + half : start;
        }
        T found = Unsafe.Add(ref first, start);
        if (found == value)
        {
            return start;
        }

        return ~(found < value ? start + 1 : start);
    }

    /// <summary>Sum of <paramref name="count"/> items from <paramref name="start"/>.</summary>
    public static long Sum(ReadOnlySpan<byte> items, int width, int start, int count) => width switch
    {
        Nibble => SumNibbles(items, start, count),
        0 => Sum(items.Slice(start, count)),
        1 => Sum(MemoryMarshal.Cast<byte, ushort>(items).Slice(start, count)),
        2 => Sum(MemoryMarshal.Cast<byte, uint>(items).Slice(start, count)),
        _ => Sum(MemoryMarshal.Cast<byte, ulong>(items).Slice(start, count)),
    };

    /// <summary>
    /// The first index at or after <paramref name="start"/> where the running sum of items passes
    /// <paramref name="target"/>; <paramref name="target"/> becomes the offset within that item.
    /// </summary>
    public static int Find(ReadOnlySpan<byte> items, int width, int start, ref long target) => width switch
    {
        Nibble => FindNibble(items, start, ref target),
        0 => Find(items, start, ref target),
        1 => Find(MemoryMarshal.Cast<byte, ushort>(items), start, ref target),
        2 => Find(MemoryMarshal.Cast<byte, uint>(items), start, ref target),
        _ => Find(MemoryMarshal.Cast<byte, ulong>(items), start, ref target),
    };

    /// <summary>Number of non-zero items among the first <paramref name="count"/>.</summary>
    public static int CountNonZero(ReadOnlySpan<byte> items, int width, int count) => count - width switch
    {
        Nibble => CountZeroNibbles(items, count),
        0 => items[..count].Count((byte)0),
        1 => MemoryMarshal.Cast<byte, ushort>(items)[..count].Count((ushort)0),
        2 => MemoryMarshal.Cast<byte, uint>(items)[..count].Count(0u),
        _ => MemoryMarshal.Cast<byte, ulong>(items)[..count].Count(0ul),
    };

    /// <summary>Index of the first non-zero item at or after <paramref name="start"/>, or -1.</summary>
    public static int NextNonZero(ReadOnlySpan<byte> items, int width, int start)
    {
        if (width == Nibble)
        {
            return NextNonZeroNibble(items, start);
        }

        int found = width switch
        {
            0 => items[start..].IndexOfAnyExcept((byte)0),
            1 => MemoryMarshal.Cast<byte, ushort>(items)[start..].IndexOfAnyExcept((ushort)0),
            2 => MemoryMarshal.Cast<byte, uint>(items)[start..].IndexOfAnyExcept(0u),
            _ => MemoryMarshal.Cast<byte, ulong>(items)[start..].IndexOfAnyExcept(0ul),
        };
        return found < 0 ? -1 : start + found;
    }

    /// <summary>Index of the last non-zero item before <paramref name="end"/>, or -1.</summary>
    public static int PreviousNonZero(ReadOnlySpan<byte> items, int width, int end) => width switch
    {
        Nibble => PreviousNonZeroNibble(items, end),
        0 => items[..end].LastIndexOfAnyExcept((byte)0),
        1 => MemoryMarshal.Cast<byte, ushort>(items)[..end].LastIndexOfAnyExcept((ushort)0),
        2 => MemoryMarshal.Cast<byte, uint>(items)[..end].LastIndexOfAnyExcept(0u),
        _ => MemoryMarshal.Cast<byte, ulong>(items)[..end].LastIndexOfAnyExcept(0ul),
    };

    /// <summary>Copies <paramref name="count"/> items, converting between widths (never narrowing a value).</summary>
    public static void Copy(ReadOnlySpan<byte> from, int fromWidth, Span<byte> to, int toWidth, int count)
    {
        if (fromWidth == toWidth)
        {
            from[..(int)BytesFor(count, fromWidth)].CopyTo(to);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            Set(to, toWidth, i, Get(from, fromWidth, i));
        }
    }

    private static long SumNibbles(ReadOnlySpan<byte> items, int start, int count)
    {
        long sum = 0;
        for (int i = start; i < start + count; i++)
        {
            sum += (long)Get(items, Nibble, i);
        }

        return sum;
    }

    private static int FindNibble(ReadOnlySpan<byte> items, int start, ref long target)
    {
        for (int i = start; i < items.Length * 2; i++)
        {
            long item = (long)Get(items, Nibble, i);
            if (target < item)
            {
                return i;
            }

            target -= item;
        }
        throw new ArgumentOutOfRangeException(nameof(target));
    }

    private static int CountZeroNibbles(ReadOnlySpan<byte> items, int count)
    {
        int zeros = 0;
        for (int i = 0; i < count; i++)
        {
            zeros += Get(items, Nibble, i) == 0 ? 1 : 0;
        }

        return zeros;
    }

    // Zero bytes (two zero items) are skipped with the vectorised byte search.
    private static int NextNonZeroNibble(ReadOnlySpan<byte> items, int start)
    {
        if ((start & 1) != 0)
        {
            if (start >> 1 >= items.Length)
            {
                return -1;
            }

            if (Get(items, Nibble, start) != 0)
            {
                return start;
            }

            start++;
        }
        int skipped = start >> 1 < items.Length ? items[(start >> 1)..].IndexOfAnyExcept((byte)0) : -1;
        if (skipped < 0)
        {
            return -1;
        }

        int index = ((start >> 1) + skipped) << 1;
        return Get(items, Nibble, index) != 0 ? index : index + 1;
    }

    private static int PreviousNonZeroNibble(ReadOnlySpan<byte> items, int end)
    {
        if ((end & 1) != 0)
        {
            if (Get(items, Nibble, end - 1) != 0)
            {
                return end - 1;
            }

            end--;
        }
        int found = items[..(end >> 1)].LastIndexOfAnyExcept((byte)0);
        if (found < 0)
        {
            return -1;
        }

        return Get(items, Nibble, 2 * found + 1) != 0 ? 2 * found + 1 : 2 * found;
    }

    private static long Sum<T>(ReadOnlySpan<T> items)
        where T : unmanaged, System.Numerics.IUnsignedNumber<T>, System.Numerics.IBinaryInteger<T>
    {
        long sum = 0;
        foreach (T item in items)
        {
            sum += long.CreateTruncating(item);
        }

        return sum;
    }

    private static int Find<T>(ReadOnlySpan<T> items, int start, ref long target)
        where T : unmanaged, System.Numerics.IUnsignedNumber<T>, System.Numerics.IBinaryInteger<T>
    {
        for (int i = start; i < items.Length; i++)
        {
            long item = long.CreateTruncating(items[i]);
            if (target < item)
            {
                return i;
            }

            target -= item;
        }
        throw new ArgumentOutOfRangeException(nameof(target));
    }
}
