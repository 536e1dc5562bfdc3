namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// The samples of one stretch of values, as a <see cref="SampleRecorder"/> keeps them: the unit its
/// red-black tree orders (by <see cref="Low"/>) and weighs (by <see cref="Total"/>). Values are held
/// as residuals, their distance above <see cref="Low"/>, in the fewest bytes that fit.
/// </summary>
internal abstract class SampleBlock(long low)
{
    /// <summary>The lowest value the block can hold; its key in the tree.</summary>
    public long Low { get; } = low;

    /// <summary>Samples held.</summary>
    public long Total;

    /// <summary>The part of <see cref="Total"/> already added to the tree's weights.</summary>
    public long Synced;

    /// <summary>Whether the block waits in the recorder's list of blocks to sync.</summary>
    public bool Dirty;

    /// <summary>The highest residual the block can hold.</summary>
    public abstract ulong LastResidual { get; }

    /// <summary>Number of distinct values held.</summary>
    public abstract int Distinct { get; }

    /// <summary>Width of the stored counts (see <see cref="PackedUnsigned"/>).</summary>
    public abstract int CountWidth { get; }

    /// <summary>Bytes of sample data held (not counting object headers).</summary>
    public abstract long DataBytes { get; }

    /// <summary>Samples of one value.</summary>
    public abstract long CountOf(ulong residual);

    /// <summary>Samples below (or, if inclusive, at most) a residual; any residual, even past the block's end.</summary>
    public abstract long CountBelow(ulong residual, bool inclusive);

    /// <summary>The residual of the sample at 0-based <paramref name="index"/> in ascending order.</summary>
    public abstract ulong Select(long index);

    /// <summary>The smallest residual held; the block is not empty.</summary>
    public abstract ulong MinResidual { get; }

    /// <summary>The largest residual held; the block is not empty.</summary>
    public abstract ulong MaxResidual { get; }

    /// <summary>Removes up to <paramref name="occurrences"/> samples of one value.</summary>
    /// <returns>How many were removed.</returns>
    public abstract long Remove(ulong residual, long occurrences);

    /// <summary>Distinct residuals with their counts, ascending (or descending).</summary>
    public abstract IEnumerable<(ulong Residual, long Count)> Entries(bool descending);

    /// <summary>Checks the block's own invariants.</summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold.</exception>
    public virtual void Validate()
    {
        long total = 0;
        int distinct = 0;
        ulong? previous = null;
        foreach (var (residual, count) in Entries(descending: false))
        {
            if (count <= 0)
            {
                throw new InvalidOperationException($"Block at {Low} lists a non-positive count.");
            }

            if (residual > LastResidual)
            {
                throw new InvalidOperationException($"Block at {Low} holds a residual past its end.");
            }

            if (previous >= residual)
            {
                throw new InvalidOperationException($"Block at {Low} is out of order.");
            }

            previous = residual;
            total += count;
            distinct++;
        }
        if (total != Total)
        {
            throw new InvalidOperationException($"Block at {Low} holds {total} samples but counts {Total}.");
        }

        if (distinct != Distinct)
        {
            throw new InvalidOperationException($"Block at {Low} holds {distinct} values but counts {Distinct}.");
        }
    }
}
