using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>Writes the coordinates of <paramref name="item"/> into <paramref name="destination"/>.</summary>
public delegate void CoordinateWriter<in T>(T item, Span<double> destination);

/// <summary>
/// A k-d tree over points with k <see cref="double"/> coordinates, each carrying an item: box
/// queries and k-nearest-neighbour search under a pluggable <see cref="IDistanceMetric"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Build"/> splits at the median of the widest dimension, giving a balanced tree. Points
/// equal to a split value may sit on either side, so searches visit both sides on ties.
/// </para>
/// <para>
/// Rebuild policy. <see cref="Add"/> descends to a leaf; when the new leaf is deeper than
/// log<sub>1/α</sub>(n) (α = 0.7) the highest ancestor whose child holds more than α of its subtree
/// is rebuilt by median split (scapegoat rebalancing), so sorted or clustered insertions keep the
/// depth logarithmic at amortised O(log² n) per insertion. <see cref="Remove"/> marks the node dead
/// (searches skip it); once dead nodes outnumber live ones the whole tree is rebuilt from the live
/// points, which is amortised O(log n) per removal.
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class KdTree<T>
{
    private const int None = -1;
    private const double Alpha = 0.7;

    private readonly int _dimensions;
    private readonly IDistanceMetric _metric;
    private readonly IEqualityComparer<T> _itemComparer;
    private double[] _coordinates;
    private T[] _items;
    private KdNode[] _nodes;
    private readonly Stack<int> _freeSlots = new();
    private readonly List<int> _scratch = new();
    private int _highWater;
    private int _root = None;
    private int _live;
    private int _dead;
    private int _sizeBound; // largest node count since the last full rebuild; bounds the depth

    private struct KdNode
    {
        public int Left;
        public int Right;
        public int Size; // nodes in the subtree, dead ones included
        public int Dimension;
        public bool IsDead;
    }

    /// <summary>Creates an empty tree.</summary>
    /// <param name="dimensions">k, the number of coordinates per point.</param>
    /// <param name="metric">Distance for <see cref="Nearest"/>; Euclidean when null.</param>
    /// <param name="itemComparer">Identifies the item to remove in <see cref="Remove"/>.</param>
    public KdTree(int dimensions, IDistanceMetric? metric = null, IEqualityComparer<T>? itemComparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        _dimensions = dimensions;
        _metric = metric ?? EuclideanMetric.Instance;
        _itemComparer = itemComparer ?? EqualityComparer<T>.Default;
        _coordinates = new double[16 * dimensions];
        _items = new T[16];
        _nodes = new KdNode[16];
    }

    /// <summary>Number of live points.</summary>
    public int Count => _live;

    /// <summary>k, the number of coordinates per point.</summary>
    public int Dimensions => _dimensions;

    /// <summary>The metric used by <see cref="Nearest"/>.</summary>
    public IDistanceMetric Metric => _metric;

    /// <summary>Builds a balanced tree from items whose coordinates <paramref name="writeCoordinates"/> extracts.</summary>
    public static KdTree<T> Build(int dimensions, IEnumerable<T> items, CoordinateWriter<T> writeCoordinates, IDistanceMetric? metric = null)
    {
        var tree = new KdTree<T>(dimensions, metric);
        Span<double> point = dimensions <= 64 ? stackalloc double[dimensions] : new double[dimensions];
        foreach (T item in items)
        {
            writeCoordinates(item, point);
            tree.Store(point, item);
        }
        tree.RebuildAll();
        return tree;
    }

    /// <summary>Builds a balanced tree from (point, item) pairs.</summary>
    public static KdTree<T> Build(int dimensions, IEnumerable<(double[] Point, T Item)> entries, IDistanceMetric? metric = null)
    {
        var tree = new KdTree<T>(dimensions, metric);
        foreach (var (point, item) in entries)
        {
            tree.Store(point, item);
        }

        tree.RebuildAll();
        return tree;
    }

    /// <summary>Adds a point.</summary>
    /// <exception cref="ArgumentException">Wrong number of coordinates, or a NaN coordinate.</exception>
    public void Add(ReadOnlySpan<double> point, T item)
    {
        int slot = Store(point, item);
        if (_root == None)
        {
            _root = slot;
            _sizeBound = Math.Max(_sizeBound, 1);
            return;
        }

        List<int> path = _scratch;
        path.Clear();
        int current = _root;
        while (true)
        {
            path.Add(current);
            ref KdNode node = ref _nodes[current];
            node.Size++;
            bool goRight = point[node.Dimension] >= Coordinate(current, node.Dimension);
            ref int next = ref goRight ? ref node.Right : ref node.Left;
            if (next == None)
            {
                next = slot;
                _nodes[slot].Dimension = (node.Dimension + 1) % _dimensions;
                break;
            }
            current = next;
        }
        _sizeBound = Math.Max(_sizeBound, _nodes[_root].Size);
        if (path.Count > MaxDepth(_nodes[_root].Size))
        {
            RebuildScapegoat(path, slot);
        }
    }

    /// <summary>Removes one point with these coordinates whose item equals <paramref name="item"/>.</summary>
    /// <returns>Whether such a point was found.</returns>
    public bool Remove(ReadOnlySpan<double> point, T item)
    {
        CheckPoint(point);
        int slot = FindLive(_root, point, item);
        if (slot == None)
        {
            return false;
        }

        _nodes[slot].IsDead = true;
        _items[slot] = default!;
        _live--;
        _dead++;
        if (_dead > _live)
        {
            RebuildAll();
        }

        return true;
    }

    /// <summary>Removes every point.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _freeSlots.Clear();
        _highWater = 0;
        _root = None;
        _live = 0;
        _dead = 0;
        _sizeBound = 0;
    }

    /// <summary>The items whose points lie in the closed box [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <remarks>Use infinities for open sides ("latency above 10 ms, any size").</remarks>
    public List<T> InBox(ReadOnlySpan<double> min, ReadOnlySpan<double> max)
    {
        CheckPoint(min, allowInfinity: true);
        CheckPoint(max, allowInfinity: true);
        var results = new List<T>();
        CollectInBox(_root, min, max, results);
        return results;
    }

    /// <summary>
    /// The <paramref name="count"/> points nearest to <paramref name="query"/>, closest first. Ties at
    /// the cut-off distance are broken arbitrarily.
    /// </summary>
    public List<Neighbour<T>> Nearest(ReadOnlySpan<double> query, int count)
    {
        CheckPoint(query);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var best = new PriorityQueue<int, double>(count + 1, FarthestFirst.Instance);
        if (count > 0)
        {
            SearchNearest(_root, query, count, best);
        }

        var results = new List<Neighbour<T>>(best.Count);
        while (best.TryDequeue(out int slot, out double reduced))
        {
            results.Add(new Neighbour<T>(_items[slot], _metric.FromReduced(reduced)));
        }

        results.Reverse();
        return results;
    }

    /// <summary>The coordinates and items of all live points, in no particular order.</summary>
    public IEnumerable<(double[] Point, T Item)> Entries()
    {
        var pending = new Stack<int>();
        if (_root != None)
        {
            pending.Push(_root);
        }

        while (pending.Count > 0)
        {
            int slot = pending.Pop();
            KdNode node = _nodes[slot];
            if (node.Left != None)
            {
                pending.Push(node.Left);
            }

            if (node.Right != None)
            {
                pending.Push(node.Right);
            }

            if (!node.IsDead)
            {
                yield return (Point(slot).ToArray(), _items[slot]);
            }
        }
    }

    // ---- storage ----

    private ReadOnlySpan<double> Point(int slot) => _coordinates.AsSpan(slot * _dimensions, _dimensions);

    private double Coordinate(int slot, int dimension) => _coordinates[slot * _dimensions + dimension];

    private void CheckPoint(ReadOnlySpan<double> point, bool allowInfinity = false)
    {
        if (point.Length != _dimensions)
        {
            throw new ArgumentException($"Expected {_dimensions} coordinates, got {point.Length}.", nameof(point));
        }

        foreach (double c in point)
        {
            if (double.IsNaN(c) || (!allowInfinity && double.IsInfinity(c)))
            {
                throw new ArgumentException("Coordinates must be finite numbers.", nameof(point));
            }
        }
    }

    /// <summary>Puts the point in a free slot as an unlinked leaf.</summary>
    private int Store(ReadOnlySpan<double> point, T item)
    {
        CheckPoint(point);
        int slot;
        if (_freeSlots.Count > 0)
        {
            slot = _freeSlots.Pop();
        }
        else
        {
            if (_highWater == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
                Array.Resize(ref _items, _nodes.Length);
                Array.Resize(ref _coordinates, _nodes.Length * _dimensions);
            }
            slot = _highWater++;
        }
        point.CopyTo(_coordinates.AsSpan(slot * _dimensions, _dimensions));
        _items[slot] = item;
        _nodes[slot] = new KdNode { Left = None, Right = None, Size = 1 };
        _live++;
        return slot;
    }

    // ---- rebuilding ----

    private static int MaxDepth(int size) => (int)Math.Floor(Math.Log(size) / Math.Log(1 / Alpha)) + 1;

    private void RebuildAll()
    {
        var slots = new List<int>(_live);
        if (_root == None)
        {
            // Freshly stored points (bulk build) are not linked yet.
            for (int slot = 0; slot < _highWater; slot++)
            {
                slots.Add(slot);
            }
        }
        else
        {
            CollectSubtree(_root, slots);
        }
        _root = BuildSubtree(CollectionsMarshal.AsSpan(slots));
        _sizeBound = slots.Count;
    }

    private void RebuildScapegoat(List<int> path, int leaf)
    {
        int child = leaf;
        for (int i = path.Count - 1; i >= 0; i--)
        {
            int ancestor = path[i];
            if (_nodes[child].Size > Alpha * _nodes[ancestor].Size || i == 0)
            {
                int oldSize = _nodes[ancestor].Size;
                var slots = new List<int>(oldSize);
                CollectSubtree(ancestor, slots);
                int rebuilt = BuildSubtree(CollectionsMarshal.AsSpan(slots));
                int dropped = oldSize - slots.Count;
                if (i == 0)
                {
                    _root = rebuilt;
                    return;
                }
                int parent = path[i - 1];
                if (_nodes[parent].Left == ancestor)
                {
                    _nodes[parent].Left = rebuilt;
                }
                else
                {
                    _nodes[parent].Right = rebuilt;
                }

                for (int j = i - 1; j >= 0; j--)
                {
                    _nodes[path[j]].Size -= dropped;
                }

                return;
            }
            child = ancestor;
        }
    }

    /// <summary>Gathers the live slots under <paramref name="root"/> and frees the dead ones.</summary>
    private void CollectSubtree(int root, List<int> live)
    {
        var pending = new Stack<int>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            int slot = pending.Pop();
            if (slot == None)
            {
                continue;
            }

            ref KdNode node = ref _nodes[slot];
            pending.Push(node.Left);
            pending.Push(node.Right);
            if (node.IsDead)
            {
                _freeSlots.Push(slot);
                _dead--;
            }
            else
            {
                live.Add(slot);
            }
        }
    }

    /// <summary>Links the slots into a balanced subtree split at medians; returns its root.</summary>
    private int BuildSubtree(Span<int> slots)
    {
        if (slots.Length == 0)
        {
            return None;
        }

        int dimension = WidestDimension(slots);
        int middle = slots.Length / 2;
        SelectNth(slots, middle, dimension);
        int root = slots[middle];
        int left = BuildSubtree(slots[..middle]);
        int right = BuildSubtree(slots[(middle + 1)..]);
        _nodes[root] = new KdNode { Left = left, Right = right, Size = slots.Length, Dimension = dimension };
        return root;
    }

    private int WidestDimension(ReadOnlySpan<int> slots)
    {
        int widest = 0;
        double widestSpread = -1;
        for (int d = 0; d < _dimensions; d++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (int slot in slots)
            {
                double c = Coordinate(slot, d);
                min = Math.Min(min, c);
                max = Math.Max(max, c);
            }
            if (max - min > widestSpread)
            {
                widestSpread = max - min;
                widest = d;
            }
        }
        return widest;
    }

    /// <summary>Quickselect with a three-way partition, so runs of equal coordinates stay linear.</summary>
    private void SelectNth(Span<int> slots, int nth, int dimension)
    {
        int low = 0, high = slots.Length - 1;
        while (high > low)
        {
            double pivot = MedianOfThree(
                Coordinate(slots[low], dimension),
                Coordinate(slots[low + (high - low) / 2], dimension),
                Coordinate(slots[high], dimension));
            int less = low, scan = low, greater = high;
            while (scan <= greater)
            {
                double c = Coordinate(slots[scan], dimension);
                if (c < pivot)
                {
                    (slots[less], slots[scan]) = (slots[scan], slots[less]);
                    less++;
                    scan++;
                }
                else if (c > pivot)
                {
                    (slots[scan], slots[greater]) = (slots[greater], slots[scan]);
                    greater--;
                }
                else
                {
                    scan++;
                }
            }
            if (nth < less)
            {
                high = less - 1;
            }
            else if (nth > greater)
            {
                low = greater + 1;
            }
            else
            {
                return;
            }
        }
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    // ---- searching ----

    private int FindLive(int slot, ReadOnlySpan<double> point, T item)
    {
        while (slot != None)
        {
            ref KdNode node = ref _nodes[slot];
            if (!node.IsDead && point.SequenceEqual(Point(slot)) && _itemComparer.Equals(_items[slot], item))
            {
                return slot;
            }

            double split = Coordinate(slot, node.Dimension);
            double c = point[node.Dimension];
            if (c < split)
            {
                slot = node.Left;
            }
            else if (c > split)
            {
                slot = node.Right;
            }
            else
            {
                int found = FindLive(node.Left, point, item);
                if (found != None)
                {
                    return found;
                }

                slot = node.Right;
            }
        }
        return None;
    }

    private void CollectInBox(int slot, ReadOnlySpan<double> min, ReadOnlySpan<double> max, List<T> results)
    {
        while (slot != None)
        {
            ref KdNode node = ref _nodes[slot];
            if (!node.IsDead && Contains(min, max, Point(slot)))
            {
                results.Add(_items[slot]);
            }

            double split = Coordinate(slot, node.Dimension);
            bool visitLeft = min[node.Dimension] <= split;
            bool visitRight = max[node.Dimension] >= split;
            if (visitLeft && visitRight)
            {
                CollectInBox(node.Left, min, max, results);
            }

            slot = visitRight ? node.Right : visitLeft ? node.Left : None;
        }
    }

    private static bool Contains(ReadOnlySpan<double> min, ReadOnlySpan<double> max, ReadOnlySpan<double> point)
    {
        for (int d = 0; d < point.Length; d++)
        {
            if (point[d] < min[d] || point[d] > max[d])
            {
                return false;
            }
        }
        return true;
    }

    private void SearchNearest(int slot, ReadOnlySpan<double> query, int count, PriorityQueue<int, double> best)
    {
        if (slot == None)
        {
            return;
        }

        ref KdNode node = ref _nodes[slot];
        if (!node.IsDead)
        {
            double reduced = _metric.ReducedDistance(Point(slot), query);
            if (best.Count < count)
            {
                best.Enqueue(slot, reduced);
            }
            else if (reduced < PeekPriority(best))
            {
                best.EnqueueDequeue(slot, reduced);
            }
        }
        double delta = query[node.Dimension] - Coordinate(slot, node.Dimension);
        int near = delta < 0 ? node.Left : node.Right;
        int far = delta < 0 ? node.Right : node.Left;
        SearchNearest(near, query, count, best);
        if (best.Count < count || _metric.ReducedAxisDistance(node.Dimension, delta) < PeekPriority(best))
        {
            SearchNearest(far, query, count, best);
        }
    }

    private static double PeekPriority(PriorityQueue<int, double> queue)
    {
        queue.TryPeek(out _, out double priority);
        return priority;
    }

    private sealed class FarthestFirst : IComparer<double>
    {
        public static readonly FarthestFirst Instance = new();

        public int Compare(double x, double y) => y.CompareTo(x);
    }

    // ---- validation ----

    /// <summary>
    /// Checks that every node separates its subtrees by its split value, that subtree sizes and the
    /// live count are right, and that the depth respects the rebalancing bound.
    /// </summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold.</exception>
    internal void Validate()
    {
        var lower = Enumerable.Repeat(double.NegativeInfinity, _dimensions).ToArray();
        var upper = Enumerable.Repeat(double.PositiveInfinity, _dimensions).ToArray();
        int live = 0, depth = 0;
        int size = ValidateSubtree(_root, lower, upper, 1, ref live, ref depth);
        if (live != _live)
        {
            throw new InvalidOperationException($"Count is {_live} but {live} live nodes are reachable.");
        }

        if (size != _live + _dead)
        {
            throw new InvalidOperationException("Dead-node bookkeeping is off.");
        }

        if (_dead > _live)
        {
            throw new InvalidOperationException("Too many dead nodes were kept.");
        }

        if (size > 0 && depth > MaxDepth(_sizeBound) + 1)
        {
            throw new InvalidOperationException($"Depth {depth} exceeds the bound for {size} nodes.");
        }
    }

    private int ValidateSubtree(int slot, double[] lower, double[] upper, int level, ref int live, ref int depth)
    {
        if (slot == None)
        {
            return 0;
        }

        depth = Math.Max(depth, level);
        ref KdNode node = ref _nodes[slot];
        var point = Point(slot);
        for (int d = 0; d < _dimensions; d++)
        {
            if (point[d] < lower[d] || point[d] > upper[d])
            {
                throw new InvalidOperationException($"Point in slot {slot} lies on the wrong side of a split.");
            }
        }
        if (!node.IsDead)
        {
            live++;
        }

        int dimension = node.Dimension;
        double split = point[dimension];

        double savedUpper = upper[dimension];
        upper[dimension] = Math.Min(savedUpper, split);
        int leftSize = ValidateSubtree(node.Left, lower, upper, level + 1, ref live, ref depth);
        upper[dimension] = savedUpper;

        double savedLower = lower[dimension];
        lower[dimension] = Math.Max(savedLower, split);
        int rightSize = ValidateSubtree(node.Right, lower, upper, level + 1, ref live, ref depth);
        lower[dimension] = savedLower;

        if (node.Size != 1 + leftSize + rightSize)
        {
            throw new InvalidOperationException($"Slot {slot} has a wrong subtree size.");
        }

        return node.Size;
    }
}
