using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// An ordered map (unique keys) kept as a red-black tree with order statistics: every node knows the
/// weight of its subtree, so <see cref="IndexOf"/> (rank), <see cref="GetAt"/> (select) and
/// <see cref="CountInRange"/> are O(log n) and exact percentiles need no sorting.
/// </summary>
/// <remarks>
/// <para>
/// Nodes are structs addressed by <see cref="int"/> indices (index 0 is the black sentinel leaf),
/// kept in one small array and then in fixed 64 KiB pages (growth never copies and never touches the
/// large-object heap); freed slots are recycled through a free list, so a steady stream of inserts
/// and deletes allocates nothing per node. Integer keys in their default order are compared with
/// plain machine comparisons and the child is picked without a branch. The comparer is a struct type parameter: the JIT specialises
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

    // Storage. Up to PageSize slots, nodes and values sit in one flat pair of arrays that double as
    // they fill (a small tree stays small and a search skips the page lookup). Past that they move for
    // good to pages of PageSize slots, slot i at page i >> PageShift: growing never copies, and with at
    // most 64 KiB of nodes (or values) per page no array reaches the large-object heap, whose allocations count
    // towards full (gen 2) collections. Building a 10^4-key tree in doubling arrays cost one full
    // collection every three trees, which made it slower than SortedDictionary.
    private static readonly int PageShift = PageShiftFor(Math.Max(Unsafe.SizeOf<Node>(), Unsafe.SizeOf<TValue>()));
    private static int PageSize => 1 << PageShift;
    private static int PageMask => (1 << PageShift) - 1;
    private Node[]? _flat;
    private TValue[] _flatValues = [];
    private Node[][] _nodePages;
    private TValue[][] _valuePages;
    private int _capacity;
    private int _root = Nil;
    private int _count;
    private int _highWater = 1;
    private int _freeList = Nil;
    private int _version;
    private readonly TComparer _comparer;

    // True when the order is the default one of an integer key type: searches then compare with the
    // machine's own instructions and pick the child without a branch.
    private readonly bool _nativeOrder;

    // Whether Right directly follows Left in a node, so a child can be picked by offset.
    private static readonly bool LinksAdjacent = AreLinksAdjacent();

    // Key and child links first: a search reads only them, so for 8-byte keys they share one cache
    // line whatever the node's alignment. 32 bytes for a long key; values live in their own array.
    private struct Node
    {
        public TKey Key;
        public int Left;
        public int Right;
        public long SubtreeWeight;
        public int Parent;
        public bool IsRed;
    }

    /// <summary>Creates an empty tree ordered by <paramref name="comparer"/>.</summary>
    /// <param name="comparer">The key order.</param>
    /// <param name="capacity">Nodes to reserve up front.</param>
    public RedBlackTree(TComparer comparer, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _comparer = comparer;
        _nativeOrder = IsIntegerKey && comparer is ComparerAdapter<TKey> { IsDefault: true };
        _nodePages = [];
        _valuePages = [];
        Reserve(Math.Max(capacity + 1, 8));
    }

    /// <summary>Number of keys.</summary>
    public int Count => _count;

    /// <summary>The key order.</summary>
    public TComparer Comparer => _comparer;

    /// <summary>Sum of the weights of all keys (equal to <see cref="Count"/> for a map).</summary>
    internal long TotalWeight => At(_root).SubtreeWeight;

    /// <summary>Gets the value of an existing key, or adds or replaces it.</summary>
    /// <exception cref="KeyNotFoundException">On get, when the key is absent.</exception>
    public TValue this[TKey key]
    {
        get
        {
            int node = FindNode(key);
            if (node == Nil)
            {
                throw new KeyNotFoundException($"Key '{key}' is not in the tree.");
            }

            return ValueAt(node);
        }
        set
        {
            int node = FindOrInsert(key, 1, addToExisting: false, out _);
            ValueAt(node) = value;
        }
    }

    /// <summary>Adds a key; throws if it is already present.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(TKey key, TValue value)
    {
        if (!TryAdd(key, value))
        {
            throw new ArgumentException($"Key '{key}' is already in the tree.", nameof(key));
        }
    }

    /// <summary>Adds a key unless it is already present.</summary>
    /// <returns>Whether the key was added.</returns>
    public bool TryAdd(TKey key, TValue value)
    {
        int node = FindOrInsert(key, 1, addToExisting: false, out bool added);
        if (added)
        {
            ValueAt(node) = value;
        }

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
        if (!exists)
        {
            node = FindOrInsert(key, 1, addToExisting: false, out _);
        }

        return ref ValueAt(node);
    }

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        int node = FindNode(key);
        value = node == Nil ? default! : ValueAt(node);
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
        value = ValueAt(node);
        RemoveNode(node);
        return true;
    }

    /// <summary>Removes every key; keeps the node storage.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<Node>())
        {
            if (_flat is not null)
            {
                Array.Clear(_flat);
            }

            foreach (Node[]? page in _nodePages)
            {
                if (page is not null)
                {
                    Array.Clear(page);
                }
            }
        }
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TValue>())
        {
            Array.Clear(_flatValues);
            foreach (TValue[]? page in _valuePages)
            {
                if (page is not null)
                {
                    Array.Clear(page);
                }
            }
        }
        At(Nil) = default;
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
        if (first == Nil || last == Nil || _comparer.Compare(At(first).Key, At(last).Key) > 0)
        {
            return default;
        }

        return descending ? new OrderedView(this, last, first, true) : new OrderedView(this, first, last, false);
    }

    /// <summary>Ascending enumeration without allocation.</summary>
    public Enumerator GetEnumerator() => Ascending.GetEnumerator();

    IEnumerator<KeyValuePair<TKey, TValue>> IEnumerable<KeyValuePair<TKey, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // ---- weighted operations used by OrderedBag and SampleRecorder ----

    /// <summary>Adds <paramref name="weight"/> to a key's multiplicity, inserting it if needed.</summary>
    internal int AddWeight(TKey key, long weight)
    {
        int node = FindOrInsert(key, weight, addToExisting: true, out bool added);
        if (!added)
        {
            _version++;
        }

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
        ref Node n = ref At(node);
        return n.SubtreeWeight - At(n.Left).SubtreeWeight - At(n.Right).SubtreeWeight;
    }

    internal ref readonly TKey KeyOf(int node) => ref At(node).Key;

    internal ref TValue ValueOf(int node) => ref ValueAt(node);

    /// <summary>The node with the greatest key at most <paramref name="key"/>, or the sentinel.</summary>
    internal int FloorNode(TKey key) => FindBound(key, Left, inclusive: true);

    internal bool IsNil(int node) => node == Nil;

    /// <summary>Total weight of keys below (or at most, if inclusive) <paramref name="key"/>.</summary>
    internal long WeightBelow(TKey key, bool inclusive)
    {
        long weight = 0;
        TComparer comparer = _comparer;
        int current = _root;
        while (current != Nil)
        {
            ref Node node = ref At(current);
            int cmp = comparer.Compare(key, node.Key);
            if (cmp < 0 || (cmp == 0 && !inclusive))
            {
                current = node.Left;
            }
            else
            {
                weight += node.SubtreeWeight - At(node.Right).SubtreeWeight;
                current = node.Right;
            }
        }
        return weight;
    }

    /// <summary>The node covering position <paramref name="index"/> when every key repeats by its weight.</summary>
    internal int SelectByWeight(long index) => SelectByWeight(index, out _);

    /// <summary>As <see cref="SelectByWeight(long)"/>; <paramref name="offset"/> is the position within the node's own weight.</summary>
    internal int SelectByWeight(long index, out long offset)
    {
        int current = _root;
        while (current != Nil)
        {
            ref Node node = ref At(current);
            long leftWeight = At(node.Left).SubtreeWeight;
            if (index < leftWeight)
            {
                current = node.Left;
                continue;
            }
            index -= leftWeight;
            long own = node.SubtreeWeight - leftWeight - At(node.Right).SubtreeWeight;
            if (index < own)
            {
                offset = index;
                return current;
            }
            index -= own;
            current = node.Right;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    internal int FindNode(TKey key) =>
        _flat is { } flat ? FindNode(new FlatStore(flat), key) : FindNode(new PagedStore(_nodePages), key);

    private int FindNode<TStore>(TStore nodes, TKey key)
        where TStore : struct, INodeStore
    {
        int current = _root;
        if (IsIntegerKey && _nativeOrder)
        {
            while (current != Nil)
            {
                ref Node node = ref nodes[current];
                if (KeyEquals(key, node.Key))
                {
                    return current;
                }

                current = ChildOf(ref node, KeyLess(node.Key, key));
            }
            return Nil;
        }

        TComparer comparer = _comparer;
        while (current != Nil)
        {
            ref Node node = ref nodes[current];
            int cmp = comparer.Compare(key, node.Key);
            if (cmp == 0)
            {
                return current;
            }

            current = cmp < 0 ? node.Left : node.Right;
        }
        return Nil;
    }

    // ---- integer keys in their default order ----

    private static bool IsIntegerKey =>
        typeof(TKey) == typeof(long) || typeof(TKey) == typeof(int) || typeof(TKey) == typeof(ulong) ||
        typeof(TKey) == typeof(uint) || typeof(TKey) == typeof(short) || typeof(TKey) == typeof(ushort) ||
        typeof(TKey) == typeof(byte) || typeof(TKey) == typeof(sbyte) || typeof(TKey) == typeof(char);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool KeyLess(TKey x, TKey y)
    {
        if (typeof(TKey) == typeof(long))
        {
            return Unsafe.As<TKey, long>(ref x) < Unsafe.As<TKey, long>(ref y);
        }

        if (typeof(TKey) == typeof(int))
        {
            return Unsafe.As<TKey, int>(ref x) < Unsafe.As<TKey, int>(ref y);
        }

        if (typeof(TKey) == typeof(ulong))
        {
            return Unsafe.As<TKey, ulong>(ref x) < Unsafe.As<TKey, ulong>(ref y);
        }

        if (typeof(TKey) == typeof(uint))
        {
            return Unsafe.As<TKey, uint>(ref x) < Unsafe.As<TKey, uint>(ref y);
        }

        if (typeof(TKey) == typeof(short))
        {
            return Unsafe.As<TKey, short>(ref x) < Unsafe.As<TKey, short>(ref y);
        }

        if (typeof(TKey) == typeof(ushort))
        {
            return Unsafe.As<TKey, ushort>(ref x) < Unsafe.As<TKey, ushort>(ref y);
        }

        if (typeof(TKey) == typeof(byte))
        {
            return Unsafe.As<TKey, byte>(ref x) < Unsafe.As<TKey, byte>(ref y);
        }

        if (typeof(TKey) == typeof(sbyte))
        {
            return Unsafe.As<TKey, sbyte>(ref x) < Unsafe.As<TKey, sbyte>(ref y);
        }

        if (typeof(TKey) == typeof(char))
        {
            return Unsafe.As<TKey, char>(ref x) < Unsafe.As<TKey, char>(ref y);
        }

        throw new UnreachableException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool KeyEquals(TKey x, TKey y)
    {
        if (typeof(TKey) == typeof(long) || typeof(TKey) == typeof(ulong))
        {
            return Unsafe.As<TKey, long>(ref x) == Unsafe.As<TKey, long>(ref y);
        }

        if (typeof(TKey) == typeof(int) || typeof(TKey) == typeof(uint))
        {
            return Unsafe.As<TKey, int>(ref x) == Unsafe.As<TKey, int>(ref y);
        }

        if (typeof(TKey) == typeof(short) || typeof(TKey) == typeof(ushort) || typeof(TKey) == typeof(char))
        {
            return Unsafe.As<TKey, short>(ref x) == Unsafe.As<TKey, short>(ref y);
        }

        if (typeof(TKey) == typeof(byte) || typeof(TKey) == typeof(sbyte))
        {
            return Unsafe.As<TKey, byte>(ref x) == Unsafe.As<TKey, byte>(ref y);
        }

        throw new UnreachableException();
    }

    /// <summary>The right child if <paramref name="right"/>, else the left one; by offset when the layout allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ChildOf(ref Node node, bool right) =>
        LinksAdjacent ? Unsafe.Add(ref node.Left, right ? 1 : 0) : right ? node.Right : node.Left;

    private static bool AreLinksAdjacent()
    {
        Node probe = default;
        return Unsafe.ByteOffset(ref probe.Left, ref probe.Right) == sizeof(int);
    }

    // ---- structure ----

    private int NonEmptyRoot() => _root != Nil ? _root : throw new InvalidOperationException("The tree is empty.");

    private KeyValuePair<TKey, TValue> EntryAt(int node) => new(At(node).Key, ValueAt(node));

    /// <summary>
    /// The node in slot <paramref name="node"/>. Indices come only from the tree's own links (all below
    /// <c>_highWater</c>), so element access skips the bounds checks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Node Slot(Node[][] pages, int node) =>
        ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pages), node >> PageShift)),
            node & PageMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Node At(int node)
    {
        Node[]? flat = _flat;
        if (flat is not null)
        {
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(flat), node);
        }

        return ref Slot(_nodePages, node);
    }

    private interface INodeStore
    {
        ref Node this[int node] { get; }
    }

    private readonly struct FlatStore(Node[] nodes) : INodeStore
    {
        public ref Node this[int node]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(nodes), node);
        }
    }

    private readonly struct PagedStore(Node[][] pages) : INodeStore
    {
        public ref Node this[int node]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref Slot(pages, node);
        }
    }

    private ref TValue ValueAt(int node)
    {
        if (_flat is not null)
        {
            return ref _flatValues[node];
        }

        return ref _valuePages[node >> PageShift][node & PageMask];
    }

    /// <summary>Slots per page as a power of two: as many as fit in 64 KiB, at least 16.</summary>
    private static int PageShiftFor(int slotSize)
    {
        int shift = 4;
        while (shift < 16 && slotSize << (shift + 1) <= 1 << 16)
        {
            shift++;
        }

        return shift;
    }

    /// <summary>Makes room for at least <paramref name="slots"/> nodes and values.</summary>
    private void Reserve(int slots)
    {
        if (_capacity >= slots)
        {
            return;
        }

        if (_nodePages.Length == 0 && slots <= PageSize)
        {
            _flat ??= [];
            int length = Math.Min(PageSize, Math.Max(slots, _capacity * 2));
            Array.Resize(ref _flat, length);
            Array.Resize(ref _flatValues, length);
            _capacity = length;
            return;
        }
        if (_nodePages.Length == 0)
        {
            // Past the flat limit (or reserved beyond it): cut the arrays into pages once.
            int pageCount = (_capacity + PageSize - 1) >> PageShift;
            _nodePages = new Node[Math.Max(pageCount * 2, 4)][];
            _valuePages = new TValue[_nodePages.Length][];
            for (int page = 0; page < pageCount; page++)
            {
                _nodePages[page] = new Node[PageSize];
                _valuePages[page] = new TValue[PageSize];
                int start = page << PageShift;
                int length = Math.Min(PageSize, _capacity - start);
                _flat.AsSpan(start, length).CopyTo(_nodePages[page]);
                _flatValues.AsSpan(start, length).CopyTo(_valuePages[page]);
            }
            _capacity = pageCount << PageShift;
            _flat = null;
            _flatValues = [];
        }
        while (_capacity < slots)
        {
            int page = _capacity >> PageShift;
            if (page >= int.MaxValue >> PageShift)
            {
                throw new InvalidOperationException("The tree is full.");
            }

            if (page == _nodePages.Length)
            {
                Array.Resize(ref _nodePages, page * 2);
                Array.Resize(ref _valuePages, page * 2);
            }
            _nodePages[page] = new Node[PageSize];
            _valuePages[page] = new TValue[PageSize];
            _capacity += PageSize;
        }
    }

    private bool TryGetEntry(int node, out KeyValuePair<TKey, TValue> entry)
    {
        entry = node == Nil ? default : EntryAt(node);
        return node != Nil;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Child(int node, bool side) => ref side ? ref At(node).Right : ref At(node).Left;

    private bool IsRed(int node) => At(node).IsRed;

    private int ExtremeOf(int node, bool side)
    {
        for (int next = Child(node, side); next != Nil; next = Child(node, side))
        {
            node = next;
        }

        return node;
    }

    /// <summary>In-order neighbour: the successor when <paramref name="side"/> is Right, the predecessor when Left.</summary>
    private int Neighbour(int node, bool side)
    {
        int child = Child(node, side);
        if (child != Nil)
        {
            return ExtremeOf(child, !side);
        }

        int parent = At(node).Parent;
        while (parent != Nil && node == Child(parent, side))
        {
            node = parent;
            parent = At(node).Parent;
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
            int cmp = _comparer.Compare(At(current).Key, key);
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
    private int FindOrInsert(TKey key, long weight, bool addToExisting, out bool added) =>
        _flat is { } flat
            ? FindOrInsert(new FlatStore(flat), key, weight, addToExisting, out added)
            : FindOrInsert(new PagedStore(_nodePages), key, weight, addToExisting, out added);

    private int FindOrInsert<TStore>(TStore nodes, TKey key, long weight, bool addToExisting, out bool added)
        where TStore : struct, INodeStore
    {
        int parent = Nil;
        int current = _root;
        bool right = false;
        if (IsIntegerKey && _nativeOrder)
        {
            while (current != Nil)
            {
                ref Node node = ref nodes[current];
                if (KeyEquals(key, node.Key))
                {
                    return Existing(current, parent, weight, addToExisting, out added);
                }

                node.SubtreeWeight += weight;
                parent = current;
                right = KeyLess(node.Key, key);
                current = ChildOf(ref node, right);
            }
            added = true;
            return Insert(key, weight, parent, right);
        }

        TComparer comparer = _comparer;
        while (current != Nil)
        {
            ref Node node = ref nodes[current];
            int cmp = comparer.Compare(key, node.Key);
            if (cmp == 0)
            {
                return Existing(current, parent, weight, addToExisting, out added);
            }

            node.SubtreeWeight += weight;
            parent = current;
            right = cmp > 0;
            current = right ? node.Right : node.Left;
        }
        added = true;
        return Insert(key, weight, parent, right);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Existing(int node, int parent, long weight, bool addToExisting, out bool added)
    {
        if (addToExisting)
        {
            At(node).SubtreeWeight += weight;
        }
        else
        {
            AddWeightToPath(parent, -weight);
        }

        added = false;
        return node;
    }

    /// <summary>Links a new red node below <paramref name="parent"/> (whose weights are already raised) and rebalances.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Insert(TKey key, long weight, int parent, bool right)
    {
        int fresh = AllocateNode();
        ref Node inserted = ref At(fresh);
        inserted.Key = key;
        inserted.Left = Nil;
        inserted.Right = Nil;
        inserted.Parent = parent;
        inserted.SubtreeWeight = weight;
        inserted.IsRed = true;
        if (parent == Nil)
        {
            _root = fresh;
        }
        else if (right)
        {
            At(parent).Right = fresh;
        }
        else
        {
            At(parent).Left = fresh;
        }

        _count++;
        _version++;
        FixAfterInsert(fresh);
        return fresh;
    }

    private void AddWeightToPath(int node, long weight)
    {
        while (node != Nil)
        {
            ref Node n = ref At(node);
            n.SubtreeWeight += weight;
            node = n.Parent;
        }
    }

    private int AllocateNode()
    {
        if (_freeList != Nil)
        {
            int recycled = _freeList;
            _freeList = At(recycled).Parent;
            return recycled;
        }
        if (_highWater == _capacity)
        {
            Reserve(_highWater + 1);
        }

        return _highWater++;
    }

    private void FreeNode(int node)
    {
        At(node) = default;
        ValueAt(node) = default!;
        At(node).Parent = _freeList;
        _freeList = node;
    }

    private void ReplaceChild(int parent, int oldChild, int newChild)
    {
        if (parent == Nil)
        {
            _root = newChild;
        }
        else if (At(parent).Left == oldChild)
        {
            At(parent).Left = newChild;
        }
        else
        {
            At(parent).Right = newChild;
        }
    }

    /// <summary>Moves <paramref name="node"/> down to <paramref name="side"/>; its other child takes its place.</summary>
    private void RotateDown(int node, bool side)
    {
        ref Node n = ref At(node);
        int riser = side ? n.Left : n.Right;
        ref Node r = ref At(riser);
        int transferred;
        if (side)
        {
            transferred = r.Right;
            n.Left = transferred;
            r.Right = node;
        }
        else
        {
            transferred = r.Left;
            n.Right = transferred;
            r.Left = node;
        }
        ref Node t = ref At(transferred);
        if (transferred != Nil)
        {
            t.Parent = node;
        }

        int parent = n.Parent;
        r.Parent = parent;
        n.Parent = riser;
        if (parent == Nil)
        {
            _root = riser;
        }
        else
        {
            ref Node p = ref At(parent);
            if (p.Left == node)
            {
                p.Left = riser;
            }
            else
            {
                p.Right = riser;
            }
        }

        // The riser now covers exactly what the node covered; the node lost the riser's other parts.
        long nodeWeight = n.SubtreeWeight;
        n.SubtreeWeight = nodeWeight - r.SubtreeWeight + t.SubtreeWeight;
        r.SubtreeWeight = nodeWeight;
    }

    private void FixAfterInsert(int node)
    {
        while (true)
        {
            int parent = At(node).Parent;
            ref Node p = ref At(parent);
            if (!p.IsRed)
            {
                break;
            }

            int grandparent = p.Parent;
            ref Node g = ref At(grandparent);
            bool parentSide = g.Right == parent;
            ref Node uncle = ref At(parentSide ? g.Left : g.Right);
            if (uncle.IsRed)
            {
                p.IsRed = false;
                uncle.IsRed = false;
                g.IsRed = true;
                node = grandparent;
                continue;
            }
            if (node == (parentSide ? p.Left : p.Right))
            {
                // Inner grandchild: straighten the zig-zag first.
                RotateDown(parent, parentSide);
                parent = node;
            }
            At(parent).IsRed = false;
            g.IsRed = true;
            RotateDown(grandparent, !parentSide);
            break;
        }
        At(_root).IsRed = false;
    }

    private void RemoveNode(int node)
    {
        if (At(node).Left != Nil && At(node).Right != Nil)
        {
            // Two children: move the successor's entry here and unlink the successor instead.
            int successor = ExtremeOf(At(node).Right, Left);
            long successorWeight = WeightOf(successor);
            long nodeWeight = WeightOf(node);
            AddWeightToPath(successor, -successorWeight);
            AddWeightToPath(node, successorWeight - nodeWeight);
            At(node).Key = At(successor).Key;
            ValueAt(node) = ValueAt(successor);
            node = successor;
        }
        else
        {
            AddWeightToPath(node, -WeightOf(node));
        }

        int child = At(node).Left != Nil ? At(node).Left : At(node).Right;
        int parent = At(node).Parent;
        // The sentinel's parent is set on purpose: the fix-up walks up from it when child is Nil.
        At(child).Parent = parent;
        ReplaceChild(parent, node, child);
        if (!At(node).IsRed)
        {
            FixAfterRemove(child);
        }

        At(Nil).Parent = Nil;

        FreeNode(node);
        _count--;
        _version++;
    }

    private void FixAfterRemove(int node)
    {
        while (node != _root && !IsRed(node))
        {
            int parent = At(node).Parent;
            bool side = At(parent).Right == node;
            int sibling = Child(parent, !side);
            if (IsRed(sibling))
            {
                At(sibling).IsRed = false;
                At(parent).IsRed = true;
                RotateDown(parent, side);
                sibling = Child(parent, !side);
            }
            if (!IsRed(At(sibling).Left) && !IsRed(At(sibling).Right))
            {
                At(sibling).IsRed = true;
                node = parent;
                continue;
            }
            if (!IsRed(Child(sibling, !side)))
            {
                At(Child(sibling, side)).IsRed = false;
                At(sibling).IsRed = true;
                RotateDown(sibling, !side);
                sibling = Child(parent, !side);
            }
            At(sibling).IsRed = At(parent).IsRed;
            At(parent).IsRed = false;
            At(Child(sibling, !side)).IsRed = false;
            RotateDown(parent, side);
            node = _root;
        }
        At(node).IsRed = false;
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
        Node sentinel = At(Nil);
        if (sentinel.IsRed || sentinel.SubtreeWeight != 0 || sentinel.Left != Nil || sentinel.Right != Nil)
        {
            throw new InvalidOperationException("The sentinel leaf was modified.");
        }

        if (IsRed(_root))
        {
            throw new InvalidOperationException("The root is red.");
        }

        if (_root != Nil && At(_root).Parent != Nil)
        {
            throw new InvalidOperationException("The root has a parent.");
        }

        int visited = 0;
        ValidateSubtree(_root, ref visited);
        if (visited != _count)
        {
            throw new InvalidOperationException($"Count is {_count} but {visited} nodes are reachable.");
        }

        bool first = true;
        TKey previous = default!;
        foreach (var entry in this)
        {
            if (!first && _comparer.Compare(previous, entry.Key) >= 0)
            {
                throw new InvalidOperationException($"Keys out of order: '{previous}' before '{entry.Key}'.");
            }

            previous = entry.Key;
            first = false;
        }
    }

    /// <returns>The black height of the subtree.</returns>
    private int ValidateSubtree(int node, ref int visited)
    {
        if (node == Nil)
        {
            return 1;
        }

        visited++;
        ref Node n = ref At(node);
        foreach (int child in (ReadOnlySpan<int>)[n.Left, n.Right])
        {
            if (child == Nil)
            {
                continue;
            }

            if (At(child).Parent != node)
            {
                throw new InvalidOperationException($"Node {child} has a wrong parent link.");
            }

            if (n.IsRed && At(child).IsRed)
            {
                throw new InvalidOperationException($"Red node {node} has a red child.");
            }
        }
        int leftHeight = ValidateSubtree(n.Left, ref visited);
        int rightHeight = ValidateSubtree(n.Right, ref visited);
        if (leftHeight != rightHeight)
        {
            throw new InvalidOperationException($"Black heights differ under node {node}.");
        }

        if (WeightOf(node) <= 0)
        {
            throw new InvalidOperationException($"Node {node} has a non-positive weight.");
        }

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
            if (_tree is null || _first == Nil)
            {
                return false;
            }

            if (_version != _tree._version)
            {
                throw new InvalidOperationException("The tree was modified during enumeration.");
            }

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

    /// <summary>Whether this is the default order of <typeparamref name="T"/>.</summary>
    public bool IsDefault => _custom is null;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Compare(T? x, T? y) => _custom is null ? Comparer<T>.Default.Compare(x!, y!) : _custom.Compare(x, y);
}
