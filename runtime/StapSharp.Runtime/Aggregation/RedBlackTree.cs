using System.Collections;
using System.Runtime.CompilerServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// An ordered map (unique keys) kept as a red-black tree with order statistics: every node knows the
/// weight of its subtree, so <see cref="IndexOf"/> (rank), <see cref="GetAt"/> (select) and
/// <see cref="CountInRange"/> are O(log n) and exact percentiles need no sorting.
/// </summary>
/// <remarks>
/// <para>
/// Nodes live in one array of structs addressed by <see cref="int"/> indices (index 0 is the black
/// sentinel leaf), freed slots are recycled through a free list, so a steady stream of inserts and
/// deletes allocates nothing per node. The comparer is a struct type parameter: the JIT specialises
/// the tree for it and inlines <c>Compare</c>, which is most of the win over
/// <see cref="SortedDictionary{TKey, TValue}"/>. Use <see cref="RedBlackTree{TKey, TValue}"/> when
/// an <see cref="IComparer{T}"/> instance (or the default order) is all you need.
/// </para>
/// <para>
/// Keys are unique. Duplicate samples (the latency of many events) belong in
/// <see cref="OrderedBag{T}"/>, which keeps a count per distinct key on this same tree: the
/// subtree "size" is a weight, which for a map is 1 per key and for a bag is the key's multiplicity.
/// </para>
/// <para>Not thread-safe. Enumerators fail fast if the tree is modified while they run.</para>
/// </remarks>
public class RedBlackTree<TKey, TValue, TComparer> : IEnumerable<KeyValuePair<TKey, TValue>>
    where TComparer : struct, IComparer<TKey>
{
    private const int Nil = 0;
    private const bool Left = false;
    private const bool Right = true;

    private Node[] _nodes;
    private int _root = Nil;
    private int _count;
    private int _highWater = 1;
    private int _freeList = Nil;
    private int _version;
    private readonly TComparer _comparer;

    private struct Node
    {
        public TKey Key;
        public TValue Value;
        public int Left;
        public int Right;
        public int Parent;
        public long SubtreeWeight;
        public bool IsRed;
    }

    /// <summary>Creates an empty tree ordered by <paramref name="comparer"/>.</summary>
    /// <param name="comparer">The key order.</param>
    /// <param name="capacity">Nodes to reserve up front.</param>
    public RedBlackTree(TComparer comparer, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _comparer = comparer;
        _nodes = new Node[Math.Max(capacity + 1, 8)];
    }

    /// <summary>Number of keys.</summary>
    public int Count => _count;

    /// <summary>The key order.</summary>
    public TComparer Comparer => _comparer;

    /// <summary>Sum of the weights of all keys (equal to <see cref="Count"/> for a map).</summary>
    internal long TotalWeight => _nodes[_root].SubtreeWeight;

    /// <summary>Gets the value of an existing key, or adds or replaces it.</summary>
    /// <exception cref="KeyNotFoundException">On get, when the key is absent.</exception>
    public TValue this[TKey key]
    {
        get
        {
            int node = FindNode(key);
            if (node == Nil) throw new KeyNotFoundException($"Key '{key}' is not in the tree.");
            return _nodes[node].Value;
        }
        set
        {
            int node = FindOrInsert(key, 1, addToExisting: false, out _);
            _nodes[node].Value = value;
        }
    }

    /// <summary>Adds a key; throws if it is already present.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(TKey key, TValue value)
    {
        if (!TryAdd(key, value)) throw new ArgumentException($"Key '{key}' is already in the tree.", nameof(key));
    }

    /// <summary>Adds a key unless it is already present.</summary>
    /// <returns>Whether the key was added.</returns>
    public bool TryAdd(TKey key, TValue value)
    {
        int node = FindOrInsert(key, 1, addToExisting: false, out bool added);
        if (added) _nodes[node].Value = value;
        return added;
    }

    /// <summary>
    /// Returns a reference to the value of <paramref name="key"/>, adding the key with a default value
    /// first if needed. Lets a caller update a struct value (running statistics) in place with one
    /// search. The reference is only valid until the next insertion or removal.
    /// </summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        // Search first: in aggregation loops the key usually exists already.
        int node = FindNode(key);
        exists = node != Nil;
        if (!exists) node = FindOrInsert(key, 1, addToExisting: false, out _);
        return ref _nodes[node].Value;
    }

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        int node = FindNode(key);
        value = node == Nil ? default! : _nodes[node].Value;
        return node != Nil;
    }

    /// <summary>Whether the key is present.</summary>
    public bool ContainsKey(TKey key) => FindNode(key) != Nil;

    /// <summary>Removes a key.</summary>
    /// <returns>Whether the key was present.</returns>
    public bool Remove(TKey key) => Remove(key, out _);

    /// <summary>Removes a key and returns its value.</summary>
    public bool Remove(TKey key, out TValue value)
    {
        int node = FindNode(key);
        if (node == Nil)
        {
            value = default!;
            return false;
        }
        value = _nodes[node].Value;
        RemoveNode(node);
        return true;
    }

    /// <summary>Removes every key; keeps the node storage.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<Node>()) Array.Clear(_nodes, 0, _highWater);
        _nodes[Nil] = default;
        _root = Nil;
        _count = 0;
        _highWater = 1;
        _freeList = Nil;
        _version++;
    }

    /// <summary>The smallest entry.</summary>
    /// <exception cref="InvalidOperationException">The tree is empty.</exception>
    public KeyValuePair<TKey, TValue> Min => EntryAt(ExtremeOf(NonEmptyRoot(), Left));

    /// <summary>The largest entry.</summary>
    /// <exception cref="InvalidOperationException">The tree is empty.</exception>
    public KeyValuePair<TKey, TValue> Max => EntryAt(ExtremeOf(NonEmptyRoot(), Right));

    /// <summary>Rank of a present key (its 0-based position in key order), or -1 if absent.</summary>
    public int IndexOf(TKey key) => FindNode(key) == Nil ? -1 : (int)WeightBelow(key, inclusive: false);

    /// <summary>How many keys are strictly less than <paramref name="key"/> (present or not).</summary>
    public int CountLessThan(TKey key) => (int)WeightBelow(key, inclusive: false);

    /// <summary>How many keys lie between the bounds.</summary>
    public int CountInRange(TKey low, TKey high, bool lowInclusive = true, bool highInclusive = true)
    {
        long count = WeightBelow(high, highInclusive) - WeightBelow(low, !lowInclusive);
        return (int)Math.Max(0, count);
    }

    /// <summary>The entry at a 0-based position in key order (select), O(log n).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public KeyValuePair<TKey, TValue> GetAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        return EntryAt(SelectByWeight(index));
    }

    /// <summary>The greatest entry whose key is at most (or, if not inclusive, below) <paramref name="key"/>.</summary>
    public bool TryGetFloor(TKey key, out KeyValuePair<TKey, TValue> entry, bool inclusive = true) =>
        TryGetEntry(FindBound(key, Left, inclusive), out entry);

    /// <summary>The least entry whose key is at least (or, if not inclusive, above) <paramref name="key"/>.</summary>
    public bool TryGetCeiling(TKey key, out KeyValuePair<TKey, TValue> entry, bool inclusive = true) =>
        TryGetEntry(FindBound(key, Right, inclusive), out entry);

    /// <summary>All entries in ascending key order.</summary>
    public OrderedView Ascending => _root == Nil
        ? default
        : new OrderedView(this, ExtremeOf(_root, Left), ExtremeOf(_root, Right), descending: false);

    /// <summary>All entries in descending key order.</summary>
    public OrderedView Descending => _root == Nil
        ? default
        : new OrderedView(this, ExtremeOf(_root, Right), ExtremeOf(_root, Left), descending: true);

    /// <summary>Entries whose keys lie between the bounds, in ascending (or descending) order.</summary>
    public OrderedView Range(TKey low, TKey high, bool lowInclusive = true, bool highInclusive = true, bool descending = false)
    {
        int first = FindBound(low, Right, lowInclusive);
        int last = FindBound(high, Left, highInclusive);
        if (first == Nil || last == Nil || _comparer.Compare(_nodes[first].Key, _nodes[last].Key) > 0) return default;
        return descending ? new OrderedView(this, last, first, true) : new OrderedView(this, first, last, false);
    }

    /// <summary>Ascending enumeration without allocation.</summary>
    public Enumerator GetEnumerator() => Ascending.GetEnumerator();

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // ---- weighted operations used by OrderedBag ----

    /// <summary>Adds <paramref name="weight"/> to a key's multiplicity, inserting it if needed.</summary>
    internal int AddWeight(TKey key, long weight)
    {
        int node = FindOrInsert(key, weight, addToExisting: true, out bool added);
        if (!added) _version++;
        return node;
    }

    /// <summary>Lowers a node's multiplicity, removing the node when it reaches zero.</summary>
    internal void RemoveWeight(int node, long weight)
    {
        if (weight >= WeightOf(node))
        {
            RemoveNode(node);
            return;
        }
        AddWeightToPath(node, -weight);
        _version++;
    }

    internal long WeightOf(int node)
    {
        ref Node n = ref _nodes[node];
        return n.SubtreeWeight - _nodes[n.Left].SubtreeWeight - _nodes[n.Right].SubtreeWeight;
    }

    internal ref readonly TKey KeyOf(int node) => ref _nodes[node].Key;

    internal bool IsNil(int node) => node == Nil;

    /// <summary>Total weight of keys below (or at most, if inclusive) <paramref name="key"/>.</summary>
    internal long WeightBelow(TKey key, bool inclusive)
    {
        long weight = 0;
        Node[] nodes = _nodes;
        int current = _root;
        while (current != Nil)
        {
            int cmp = _comparer.Compare(key, nodes[current].Key);
            if (cmp < 0 || (cmp == 0 && !inclusive))
            {
                current = nodes[current].Left;
            }
            else
            {
                weight += nodes[current].SubtreeWeight - nodes[nodes[current].Right].SubtreeWeight;
                current = nodes[current].Right;
            }
        }
        return weight;
    }

    /// <summary>The node covering position <paramref name="index"/> when every key repeats by its weight.</summary>
    internal int SelectByWeight(long index)
    {
        Node[] nodes = _nodes;
        int current = _root;
        while (current != Nil)
        {
            long leftWeight = nodes[nodes[current].Left].SubtreeWeight;
            if (index < leftWeight)
            {
                current = nodes[current].Left;
                continue;
            }
            index -= leftWeight;
            long own = nodes[current].SubtreeWeight - leftWeight - nodes[nodes[current].Right].SubtreeWeight;
            if (index < own) return current;
            index -= own;
            current = nodes[current].Right;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    internal int FindNode(TKey key)
    {
        Node[] nodes = _nodes;
        TComparer comparer = _comparer;
        int current = _root;
        while (current != Nil)
        {
            int cmp = comparer.Compare(key, nodes[current].Key);
            if (cmp == 0) return current;
            current = cmp < 0 ? nodes[current].Left : nodes[current].Right;
        }
        return Nil;
    }

    // ---- structure ----

    private int NonEmptyRoot() => _root != Nil ? _root : throw new InvalidOperationException("The tree is empty.");

    private KeyValuePair<TKey, TValue> EntryAt(int node) => new(_nodes[node].Key, _nodes[node].Value);

    private bool TryGetEntry(int node, out KeyValuePair<TKey, TValue> entry)
    {
        entry = node == Nil ? default : EntryAt(node);
        return node != Nil;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Child(int node, bool side) => ref side ? ref _nodes[node].Right : ref _nodes[node].Left;

    private bool IsRed(int node) => _nodes[node].IsRed;

    private int ExtremeOf(int node, bool side)
    {
        for (int next = Child(node, side); next != Nil; next = Child(node, side)) node = next;
        return node;
    }

    /// <summary>In-order neighbour: the successor when <paramref name="side"/> is Right, the predecessor when Left.</summary>
    private int Neighbour(int node, bool side)
    {
        int child = Child(node, side);
        if (child != Nil) return ExtremeOf(child, !side);
        int parent = _nodes[node].Parent;
        while (parent != Nil && node == Child(parent, side))
        {
            node = parent;
            parent = _nodes[node].Parent;
        }
        return parent;
    }

    /// <summary>
    /// With side Left: the greatest node whose key is ≤ key (&lt; if not inclusive).
    /// With side Right: the least node whose key is ≥ key (&gt; if not inclusive).
    /// </summary>
    private int FindBound(TKey key, bool side, bool inclusive)
    {
        int best = Nil;
        int current = _root;
        while (current != Nil)
        {
            int cmp = _comparer.Compare(_nodes[current].Key, key);
            bool acceptable = side == Left ? cmp < 0 || (cmp == 0 && inclusive) : cmp > 0 || (cmp == 0 && inclusive);
            if (acceptable)
            {
                best = current;
                current = Child(current, !side);
            }
            else
            {
                current = Child(current, side);
            }
        }
        return best;
    }

    /// <summary>
    /// Finds the key or inserts it with <paramref name="weight"/>. Subtree weights are raised on the
    /// way down (one pass over the path instead of two); when the key exists the raise is kept and
    /// applied to the key too if <paramref name="addToExisting"/>, otherwise undone.
    /// </summary>
    private int FindOrInsert(TKey key, long weight, bool addToExisting, out bool added)
    {
        Node[] nodes = _nodes;
        TComparer comparer = _comparer;
        int parent = Nil;
        int current = _root;
        int cmp = 0;
        while (current != Nil)
        {
            ref Node node = ref nodes[current];
            cmp = comparer.Compare(key, node.Key);
            if (cmp == 0)
            {
                if (addToExisting) node.SubtreeWeight += weight;
                else AddWeightToPath(parent, -weight);
                added = false;
                return current;
            }
            node.SubtreeWeight += weight;
            parent = current;
            current = cmp < 0 ? node.Left : node.Right;
        }

        int fresh = AllocateNode();
        nodes = _nodes;
        ref Node inserted = ref nodes[fresh];
        inserted.Key = key;
        inserted.Value = default!;
        inserted.Left = Nil;
        inserted.Right = Nil;
        inserted.Parent = parent;
        inserted.SubtreeWeight = weight;
        inserted.IsRed = true;
        if (parent == Nil) _root = fresh;
        else if (cmp < 0) nodes[parent].Left = fresh;
        else nodes[parent].Right = fresh;

        _count++;
        _version++;
        FixAfterInsert(fresh);
        added = true;
        return fresh;
    }

    private void AddWeightToPath(int node, long weight)
    {
        Node[] nodes = _nodes;
        for (; node != Nil; node = nodes[node].Parent) nodes[node].SubtreeWeight += weight;
    }

    private int AllocateNode()
    {
        if (_freeList != Nil)
        {
            int recycled = _freeList;
            _freeList = _nodes[recycled].Parent;
            return recycled;
        }
        if (_highWater == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        return _highWater++;
    }

    private void FreeNode(int node)
    {
        _nodes[node] = default;
        _nodes[node].Parent = _freeList;
        _freeList = node;
    }

    private void ReplaceChild(int parent, int oldChild, int newChild)
    {
        if (parent == Nil) _root = newChild;
        else if (_nodes[parent].Left == oldChild) _nodes[parent].Left = newChild;
        else _nodes[parent].Right = newChild;
    }

    /// <summary>Moves <paramref name="node"/> down to <paramref name="side"/>; its other child takes its place.</summary>
    private void RotateDown(int node, bool side)
    {
        int riser = Child(node, !side);
        int transferred = Child(riser, side);

        Child(node, !side) = transferred;
        if (transferred != Nil) _nodes[transferred].Parent = node;
        int parent = _nodes[node].Parent;
        _nodes[riser].Parent = parent;
        ReplaceChild(parent, node, riser);
        Child(riser, side) = node;
        _nodes[node].Parent = riser;

        // The riser now covers exactly what the node covered; the node lost the riser's other parts.
        long nodeWeight = _nodes[node].SubtreeWeight;
        _nodes[node].SubtreeWeight = nodeWeight - _nodes[riser].SubtreeWeight + _nodes[transferred].SubtreeWeight;
        _nodes[riser].SubtreeWeight = nodeWeight;
    }

    private void FixAfterInsert(int node)
    {
        while (IsRed(_nodes[node].Parent))
        {
            int parent = _nodes[node].Parent;
            int grandparent = _nodes[parent].Parent;
            bool parentSide = _nodes[grandparent].Right == parent;
            int uncle = Child(grandparent, !parentSide);
            if (IsRed(uncle))
            {
                _nodes[parent].IsRed = false;
                _nodes[uncle].IsRed = false;
                _nodes[grandparent].IsRed = true;
                node = grandparent;
                continue;
            }
            if (node == Child(parent, !parentSide))
            {
                // Inner grandchild: straighten the zig-zag first.
                node = parent;
                RotateDown(node, parentSide);
                parent = _nodes[node].Parent;
            }
            _nodes[parent].IsRed = false;
            _nodes[grandparent].IsRed = true;
            RotateDown(grandparent, !parentSide);
        }
        _nodes[_root].IsRed = false;
    }

    private void RemoveNode(int node)
    {
        if (_nodes[node].Left != Nil && _nodes[node].Right != Nil)
        {
            // Two children: move the successor's entry here and unlink the successor instead.
            int successor = ExtremeOf(_nodes[node].Right, Left);
            long successorWeight = WeightOf(successor);
            long nodeWeight = WeightOf(node);
            AddWeightToPath(successor, -successorWeight);
            AddWeightToPath(node, successorWeight - nodeWeight);
            _nodes[node].Key = _nodes[successor].Key;
            _nodes[node].Value = _nodes[successor].Value;
            node = successor;
        }
        else
        {
            AddWeightToPath(node, -WeightOf(node));
        }

        int child = _nodes[node].Left != Nil ? _nodes[node].Left : _nodes[node].Right;
        int parent = _nodes[node].Parent;
        // The sentinel's parent is set on purpose: the fix-up walks up from it when child is Nil.
        _nodes[child].Parent = parent;
        ReplaceChild(parent, node, child);
        if (!_nodes[node].IsRed) FixAfterRemove(child);
        _nodes[Nil].Parent = Nil;

        FreeNode(node);
        _count--;
        _version++;
    }

    private void FixAfterRemove(int node)
    {
        while (node != _root && !IsRed(node))
        {
            int parent = _nodes[node].Parent;
            bool side = _nodes[parent].Right == node;
            int sibling = Child(parent, !side);
            if (IsRed(sibling))
            {
                _nodes[sibling].IsRed = false;
                _nodes[parent].IsRed = true;
                RotateDown(parent, side);
                sibling = Child(parent, !side);
            }
            if (!IsRed(_nodes[sibling].Left) && !IsRed(_nodes[sibling].Right))
            {
                _nodes[sibling].IsRed = true;
                node = parent;
                continue;
            }
            if (!IsRed(Child(sibling, !side)))
            {
                _nodes[Child(sibling, side)].IsRed = false;
                _nodes[sibling].IsRed = true;
                RotateDown(sibling, !side);
                sibling = Child(parent, !side);
            }
            _nodes[sibling].IsRed = _nodes[parent].IsRed;
            _nodes[parent].IsRed = false;
            _nodes[Child(sibling, !side)].IsRed = false;
            RotateDown(parent, side);
            node = _root;
        }
        _nodes[node].IsRed = false;
    }

    // ---- validation ----

    /// <summary>
    /// Checks every red-black and bookkeeping invariant: black root, no red node with a red child,
    /// equal black height on every path, strictly increasing keys, consistent parent links, subtree
    /// weights equal to the sum of positive node weights, and <see cref="Count"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold.</exception>
    internal void Validate()
    {
        Node sentinel = _nodes[Nil];
        if (sentinel.IsRed || sentinel.SubtreeWeight != 0 || sentinel.Left != Nil || sentinel.Right != Nil)
            throw new InvalidOperationException("The sentinel leaf was modified.");
        if (IsRed(_root)) throw new InvalidOperationException("The root is red.");
        if (_root != Nil && _nodes[_root].Parent != Nil) throw new InvalidOperationException("The root has a parent.");
        int visited = 0;
        ValidateSubtree(_root, ref visited);
        if (visited != _count) throw new InvalidOperationException($"Count is {_count} but {visited} nodes are reachable.");

        bool first = true;
        TKey previous = default!;
        foreach (var entry in this)
        {
            if (!first && _comparer.Compare(previous, entry.Key) >= 0)
                throw new InvalidOperationException($"Keys out of order: '{previous}' before '{entry.Key}'.");
            previous = entry.Key;
            first = false;
        }
    }

    /// <returns>The black height of the subtree.</returns>
    private int ValidateSubtree(int node, ref int visited)
    {
        if (node == Nil) return 1;
        visited++;
        ref Node n = ref _nodes[node];
        foreach (int child in (ReadOnlySpan<int>)[n.Left, n.Right])
        {
            if (child == Nil) continue;
            if (_nodes[child].Parent != node) throw new InvalidOperationException($"Node {child} has a wrong parent link.");
            if (n.IsRed && _nodes[child].IsRed) throw new InvalidOperationException($"Red node {node} has a red child.");
        }
        int leftHeight = ValidateSubtree(n.Left, ref visited);
        int rightHeight = ValidateSubtree(n.Right, ref visited);
        if (leftHeight != rightHeight) throw new InvalidOperationException($"Black heights differ under node {node}.");
        if (WeightOf(node) <= 0) throw new InvalidOperationException($"Node {node} has a non-positive weight.");
        return leftHeight + (n.IsRed ? 0 : 1);
    }

    // ---- enumeration ----

    /// <summary>A run of consecutive entries in key order, walked without allocation.</summary>
    public readonly struct OrderedView : IEnumerable<KeyValuePair<TKey, TValue>>
    {
        private readonly RedBlackTree<TKey, TValue, TComparer>? _tree;
        private readonly int _first;
        private readonly int _last;
        private readonly bool _descending;

        internal OrderedView(RedBlackTree<TKey, TValue, TComparer> tree, int first, int last, bool descending)
        {
            _tree = tree;
            _first = first;
            _last = last;
            _descending = descending;
        }

        /// <summary>Starts the walk.</summary>
        public Enumerator GetEnumerator() => new(_tree, _first, _last, _descending);

        IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Walks the entries between two nodes by following parent links (no stack).</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly RedBlackTree<TKey, TValue, TComparer>? _tree;
        private readonly int _first;
        private readonly int _last;
        private readonly bool _direction;
        private readonly int _version;
        private int _current;
        private bool _started;

        internal Enumerator(RedBlackTree<TKey, TValue, TComparer>? tree, int first, int last, bool descending)
        {
            _tree = tree;
            _first = first;
            _last = last;
            _direction = descending ? Left : Right;
            _version = tree?._version ?? 0;
            _current = Nil;
            _started = false;
        }

        /// <summary>The current entry.</summary>
        public readonly KeyValuePair<TKey, TValue> Current => _tree!.EntryAt(_current);

        /// <summary>The node index of the current entry.</summary>
        internal readonly int CurrentNode => _current;

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next entry.</summary>
        /// <exception cref="InvalidOperationException">The tree was modified.</exception>
        public bool MoveNext()
        {
            if (_tree is null || _first == Nil) return false;
            if (_version != _tree._version) throw new InvalidOperationException("The tree was modified during enumeration.");
            if (!_started)
            {
                _started = true;
                _current = _first;
                return true;
            }
            if (_current == Nil || _current == _last)
            {
                _current = Nil;
                return false;
            }
            _current = _tree.Neighbour(_current, _direction);
            return _current != Nil;
        }

        /// <summary>Restarts the walk.</summary>
        public void Reset()
        {
            _current = Nil;
            _started = false;
        }

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}

/// <summary>
/// A red-black tree ordered by an <see cref="IComparer{T}"/> instance or, when none is given, by
/// <see cref="Comparer{T}.Default"/> (devirtualised and inlined for value-type keys).
/// See <see cref="RedBlackTree{TKey, TValue, TComparer}"/> for the operations.
/// </summary>
public sealed class RedBlackTree<TKey, TValue> : RedBlackTree<TKey, TValue, ComparerAdapter<TKey>>
{
    /// <summary>Creates an empty tree.</summary>
    /// <param name="comparer">A custom key order; null for the default order.</param>
    /// <param name="capacity">Nodes to reserve up front.</param>
    public RedBlackTree(IComparer<TKey>? comparer = null, int capacity = 0)
        : base(new ComparerAdapter<TKey>(comparer), capacity)
    {
    }
}

/// <summary>
/// Wraps an optional <see cref="IComparer{T}"/> as a struct so that the tree code is specialised:
/// with no custom comparer, <c>Comparer&lt;T&gt;.Default.Compare</c> is devirtualised for value types.
/// </summary>
public readonly struct ComparerAdapter<T> : IComparer<T>
{
    private readonly IComparer<T>? _custom;

    /// <summary>Wraps <paramref name="custom"/>; null (or the default comparer) means the default order.</summary>
    public ComparerAdapter(IComparer<T>? custom) =>
        _custom = ReferenceEquals(custom, Comparer<T>.Default) ? null : custom;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Compare(T? x, T? y) => _custom is null ? Comparer<T>.Default.Compare(x!, y!) : _custom.Compare(x, y);
}
