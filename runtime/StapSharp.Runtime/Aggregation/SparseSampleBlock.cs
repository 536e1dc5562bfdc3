using System.Diagnostics;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// A block holding only the values that occurred: their residuals ascending, then their counts, both
/// packed in one array. Used where a cell's values are far apart (the tails of a distribution),
/// and split by the recorder before a search or an insertion gets long.
/// </summary>
internal sealed class SparseSampleBlock : SampleBlock
{
    private byte[] _data;
    private int _capacity;
    private int _length;
    private int _residualWidth;
    private int _countWidth;
    private ulong _lastResidual;

    /// <param name="low">The first value the block covers.</param>
    /// <param name="lastResidual">The last value it covers, as a distance above <paramref name="low"/>.</param>
    /// <param name="capacity">Entries to make room for; a multiple of 8 keeps every part aligned.</param>
    public SparseSampleBlock(long low, ulong lastResidual, int capacity)
        : base(low)
    {
        Debug.Assert(capacity > 0 && capacity % 8 == 0);
        _lastResidual = lastResidual;
        _residualWidth = PackedUnsigned.WidthFor(lastResidual);
        _capacity = capacity;
        _data = new byte[BytesFor(capacity, _residualWidth, 0)];
    }

    public override ulong LastResidual => _lastResidual;

    public override int Distinct => _length;

    public override int CountWidth => _countWidth;

    public override long DataBytes => _data.Length;

    /// <summary>Entries there is room for without growing.</summary>
    public int Capacity => _capacity;

    /// <summary>Bytes the block would take with room for <paramref name="capacity"/> entries.</summary>
    public long BytesAt(int capacity) => BytesFor(capacity, _residualWidth, _countWidth);

    /// <summary>Bytes a new block covering <paramref name="lastResidual"/> takes with room for <paramref name="capacity"/> entries.</summary>
    public static long BytesFor(int capacity, ulong lastResidual) => BytesFor(capacity, PackedUnsigned.WidthFor(lastResidual), 0);

    private static long BytesFor(int capacity, int residualWidth, int countWidth) =>
        ((long)capacity << residualWidth) + ((long)capacity << countWidth);

    private Span<byte> Residuals => _data.AsSpan(0, _capacity << _residualWidth);

    private Span<byte> Counts => _data.AsSpan(_capacity << _residualWidth, _capacity << _countWidth);

    private ulong ResidualAt(int index) => PackedUnsigned.Get(Residuals, _residualWidth, index);

    private long CountAt(int index) => (long)PackedUnsigned.Get(Counts, _countWidth, index);

    private int Find(ulong residual) => PackedUnsigned.BinarySearch(Residuals, _residualWidth, _length, residual);

    /// <summary>
    /// Adds samples of one value.
    /// </summary>
    /// <returns>False, changing nothing, when the value is new and the block is full.</returns>
    public bool TryAdd(ulong residual, long occurrences)
    {
        Debug.Assert(residual <= _lastResidual && occurrences > 0);
        int index = Find(residual);
        if (index >= 0)
        {
            ulong sum = (ulong)CountAt(index) + (ulong)occurrences;
            if (sum > PackedUnsigned.MaxOf(_countWidth))
            {
                Relayout(_capacity, _residualWidth, PackedUnsigned.WidthFor(sum));
            }

            PackedUnsigned.Set(Counts, _countWidth, index, sum);
            Total += occurrences;
            return true;
        }
        if (_length == _capacity)
        {
            return false;
        }

        index = ~index;
        int countWidth = Math.Max(_countWidth, PackedUnsigned.WidthFor((ulong)occurrences));
        if (countWidth != _countWidth)
        {
            Relayout(_capacity, _residualWidth, countWidth);
        }

        Span<byte> residuals = Residuals;
        Span<byte> counts = Counts;
        int moved = _length - index;
        residuals.Slice(index << _residualWidth, moved << _residualWidth).CopyTo(residuals[((index + 1) << _residualWidth)..]);
        counts.Slice(index << _countWidth, moved << _countWidth).CopyTo(counts[((index + 1) << _countWidth)..]);
        PackedUnsigned.Set(residuals, _residualWidth, index, residual);
        PackedUnsigned.Set(counts, _countWidth, index, (ulong)occurrences);
        _length++;
        Total += occurrences;
        return true;
    }

    /// <summary>Makes room for <paramref name="capacity"/> entries (a multiple of 8).</summary>
    public void Grow(int capacity)
    {
        Debug.Assert(capacity > _capacity && capacity % 8 == 0);
        Relayout(capacity, _residualWidth, _countWidth);
    }

