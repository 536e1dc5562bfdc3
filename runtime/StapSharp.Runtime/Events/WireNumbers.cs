using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Events;

/// <summary>Decimal integers as stap's <c>%d</c> prints them: an optional '-' and up to 19 digits.</summary>
internal static class WireNumbers
{
    private const int MaxDigits = 19;

    private static ReadOnlySpan<ulong> PowersOfTen =>
        [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>
    /// Parses the integer at <paramref name="position"/>: returns the position after it, or the complement
    /// (<c>~</c>, negative) of where the scan stopped when there are no digits or the value does not fit a
    /// long. Positions travel by value, so the callers' hot loops keep them in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParseInt64(ReadOnlySpan<byte> text, int position, out long value)
    {
        var i = position;
        var negative = (uint)i < (uint)text.Length && text[i] == (byte)'-';
        if (negative)
            i++;
        var start = i;
        ulong magnitude = 0;
        // Eight bytes at a time: the run of digits at the start of each load is found and converted without
        // a branch per digit, so a short field costs one load and a 19-digit timestamp three.
        while (text.Length - i >= 8)
        {
            var values = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]) - 0x3030303030303030UL;
            var digits = LeadingDigits(values);
            if (digits == 0)
                goto End;
            if (i - start + digits > MaxDigits)
            {
                value = 0;
                return ~(i + digits);
            }
            magnitude = magnitude * PowersOfTen[digits] + EightDigits(values << (8 * (8 - digits)));
            i += digits;
            if (digits < 8)
                goto End;
        }
        while ((uint)i < (uint)text.Length)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
                break;
            magnitude = magnitude * 10 + digit;
            i++;
            if (i - start > MaxDigits)
                break;
        }
    End:
        var count = i - start;
        if (count == 0 || count > MaxDigits || magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            value = 0;
            return ~i;
        }
        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return i;
    }

    /// <summary>
    /// Parses <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) when its end is already
    /// known (from a mask of separators): an optional '-' and 1 to 19 digits, read in groups of up to eight
    /// that do not depend on each other. Returns false for anything else and when a group cannot be loaded
    /// whole from the text; the caller then parses the long way (<see cref="ParseInt64"/>), so false says
    /// nothing about the text's validity.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64Known(ReadOnlySpan<byte> text, int start, int end, out long value)
    {
        // Most fields: up to eight digits, no sign, and eight bytes to load from the first one.
        var count = end - start;
        if ((uint)(count - 1) < 8 && (uint)end <= (uint)text.Length && text.Length - start >= 8 && start >= 0)
        {
            const ulong Zeros = 0x3030303030303030UL;
            var keep = ulong.MaxValue >> (64 - 8 * count);
            var values = ((BinaryPrimitives.ReadUInt64LittleEndian(text[start..]) & keep) | (Zeros & ~keep)) - Zeros;
            if (LeadingDigits(values) == 8)
            {
                value = (long)EightDigits(values << (64 - 8 * count));
                return true;
            }
        }
        value = 0;
        if ((uint)start >= (uint)end || end > text.Length)
            return false;
        var negative = text[start] == (byte)'-';
        var first = negative ? start + 1 : start;
        var digits = end - first;
        if (digits is < 1 or > MaxDigits)
            return false;
        // The first group takes the digits over a multiple of eight, so the others are whole.
        var lead = (digits - 1) % 8 + 1;
        var bad = !Group(text, first, lead, out var magnitude);
        for (var i = first + lead; i < end; i += 8)
        {
            bad |= !Group(text, i, 8, out var group);
            magnitude = magnitude * 100_000_000 + group;
        }
        if (bad || magnitude > (negative ? 1UL << 63 : long.MaxValue))
            return false;
        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return true;
    }

    /// <summary>
    /// The value of the <paramref name="count"/> (1 to 8) digits at <paramref name="start"/>, from one load that
    /// starts there or, near the text's end, ends there; the other loaded bytes become '0's before '0' is
    /// subtracted, so nothing borrows. False when a byte is no digit or no load fits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Group(ReadOnlySpan<byte> text, int start, int count, out ulong value)
    {
        const ulong Zeros = 0x3030303030303030UL;
        ulong values;
        if (text.Length - start >= 8)
        {
            var keep = count == 8 ? ulong.MaxValue : (1UL << (8 * count)) - 1;
            values = ((BinaryPrimitives.ReadUInt64LittleEndian(text[start..]) & keep) | (Zeros & ~keep)) - Zeros;
            values <<= 8 * (8 - count);
        }
        else if (start + count >= 8)
        {
            var keep = ulong.MaxValue << (8 * (8 - count));
            values = ((BinaryPrimitives.ReadUInt64LittleEndian(text[(start + count - 8)..]) & keep) | (Zeros & ~keep)) - Zeros;
        }
        else
        {
            value = 0;
            return false;
        }
        value = EightDigits(values);
        return LeadingDigits(values) == 8;
    }

    /// <summary>
    /// How many of the eight bytes (first byte lowest), already minus '0', are digits before the first other
    /// byte: a byte is no digit when it wrapped below zero or is 10 or more. A borrow or carry only runs
    /// towards later bytes, so it cannot hide the first non-digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LeadingDigits(ReadOnlySpan<byte> eightOrMore) =>
        LeadingDigits(BinaryPrimitives.ReadUInt64LittleEndian(eightOrMore) - 0x3030303030303030UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LeadingDigits(ulong values) =>
        BitOperations.TrailingZeroCount((values | (values + 0x7676767676767676UL)) & 0x8080808080808080UL) >> 3;

    /// <summary>The number whose eight decimal digits are the bytes (first digit in the lowest byte), by SWAR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong values)
    {
        values = values * 10 + (values >> 8);                     // pairs of digits
        return (((values & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32))) +
                (((values >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }
}
