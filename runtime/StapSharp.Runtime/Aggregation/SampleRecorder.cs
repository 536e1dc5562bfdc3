using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// An exact multiset of 64-bit samples (latencies, sizes) built to keep up with an event stream:
/// recording a sample is a few instructions and no allocation in the common case, memory follows the
/// distinct values at one to three bytes each on latency-like data, and rank, select, exact
/// nearest-rank percentiles and range counts give the same answers as
/// <see cref="OrderedBag{T}"/> of <see cref="long"/>.
/// </summary>
/// <remarks>
/// <para>
/// The long line is cut into cells as HdrHistogram cuts it (<see cref="LogLinearCells"/>: 32 per
/// power of two), but nothing is rounded: each cell's samples sit in a block, either one counter per
/// value of the cell (<see cref="DenseSampleBlock"/>, where most values occur) or the values that
/// occurred with their counts (<see cref="SparseSampleBlock"/>, in the tails, split into several
/// blocks when large). A sample finds its cell by arithmetic and, in a dense cell, is one increment.
/// </para>
/// <para>
/// The blocks are the nodes of a red-black tree keyed by their lowest value and weighted by their
/// sample count, which answers every query: rank and select descend it in O(log b) over b blocks and
/// finish inside one block. Recording does not touch the tree; a block that gained samples is listed
/// and its weight is added when the next query (or removal) comes, so queries are exact at any moment.
/// </para>
/// <para>Not thread-safe. Enumerators fail fast if the recorder is modified while they run.</para>
/// </remarks>
public sealed class SampleRecorder : IReadOnlyCollection<long>
{
    // A new sparse block has room for this many values, doubling up to MaxSparseEntries; past that
    // it splits, so an insertion moves at most a few KiB.
    private const int FirstCapacity = 8;
    private const int MaxSparseEntries = 512;

    // A cell turns dense once its counters would take at most this many times the bytes of its sparse
    // entries: dense recording is one increment where sparse recording is a binary search and often
    // an insertion, and on latency data the cells that cross this line are a small part of the memory.
    private const int DenseOverSparseBytes = 4;

    // Dense blocks stay off the large-object heap (see RedBlackTree's pages for why).
    private const long MaxDenseBytes = 1 << 16;

    private readonly SampleBlock?[] _cells = new SampleBlock?[LogLinearCells.Count];
    private readonly RedBlackTree<long, SampleBlock, ComparerAdapter<long>> _tree = new(default);
    private readonly List<SampleBlock> _unsynced = [];

    /// <summary>Total number of samples, counting repeats.</summary>
    public long Count
    {
        get
        {
            Sync();
            return _tree.TotalWeight;
        }
    }

    int IReadOnlyCollection<long>.Count => checked((int)Count);

    /// <summary>Number of distinct values.</summary>
    public int DistinctCount
    {
        get
        {
            Sync();
            int distinct = 0;
            foreach (var entry in _tree)
            {
                distinct += entry.Value.Distinct;
            }

            return distinct;
        }
    }

    /// <summary>The smallest sample.</summary>
    /// <exception cref="InvalidOperationException">The recorder is empty.</exception>
    public long Min
    {
        get
        {
            Sync();
            SampleBlock block = _tree.Min.Value;
            return block.Low + (long)block.MinResidual;
        }
    }

    /// <summary>The largest sample.</summary>
    /// <exception cref="InvalidOperationException">The recorder is empty.</exception>
    public long Max
    {
        get
        {
            Sync();
            SampleBlock block = _tree.Max.Value;
            return block.Low + (long)block.MaxResidual;
        }
    }

