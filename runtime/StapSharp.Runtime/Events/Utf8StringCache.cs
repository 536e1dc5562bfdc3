using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reuses the string made for a short string field when the same bytes come again (paths, process names
/// and the like repeat from event to event), so such a field costs a hash and a compare instead of an
/// allocation and a UTF-8 decode. Direct-mapped, holds only the strings themselves: a miss (a new value
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
    private const int SlotBits = 9;
    private const ulong Mix = 0x9E3779B97F4A7C15UL;

    private static readonly string?[] Slots = new string?[1 << SlotBits];

    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        if (bytes.Length > MaxCachedBytes)
            return Encoding.UTF8.GetString(bytes);
        ref var slot = ref Slots[Slot(bytes)];
        // Only ASCII values are ever reused: for them byte length and char length agree, and the compare is exact.
        if (slot is { } cached && cached.Length == bytes.Length && System.Text.Ascii.Equals(bytes, cached))
            return cached;
        var text = Encoding.UTF8.GetString(bytes);
        slot = text;
        return text;
    }

    /// <summary>
    /// Mixes the length with every byte, eight at a time (the last eight overlap the word before them when
    /// the length is no multiple of eight). Every byte counts: paths often differ in one digit anywhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)bytes.Length * Mix;
        if (bytes.Length >= 8)
        {
            var last = bytes.Length - 8;
            for (var i = 0; i < last; i += 8)
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * Mix;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[last..])) * Mix;
        }
        else
        {
            foreach (var b in bytes)
                hash = (hash ^ b) * Mix;
        }
        // The top bits pick the slot: fold the high half down first so every word reaches them.
        hash ^= hash >> 32;
        return (int)((hash * Mix) >> (64 - SlotBits));
    }
}
