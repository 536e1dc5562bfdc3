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
}