    /// <summary>Records one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long item)
    {
        int cell = LogLinearCells.Locate(item, out ulong residual);
        if (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cells), cell) is DenseSampleBlock dense && dense.TryIncrement(residual))
        {
            if (!dense.Dirty)
            {
                MarkUnsynced(dense);
            }

            return;
        }
        AddToCell(cell, item, 1);
    }

    /// <summary>Records <paramref name="occurrences"/> copies of a sample.</summary>
    public void Add(long item, long occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrences);
        AddToCell(LogLinearCells.IndexOf(item), item, occurrences);
    }

    /// <summary>Records every sample of another recorder.</summary>
    public void AddRange(SampleRecorder other)
    {
        foreach (var (value, count) in other.Counts())
        {
            Add(value, count);
        }
    }

    /// <summary>Removes one occurrence.</summary>
    /// <returns>Whether the value was present.</returns>
    public bool Remove(long item) => Remove(item, 1) > 0;

    /// <summary>Removes up to <paramref name="occurrences"/> occurrences.</summary>
    /// <returns>How many were removed.</returns>
    public long Remove(long item, long occurrences)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(occurrences);
        int cell = LogLinearCells.IndexOf(item);
        SampleBlock? first = _cells[cell];
        if (first is null)
        {
            return 0;
        }

        Sync();
        SampleBlock block = BlockHolding(first, item);
        long removed = block.Remove((ulong)(item - block.Low), occurrences);
        if (removed == 0)
        {
            return 0;
        }

        _tree.RemoveWeight(_tree.FindNode(block.Low), removed);
        block.Synced = block.Total;
        // An emptied block left the tree; a later one of a split cell must not leave a gap there.
        if (block.Total == 0 && block != first)
        {
            MergeIntoPrevious(cell, (SparseSampleBlock)block);
        }

        return removed;
    }

    /// <summary>Removes every sample.</summary>
    public void Clear()
    {
        Array.Clear(_cells);
        _tree.Clear();
        _unsynced.Clear();
    }

    /// <summary>How many times <paramref name="item"/> occurs.</summary>
    public long CountOf(long item)
    {
        SampleBlock? first = _cells[LogLinearCells.IndexOf(item)];
        if (first is null)
        {
            return 0;
        }

        SampleBlock block = BlockHolding(first, item);
        return block.CountOf((ulong)(item - block.Low));
    }

    /// <summary>How many samples are strictly below <paramref name="item"/>.</summary>
    public long CountLessThan(long item) => CountBelow(item, inclusive: false);

    /// <summary>How many samples are at most <paramref name="item"/>.</summary>
    public long CountAtMost(long item) => CountBelow(item, inclusive: true);

    /// <summary>How many samples lie in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public long CountInRange(long low, long high) => Math.Max(0, CountAtMost(high) - CountLessThan(low));

    /// <summary>The sample at 0-based position <paramref name="index"/> in sorted order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public long ElementAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        SampleBlock block = _tree.ValueOf(_tree.SelectByWeight(index, out long offset));
        return block.Low + (long)block.Select(offset);
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest sample with at least <paramref name="percent"/>% of
    /// all samples at or below it, exactly as <see cref="OrderedBag{T}.Percentile"/>.
    /// </summary>
    /// <param name="percent">In [0, 100]; 0 gives the minimum.</param>
    /// <exception cref="InvalidOperationException">The recorder is empty.</exception>
    public long Percentile(double percent) => ElementAt(NearestRank.Index(percent, Count));

    /// <summary>The nearest-rank median (p50).</summary>
    public long Median => Percentile(50);

    /// <summary>Distinct values with their counts, ascending (or descending).</summary>
    public IEnumerable<(long Value, long Count)> Counts(bool descending = false)
    {
        Sync();
        foreach (var entry in descending ? _tree.Descending : _tree.Ascending)
        {
            SampleBlock block = entry.Value;
            foreach (var (residual, count) in block.Entries(descending))
            {
                yield return (block.Low + (long)residual, count);
                // Samples recorded since the walk began wait in the unsynced list.
                if (_unsynced.Count != 0)
                {
                    throw new InvalidOperationException("The recorder was modified during enumeration.");
                }
            }
        }
    }

    /// <summary>Every sample in ascending order, repeats included.</summary>
    public IEnumerator<long> GetEnumerator()
    {
        foreach (var (value, count) in Counts())
        {
            for (long i = 0; i < count; i++)
            {
                yield return value;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private long CountBelow(long item, bool inclusive)
    {
        Sync();
        int node = _tree.FloorNode(item);
        if (_tree.IsNil(node))
        {
            return 0;
        }

        SampleBlock block = _tree.ValueOf(node);
        return _tree.WeightBelow(block.Low, inclusive: false) + block.CountBelow((ulong)(item - block.Low), inclusive);
    }

    /// <summary>The block whose stretch holds <paramref name="item"/>, given the first block of its cell.</summary>
    private SampleBlock BlockHolding(SampleBlock first, long item) =>
        (ulong)(item - first.Low) <= first.LastResidual ? first : _tree.ValueOf(_tree.FloorNode(item));

    private void MarkUnsynced(SampleBlock block)
    {
        block.Dirty = true;
        _unsynced.Add(block);
    }

    /// <summary>Adds the samples recorded since the last query to the tree's weights.</summary>
    private void Sync()
    {
        foreach (SampleBlock block in _unsynced)
        {
            Sync(block);
            block.Dirty = false;
        }
        _unsynced.Clear();
    }

    /// <summary>Brings one block's tree weight up to date (it stays listed until the next full sync).</summary>
    private void Sync(SampleBlock block)
    {
        long gained = block.Total - block.Synced;
        // A block that was empty has no node yet (or lost it): adding the weight inserts it.
        if (gained != 0)
        {
            _tree.ValueOf(_tree.AddWeight(block.Low, gained)) = block;
        }

        block.Synced = block.Total;
    }

    /// <summary>The slow path of <see cref="Add(long)"/>: a new cell, a sparse cell, a full counter, several samples.</summary>
    private void AddToCell(int cell, long item, long occurrences)
    {
        while (true)
        {
            SampleBlock first = _cells[cell] ??= NewBlock(cell);
            if (first is DenseSampleBlock dense)
            {
                dense.Add((ulong)(item - dense.Low), occurrences);
                if (!dense.Dirty)
                {
                    MarkUnsynced(dense);
                }

                return;
            }
            var sparse = (SparseSampleBlock)BlockHolding(first, item);
            if (sparse.TryAdd((ulong)(item - sparse.Low), occurrences))
            {
                if (!sparse.Dirty)
                {
                    MarkUnsynced(sparse);
                }

                return;
            }
            MakeRoom(cell, sparse);
        }
    }

    private static SampleBlock NewBlock(int cell)
    {
        var (low, widthLog2) = LogLinearCells.Bounds(cell);
        ulong lastResidual = (1UL << widthLog2) - 1;
        return DenseSampleBlock.BytesFor(widthLog2, PackedUnsigned.Nibble) <= SparseSampleBlock.BytesFor(FirstCapacity, lastResidual)
            ? new DenseSampleBlock(low, widthLog2, PackedUnsigned.Nibble)
            : new SparseSampleBlock(low, lastResidual, FirstCapacity);
    }

    /// <summary>
    /// Gives a full sparse block room for one more value: the cell turns dense once that is no larger
    /// than its sparse blocks would be, otherwise the block grows or, at its largest, splits.
    /// </summary>
    private void MakeRoom(int cell, SparseSampleBlock block)
    {
        var (low, widthLog2) = LogLinearCells.Bounds(cell);
        // Counts that needed no more than a byte sparse are guessed to fit in 4 bits dense.
        long denseBytes = DenseSampleBlock.BytesFor(widthLog2, block.CountWidth == 0 ? PackedUnsigned.Nibble : block.CountWidth);
        bool alone = block.Low == low && block.LastResidual == (1UL << widthLog2) - 1;
        int capacity = Math.Min(2 * block.Capacity, MaxSparseEntries);
        long sparseBytes = alone ? block.BytesAt(capacity) : CellBlocks(cell).Sum(b => b.DataBytes);
        if (denseBytes <= MaxDenseBytes && denseBytes <= DenseOverSparseBytes * sparseBytes)
        {
            ConvertToDense(cell);
        }
        else if (capacity > block.Capacity)
        {
            block.Grow(capacity);
        }
        else
        {
            Split(block);
        }
    }

    /// <summary>The blocks of a cell in value order (an emptied first block is not in the tree and not listed).</summary>
    private List<SampleBlock> CellBlocks(int cell)
    {
        var (low, widthLog2) = LogLinearCells.Bounds(cell);
        var blocks = new List<SampleBlock>();
        foreach (var entry in _tree.Range(low, low + ((1L << widthLog2) - 1)))
        {
            blocks.Add(entry.Value);
        }

        return blocks;
    }

    private void ConvertToDense(int cell)
    {
        var (low, widthLog2) = LogLinearCells.Bounds(cell);
        // A sparse cell's first block may have gained its first samples since the last sync.
        Sync(_cells[cell]!);
        List<SampleBlock> blocks = CellBlocks(cell);
        var dense = new DenseSampleBlock(low, widthLog2, PackedUnsigned.Nibble);
        foreach (SampleBlock block in blocks)
        {
            foreach (var (residual, count) in block.Entries(descending: false))
            {
                dense.Add(residual + (ulong)(block.Low - low), count);
            }

            int node = _tree.FindNode(block.Low);
            _tree.RemoveWeight(node, _tree.WeightOf(node));
            // Retired: if it is still listed as unsynced, the next sync must not bring it back.
            block.Synced = block.Total;
        }
        _cells[cell] = dense;
        if (dense.Total > 0)
        {
            MarkUnsynced(dense);
        }
    }

    private void Split(SparseSampleBlock block)
    {
        Sync(block);
        SparseSampleBlock upper = block.SplitUpperHalf();
        _tree.RemoveWeight(_tree.FindNode(block.Low), upper.Total);
        _tree.ValueOf(_tree.AddWeight(upper.Low, upper.Total)) = upper;
        block.Synced = block.Total;
        upper.Synced = upper.Total;
    }

    /// <summary>Hands the stretch of an emptied, not-first block of a split cell to the block before it.</summary>
    private void MergeIntoPrevious(int cell, SparseSampleBlock emptied)
    {
        int node = _tree.FloorNode(emptied.Low - 1);
        SampleBlock? before = _tree.IsNil(node) ? null : _tree.ValueOf(node);
        var previous = (SparseSampleBlock)(before is not null && before.Low + (long)before.LastResidual == emptied.Low - 1 ? before : _cells[cell]!);
        previous.ExtendTo((ulong)(emptied.Low + (long)emptied.LastResidual - previous.Low));
    }

    /// <summary>
    /// Checks the tree, every block, the weights against the block totals, and that the blocks of
    /// each cell cover it without gap or overlap.
    /// </summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold.</exception>
    internal void Validate()
    {
        Sync();
        _tree.Validate();
        int inTree = 0;
        foreach (var entry in _tree.Ascending)
        {
            SampleBlock block = entry.Value;
            block.Validate();
            if (block.Total == 0 || _tree.WeightOf(_tree.FindNode(block.Low)) != block.Total)
            {
                throw new InvalidOperationException($"Block at {block.Low} holds {block.Total} samples but weighs differently in the tree.");
            }

            inTree++;
        }
        int reachable = 0;
        for (int cell = 0; cell < _cells.Length; cell++)
        {
            if (_cells[cell] is not { } first)
            {
                continue;
            }

            var (low, widthLog2) = LogLinearCells.Bounds(cell);
            if (first.Low != low)
            {
                throw new InvalidOperationException($"Cell {cell} starts at {low} but its first block at {first.Low}.");
            }

            first.Validate();
            long end = first.Low + (long)first.LastResidual;
            if (first.Total > 0)
            {
                reachable++;
            }

            foreach (SampleBlock block in CellBlocks(cell))
            {
                if (block == first)
                {
                    continue;
                }

                if (block.Low - 1 != end)
                {
                    throw new InvalidOperationException($"Cell {cell} has a gap or an overlap at {block.Low}.");
                }

                end = block.Low + (long)block.LastResidual;
                reachable++;
            }
            if (end != low + ((1L << widthLog2) - 1))
            {
                throw new InvalidOperationException($"Cell {cell} is not covered to its end.");
            }
        }
        if (reachable != inTree)
        {
            throw new InvalidOperationException($"{inTree} blocks are in the tree but {reachable} are reachable from the cells.");
        }
    }
}
