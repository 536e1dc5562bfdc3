using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Events;

/// <summary>Decimal integers as stap's <c>%d</c> prints them: an optional '-' and up to 19 digits.</summary>
internal static class WireNumbers
{
    /// <summary>
    /// Parses the integer at <paramref name="position"/> and moves past it. Returns false when there are no
    /// digits or the value does not fit a long; <paramref name="position"/> then points where the scan stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> text, ref int position, out long value)
    {
        var i = position;
        var negative = i < text.Length && text[i] == (byte)'-';
        if (negative)
            i++;
        var start = i;
        ulong magnitude = 0;
        // Eight digits per step while they fit (timestamps have 19); at most 16 this way so the rest cannot overflow.
        while (i - start <= 8 && text.Length - i >= 8)
        {
            var chunk = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);
            if (!AreEightDigits(chunk))
                break;
            magnitude = magnitude * 100_000_000 + EightDigits(chunk);
            i += 8;
        }
        while (i < text.Length)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
                break;
            magnitude = magnitude * 10 + digit;
            i++;
            if (i - start > 19)
                break;
        }
        position = i;
        var digits = i - start;
        if (digits == 0 || digits > 19 || magnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            value = 0;
            return false;
        }
        value = negative ? unchecked((long)(0 - magnitude)) : (long)magnitude;
        return true;
    }

    /// <summary>Each byte is '0'..'9': its high nibble is 3, and adding 6 does not carry out of the low nibble.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AreEightDigits(ulong chunk) =>
        ((chunk & 0xF0F0F0F0F0F0F0F0UL) | (((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) == 0x3333333333333333UL;

    /// <summary>The value of eight ASCII digits read little-endian (the first digit in the lowest byte), by SWAR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong chunk)
    {
        chunk -= 0x3030303030303030UL;
        chunk = chunk * 10 + (chunk >> 8);                        // pairs of digits
        return (((chunk & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32))) +
                (((chunk >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
    }
}