    /// <summary>Covers values up to <paramref name="lastResidual"/> above <see cref="SampleBlock.Low"/>, widening residuals if needed.</summary>
    public void ExtendTo(ulong lastResidual)
    {
        Debug.Assert(lastResidual >= _lastResidual);
        _lastResidual = lastResidual;
        int residualWidth = PackedUnsigned.WidthFor(lastResidual);
        if (residualWidth != _residualWidth)
        {
            Relayout(_capacity, residualWidth, _countWidth);
        }
    }

    /// <summary>
    /// Moves the upper half of the entries into a new block that starts at the first moved value and
    /// covers the rest of this block's stretch; this block then ends just below it.
    /// </summary>
    public SparseSampleBlock SplitUpperHalf()
    {
        Debug.Assert(_length >= 2);
        int from = _length / 2;
        ulong start = ResidualAt(from);
        var upper = new SparseSampleBlock(Low + (long)start, _lastResidual - start, _capacity);
        for (int i = from; i < _length; i++)
        {
            long count = CountAt(i);
            upper.TryAdd(ResidualAt(i) - start, count);
            Total -= count;
        }
        _length = from;
        _lastResidual = start - 1;
        // Both halves cover less than the whole did: their residuals may fit fewer bytes.
        if (PackedUnsigned.WidthFor(_lastResidual) < _residualWidth)
        {
            Relayout(_capacity, PackedUnsigned.WidthFor(_lastResidual), _countWidth);
        }

        return upper;
    }

    private void Relayout(int capacity, int residualWidth, int countWidth)
    {
        var data = new byte[BytesFor(capacity, residualWidth, countWidth)];
        var residuals = data.AsSpan(0, capacity << residualWidth);
        var counts = data.AsSpan(capacity << residualWidth);
        PackedUnsigned.Copy(Residuals, _residualWidth, residuals, residualWidth, _length);
        PackedUnsigned.Copy(Counts, _countWidth, counts, countWidth, _length);
        _data = data;
        _capacity = capacity;
        _residualWidth = residualWidth;
        _countWidth = countWidth;
    }

    public override long CountOf(ulong residual)
    {
        if (residual > _lastResidual)
        {
            return 0;
        }

        int index = Find(residual);
        return index >= 0 ? CountAt(index) : 0;
    }

    public override long CountBelow(ulong residual, bool inclusive)
    {
        if (residual > _lastResidual)
        {
            return Total;
        }

        int index = Find(residual);
        int end = index >= 0 ? (inclusive ? index + 1 : index) : ~index;
        return PackedUnsigned.Sum(Counts, _countWidth, 0, end);
    }

    public override ulong Select(long index) => ResidualAt(PackedUnsigned.Find(Counts[..(_length << _countWidth)], _countWidth, 0, ref index));

    public override ulong MinResidual => ResidualAt(0);

    public override ulong MaxResidual => ResidualAt(_length - 1);

    public override long Remove(ulong residual, long occurrences)
    {
        if (residual > _lastResidual)
        {
            return 0;
        }

        int index = Find(residual);
        if (index < 0)
        {
            return 0;
        }

        long count = CountAt(index);
        long removed = Math.Min(count, occurrences);
        Total -= removed;
        if (removed < count)
        {
            PackedUnsigned.Set(Counts, _countWidth, index, (ulong)(count - removed));
            return removed;
        }
        Span<byte> residuals = Residuals;
        Span<byte> counts = Counts;
        int moved = _length - index - 1;
        residuals.Slice((index + 1) << _residualWidth, moved << _residualWidth).CopyTo(residuals[(index << _residualWidth)..]);
        counts.Slice((index + 1) << _countWidth, moved << _countWidth).CopyTo(counts[(index << _countWidth)..]);
        _length--;
        PackedUnsigned.Set(counts, _countWidth, _length, 0);
        return removed;
    }

    public override IEnumerable<(ulong Residual, long Count)> Entries(bool descending)
    {
        for (int i = 0; i < _length; i++)
        {
            int index = descending ? _length - 1 - i : i;
            yield return (ResidualAt(index), CountAt(index));
        }
    }

    public override void Validate()
    {
        base.Validate();
        if (_length > _capacity)
        {
            throw new InvalidOperationException($"Block at {Low} holds more entries than it has room for.");
        }

        if (PackedUnsigned.WidthFor(_lastResidual) > _residualWidth)
        {
            throw new InvalidOperationException($"Block at {Low} has residuals too narrow for its stretch.");
        }
    }
}
