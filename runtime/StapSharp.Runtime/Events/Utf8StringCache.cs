using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reuses the string made for a short string field when the same bytes come again (paths, process names
/// and the like repeat from event to event), so such a field costs a hash and a compare instead of an
/// allocation and a UTF-8 decode. Two-way set-associative, holds only the strings themselves: a miss (a new value
/// or a slot collision) costs what decoding costs anyway plus a few nanoseconds.
/// </summary>
/// <remarks>
/// One table for every thread, without locks: a slot holds a reference to an immutable string, which is
/// written and read whole, and a hit is only taken after the bytes compare equal. Threads that race on a
/// slot at worst replace each other's entry. (A per-thread table costs a thread-local lookup per string.)
/// </remarks>
internal static class Utf8StringCache
{
    private const int MaxCachedBytes = 128;
    // Two ways per set: two values whose hashes meet keep both their strings; one way made every such pair
    // miss on every use (64 paths in 512 slots had several), and a miss also writes a slot other cores read.
    private const int SetBits = 11;
    private const ulong Mix = 0x9E3779B97F4A7C15UL;
    private const ulong OtherMix = 0xC2B2AE3D27D4EB4FUL;

    private static readonly string?[] Slots = new string?[2 << SetBits];

    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        if (bytes.Length > MaxCachedBytes)
            return Encoding.UTF8.GetString(bytes);
        var set = Set(bytes) * 2;
        var slots = Slots;
        // Only ASCII values are ever reused: for them byte length and char length agree, and the compare is exact.
        if (slots[set] is { } recent && recent.Length == bytes.Length && System.Text.Ascii.Equals(bytes, recent))
            return recent;
        if (slots[set + 1] is { } older && older.Length == bytes.Length && System.Text.Ascii.Equals(bytes, older))
            return older;
        var text = Encoding.UTF8.GetString(bytes);
        // The newest value takes the first way, the one it displaces the second.
        slots[set + 1] = slots[set];
        slots[set] = text;
        return text;
    }

    /// <summary>
    /// Mixes the length with every byte, eight at a time, in two independent chains (alternate words) so the
    /// multiplies overlap; the last eight bytes overlap the word before them when the length is no multiple
    /// of eight. Every byte counts: paths often differ in one digit anywhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Set(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)bytes.Length * Mix;
        var other = OtherMix;
        if (bytes.Length >= 8)
        {
            var last = bytes.Length - 8;
            var i = 0;
            for (; i + 8 < last; i += 16)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Mix;
                other = (other ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i + 8)..])) * OtherMix;
            }
            if (i < last)
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Mix;
            other = (other ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[last..])) * OtherMix;
        }
        else
        {
            foreach (var b in bytes)
                hash = (hash ^ b) * Mix;
        }
        // The top bits pick the set: fold the high halves down first so every word reaches them.
        hash ^= (hash >> 32) ^ other ^ (other >> 29);
        return (int)((hash * Mix) >> (64 - SetBits));
    }
}
