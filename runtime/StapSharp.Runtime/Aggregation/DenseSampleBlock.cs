using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// A block with one counter for every value of its stretch, indexed by residual: recording is one
/// increment, and a counter costs its width in bytes whether the value occurred or not. Used where
/// most values of a cell occur (the body of a latency distribution).
/// </summary>
internal sealed class DenseSampleBlock : SampleBlock
{
    private readonly int _width;
    private byte[] _counts;
    private int _countWidth;

    /// <param name="low">The first value.</param>
    /// <param name="widthLog2">log2 of the number of values covered.</param>
    /// <param name="countWidth">The initial counter width.</param>
    public DenseSampleBlock(long low, int widthLog2, int countWidth)
        : base(low)
    {
        _width = 1 << widthLog2;
        _countWidth = countWidth;
        _counts = new byte[PackedUnsigned.BytesFor(_width, countWidth)];
    }

    public override ulong LastResidual => (ulong)_width - 1;

    // Counted when asked (rarely), so that recording does not pay for it.
    public override int Distinct => PackedUnsigned.CountNonZero(_counts, _countWidth, _width);

    public override int CountWidth => _countWidth;

    public override long DataBytes => _counts.Length;

    /// <summary>Bytes a dense block of <paramref name="widthLog2"/> with counters of <paramref name="countWidth"/> takes.</summary>
    public static long BytesFor(int widthLog2, int countWidth) => PackedUnsigned.BytesFor(1L << widthLog2, countWidth);

    /// <summary>Adds one sample unless its counter is full; the recorder's hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryIncrement(ulong residual)
    {
        Debug.Assert(residual < (ulong)_width);
        ref byte counts = ref MemoryMarshal.GetArrayDataReference(_counts);
        if (_countWidth == PackedUnsigned.Nibble)
        {
            ref byte pair = ref Unsafe.Add(ref counts, (nint)(residual >> 1));
            int shift = (int)(residual & 1) << 2;
            if (((pair >> shift) & 0xF) == 0xF)
            {
                return false;
            }

            pair += (byte)(1 << shift);
            Total++;
            return true;
        }
        if (_countWidth == 0)
        {
            return TryIncrement(ref Unsafe.Add(ref counts, (nint)residual));
        }

        return TryIncrementWide(residual);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryIncrementWide(ulong residual)
    {
        ref byte counts = ref MemoryMarshal.GetArrayDataReference(_counts);
        return _countWidth switch
        {
            0 => TryIncrement(ref Unsafe.Add(ref counts, (nint)residual)),
            1 => TryIncrement(ref Unsafe.As<byte, ushort>(ref Unsafe.Add(ref counts, (nint)residual << 1))),
            2 => TryIncrement(ref Unsafe.As<byte, uint>(ref Unsafe.Add(ref counts, (nint)residual << 2))),
            _ => TryIncrement(ref Unsafe.As<byte, ulong>(ref Unsafe.Add(ref counts, (nint)residual << 3))),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryIncrement<T>(ref T counter)
        where T : unmanaged, System.Numerics.IUnsignedNumber<T>, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        if (counter == T.MaxValue)
        {
            return false;
        }

        counter++;
        Total++;
        return true;
    }

    /// <summary>Adds samples of one value, widening the counters if the count no longer fits.</summary>
    public void Add(ulong residual, long occurrences)
    {
        Debug.Assert(residual < (ulong)_width && occurrences > 0);
        int index = (int)residual;
        ulong count = PackedUnsigned.Get(_counts, _countWidth, index);
        ulong sum = count + (ulong)occurrences;
        if (sum > PackedUnsigned.MaxOf(_countWidth))
        {
            Widen(PackedUnsigned.WidthFor(sum));
        }

        PackedUnsigned.Set(_counts, _countWidth, index, sum);
        Total += occurrences;
    }

    private void Widen(int countWidth)
    {
        var wider = new byte[PackedUnsigned.BytesFor(_width, countWidth)];
        PackedUnsigned.Copy(_counts, _countWidth, wider, countWidth, _width);
        _counts = wider;
        _countWidth = countWidth;
    }

    public override long CountOf(ulong residual) =>
        residual < (ulong)_width ? (long)PackedUnsigned.Get(_counts, _countWidth, (int)residual) : 0;

    public override long CountBelow(ulong residual, bool inclusive)
    {
        ulong end = inclusive ? residual + 1 : residual;
        if (residual >= (ulong)_width || end >= (ulong)_width)
        {
            return Total;
        }
        // Sum the shorter side.
        int split = (int)end;
        return split <= _width / 2
            ? PackedUnsigned.Sum(_counts, _countWidth, 0, split)
            : Total - PackedUnsigned.Sum(_counts, _countWidth, split, _width - split);
    }

    public override ulong Select(long index) => (ulong)PackedUnsigned.Find(_counts, _countWidth, 0, ref index);

    public override ulong MinResidual => (ulong)PackedUnsigned.NextNonZero(_counts, _countWidth, 0);

    public override ulong MaxResidual => (ulong)PackedUnsigned.PreviousNonZero(_counts, _countWidth, _width);

    public override long Remove(ulong residual, long occurrences)
    {
        long count = CountOf(residual);
        long removed = Math.Min(count, occurrences);
        if (removed == 0)
        {
            return 0;
        }

        PackedUnsigned.Set(_counts, _countWidth, (int)residual, (ulong)(count - removed));
        Total -= removed;
        return removed;
    }

    public override IEnumerable<(ulong Residual, long Count)> Entries(bool descending)
    {
        if (descending)
        {
            for (int i = PackedUnsigned.PreviousNonZero(_counts, _countWidth, _width); i >= 0; i = PackedUnsigned.PreviousNonZero(_counts, _countWidth, i))
            {
                yield return ((ulong)i, (long)PackedUnsigned.Get(_counts, _countWidth, i));
            }
        }
        else
        {
            for (int i = PackedUnsigned.NextNonZero(_counts, _countWidth, 0); i >= 0; i = i + 1 < _width ? PackedUnsigned.NextNonZero(_counts, _countWidth, i + 1) : -1)
            {
                yield return ((ulong)i, (long)PackedUnsigned.Get(_counts, _countWidth, i));
            }
        }
    }
}
