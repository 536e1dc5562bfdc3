using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>
/// Reuses the string made for a string field of up to 512 bytes when the same bytes come again (paths, process names
/// and the like repeat from event to event), so such a field costs a hash and a compare instead of an
/// allocation and a UTF-8 decode. Two-way set-associative; a miss (a new value or a set whose two ways hold
/// others) costs what decoding costs anyway plus a few nanoseconds.
/// </summary>
/// <remarks>
/// A value of up to 64 bytes is keyed by eight 8-byte words read at offsets that depend only on its length (the
/// later ones overlap when it is shorter), so every byte is in the key and neither the hash nor the compare
/// branches on the length: the lengths of a trace's values vary from event to event, and every such branch
/// mispredicts. One table for every thread, without locks: a slot holds an immutable entry, written and read
/// whole, and a hit is only taken after the whole key compares equal. Threads that race on a slot at worst
/// replace each other's entry. (A per-thread table costs a thread-local lookup per string.)
/// </remarks>
internal static class Utf8StringCache
{
    private const int MaxWordKeyBytes = 64;
    // Two ways per set: two values whose hashes meet keep both their strings; one way made every such pair
    // miss on every use (64 paths in 512 slots had several), and a miss also writes a slot other cores read.
    private const int SetBits = 11;
    // Longer values (deep paths) are rarer: a smaller table, keyed by their bytes.
    private const int MaxCachedBytes = 512;
    private const int LongSetBits = 8;
    private const ulong Mix = 0x9E3779B97F4A7C15UL;

    private static readonly Entry?[] Slots = new Entry?[2 << SetBits];
    private static readonly LongEntry?[] LongSlots = new LongEntry?[2 << LongSetBits];

    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        if ((uint)(length - 1) >= MaxWordKeyBytes)
        {
            return length == 0 ? string.Empty : GetLongString(bytes);
        }
        // The key's words are locals, not a struct: the JIT keeps them in registers.
        ref var first = ref MemoryMarshal.GetReference(bytes);
        ulong w0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0;
        if (length >= 8)
        {
            // Word k starts at 8k, or at the last eight bytes once 8k would run past them.
            var last = length - 8;
            w0 = Word(ref first, 0);
            w1 = Word(ref first, Math.Min(8, last));
            w2 = Word(ref first, Math.Min(16, last));
            w3 = Word(ref first, Math.Min(24, last));
            w4 = Word(ref first, Math.Min(32, last));
            w5 = Word(ref first, Math.Min(40, last));
            w6 = Word(ref first, Math.Min(48, last));
            w7 = Word(ref first, Math.Min(56, last));
        }
        else if (length >= 4)
        {
            w0 = Unsafe.ReadUnaligned<uint>(ref first) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4)) << 32);
        }
        else
        {
            w0 = first | ((ulong)Unsafe.Add(ref first, length / 2) << 8) | ((ulong)Unsafe.Add(ref first, length - 1) << 16);
        }

        var hash = ((w0 ^ (ulong)length) * Mix) ^ (w1 * 0xC2B2AE3D27D4EB4FUL) ^ ((w2 ^ w3) * 0xD6E8FEB86659FD93UL)
            ^ ((w4 + w5) * 0xFF51AFD7ED558CCDUL) ^ ((w6 - w7) * 0xC4CEB9FE1A85EC53UL);
        hash ^= hash >> 31;
        var set = (int)((hash * Mix) >> (64 - SetBits)) * 2;
        var slots = Slots;
        if (slots[set] is { } recent && recent.Matches(w0, w1, w2, w3, w4, w5, w6, w7, length))
        {
            return recent.Text;
        }

        if (slots[set + 1] is { } older && older.Matches(w0, w1, w2, w3, w4, w5, w6, w7, length))
        {
            return older.Text;
        }

        return Add(bytes, set, w0, w1, w2, w3, w4, w5, w6, w7);
    }

    private static ulong Word(ref byte first, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, offset));

    /// <summary>Decodes a value seen for the first time (or pushed out since); it takes the first way, the one it displaces the second.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Add(ReadOnlySpan<byte> bytes, int set, ulong w0, ulong w1, ulong w2, ulong w3, ulong w4, ulong w5, ulong w6, ulong w7)
    {
        // Any bytes may be cached: the same bytes always decode to the same string, U+FFFD for invalid ones included.
        var text = Encoding.UTF8.GetString(bytes);
        var slots = Slots;
        slots[set + 1] = slots[set];
        slots[set] = new Entry(w0, w1, w2, w3, w4, w5, w6, w7, bytes.Length, text);
        return text;
    }

    /// <summary>A value longer than a word key holds: hashed and compared byte by byte.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string GetLongString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxCachedBytes)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var hash = new HashCode();
        hash.AddBytes(bytes);
        var set = (int)((uint)hash.ToHashCode() >> (32 - LongSetBits)) * 2;
        var slots = LongSlots;
        if (slots[set] is { } recent && bytes.SequenceEqual(recent.Bytes))
        {
            return recent.Text;
        }

        if (slots[set + 1] is { } older && bytes.SequenceEqual(older.Bytes))
        {
            return older.Text;
        }

        var text = Encoding.UTF8.GetString(bytes);
        slots[set + 1] = slots[set];
        slots[set] = new LongEntry(bytes.ToArray(), text);
        return text;
    }

    private sealed class LongEntry(byte[] bytes, string text)
    {
        public readonly byte[] Bytes = bytes;
        public readonly string Text = text;
    }

    /// <summary>A cached value: its length, the eight words that cover its bytes, and its string.</summary>
    private sealed class Entry(ulong w0, ulong w1, ulong w2, ulong w3, ulong w4, ulong w5, ulong w6, ulong w7, int length, string text)
    {
        public readonly ulong W0 = w0, W1 = w1, W2 = w2, W3 = w3, W4 = w4, W5 = w5, W6 = w6, W7 = w7;
        public readonly int Length = length;
        public readonly string Text = text;

        /// <summary>True when the key is this entry's: one OR of differences, one branch.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Matches(ulong w0, ulong w1, ulong w2, ulong w3, ulong w4, ulong w5, ulong w6, ulong w7, int length) =>
            ((W0 ^ w0) | (W1 ^ w1) | (W2 ^ w2) | (W3 ^ w3) | (W4 ^ w4) | (W5 ^ w5) | (W6 ^ w6) | (W7 ^ w7) | (uint)(Length ^ length)) == 0;
    }
}
