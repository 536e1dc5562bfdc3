using System.Collections;

namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// A min-heap (by its comparer) stored as a leftist tree: insert, pop and merge of two heaps are
/// O(log n), peek is O(1).
/// </summary>
/// <remarks>
/// The nodes are immutable, so the heap is persistent: <see cref="Merge"/> copies only the right
/// spines it walks (O(log n) nodes) and shares the rest, leaving the other heap untouched and usable,
/// and <see cref="Clone"/> is O(1). That is what per-stream top-N needs: a reporter can merge the
/// heaps of several producers into a snapshot while the producers keep adding to their own heaps.
/// The object itself is a mutable handle over the current root; it is not thread-safe, but snapshots
/// taken with <see cref="Clone"/> can be read on another thread.
/// Enumeration yields the items in priority order without changing the heap.
/// </remarks>
public sealed class LeftistHeap<T> : IReadOnlyCollection<T>
{
    private sealed class Node(T value, Node? left, Node? right)
    {
        public readonly T Value = value;
        public readonly Node? Left = left;
        public readonly Node? Right = right;

        // Length of the rightmost path; the leftist property keeps Rank(Left) >= Rank(Right).
        public readonly int Rank = 1 + RankOf(right);
    }

    private Node? _root;
    private int _count;

    /// <summary>Creates an empty heap.</summary>
    /// <param name="comparer">Smallest first by this order; the default order when null.</param>
    public LeftistHeap(IComparer<T>? comparer = null) => Comparer = comparer ?? Comparer<T>.Default;

    /// <summary>Creates a heap holding <paramref name="items"/>.</summary>
    public LeftistHeap(IEnumerable<T> items, IComparer<T>? comparer = null) : this(comparer)
    {
        foreach (T item in items)
        {
            Insert(item);
        }
    }

    /// <summary>The order: <see cref="Peek"/> returns the smallest item under it.</summary>
    public IComparer<T> Comparer { get; }

    /// <summary>Number of items.</summary>
    public int Count => _count;

    /// <summary>Whether the heap is empty.</summary>
    public bool IsEmpty => _root is null;

    /// <summary>Adds an item.</summary>
    public void Insert(T item)
    {
        _root = MergeNodes(_root, new Node(item, null, null), Comparer);
        _count++;
    }

    /// <summary>The smallest item.</summary>
    /// <exception cref="InvalidOperationException">The heap is empty.</exception>
    public T Peek() => _root is null ? throw new InvalidOperationException("The heap is empty.") : _root.Value;

    /// <summary>The smallest item, if any.</summary>
    public bool TryPeek(out T item)
    {
        item = _root is null ? default! : _root.Value;
        return _root is not null;
    }

    /// <summary>Removes and returns the smallest item.</summary>
    /// <exception cref="InvalidOperationException">The heap is empty.</exception>
    public T Pop() => TryPop(out T item) ? item : throw new InvalidOperationException("The heap is empty.");

    /// <summary>Removes the smallest item, if any.</summary>
    public bool TryPop(out T item)
    {
        if (_root is null)
        {
            item = default!;
            return false;
        }
        item = _root.Value;
        _root = MergeNodes(_root.Left, _root.Right, Comparer);
        _count--;
        return true;
    }

    /// <summary>Adds every item of <paramref name="other"/> in O(log n); <paramref name="other"/> is unchanged.</summary>
    /// <exception cref="ArgumentException">The heaps use different comparers.</exception>
    public void Merge(LeftistHeap<T> other)
    {
        if (!Equals(other.Comparer, Comparer))
        {
            throw new ArgumentException("Heaps with different comparers cannot be merged.", nameof(other));
        }

        _root = MergeNodes(_root, other._root, Comparer);
        _count += other._count;
    }

    /// <summary>An independent heap with the same items, in O(1).</summary>
    public LeftistHeap<T> Clone() => new(Comparer) { _root = _root, _count = _count };

    /// <summary>Removes every item.</summary>
    public void Clear()
    {
        _root = null;
        _count = 0;
    }

    /// <summary>
    /// The <paramref name="n"/> largest items of <paramref name="source"/> under <paramref name="comparer"/>,
    /// largest first, in O(m log n) for m items.
    /// </summary>
    public static List<T> TopN(IEnumerable<T> source, int n, IComparer<T>? comparer = null)
    {
        var heap = BoundedLargest(source, n, comparer);
        return heap.DescendingFromBounded();
    }

    /// <summary>
    /// A heap holding the <paramref name="n"/> largest items of <paramref name="source"/>; its top is the
    /// smallest of them, so a new item only enters if it beats the top.
    /// </summary>
    public static LeftistHeap<T> BoundedLargest(IEnumerable<T> source, int n, IComparer<T>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var heap = new LeftistHeap<T>(comparer);
        if (n == 0)
        {
            return heap;
        }

        foreach (T item in source)
        {
            heap.OfferBounded(item, n);
        }

        return heap;
    }

    /// <summary>Inserts <paramref name="item"/> if the heap holds fewer than n items or the item beats the smallest.</summary>
    internal void OfferBounded(T item, int n)
    {
        if (Count < n)
        {
            Insert(item);
        }
        else if (n > 0 && Comparer.Compare(item, _root!.Value) > 0)
        {
            Pop();
            Insert(item);
        }
    }

    /// <summary>Drains a copy of this heap keeping only its <paramref name="n"/> largest, largest first.</summary>
    internal List<T> Largest(int n)
    {
        var copy = Clone();
        while (copy.Count > n)
        {
            copy.Pop();
        }

        return copy.DescendingFromBounded();
    }

    private List<T> DescendingFromBounded()
    {
        var result = new List<T>(Count);
        result.AddRange(this);
        result.Reverse();
        return result;
    }

    /// <summary>Items in priority order (smallest first), from a snapshot; the heap is not changed.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        var snapshot = Clone();
        while (snapshot.TryPop(out T item))
        {
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Checks heap order, the leftist property and the count.</summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold.</exception>
    internal void Validate()
    {
        int count = 0;
        var pending = new Stack<Node>();
        if (_root is not null)
        {
            pending.Push(_root);
        }

        while (pending.Count > 0)
        {
            Node node = pending.Pop();
            count++;
            if (RankOf(node.Left) < RankOf(node.Right))
            {
                throw new InvalidOperationException("Leftist property violated.");
            }

            foreach (Node? child in new[] { node.Left, node.Right })
            {
                if (child is null)
                {
                    continue;
                }

                if (Comparer.Compare(child.Value, node.Value) < 0)
                {
                    throw new InvalidOperationException("Heap order violated.");
                }

                pending.Push(child);
            }
        }
        if (count != _count)
        {
            throw new InvalidOperationException($"Count is {_count} but the heap holds {count} items.");
        }
    }

    private static int RankOf(Node? node) => node?.Rank ?? 0;

    /// <summary>Merges along the right spines, copying the nodes it passes; depth is O(log n).</summary>
    private static Node? MergeNodes(Node? a, Node? b, IComparer<T> comparer)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        if (comparer.Compare(b.Value, a.Value) < 0)
        {
            (a, b) = (b, a);
        }

        Node? merged = MergeNodes(a.Right, b, comparer);
        return RankOf(a.Left) >= RankOf(merged) ? new Node(a.Value, a.Left, merged) : new Node(a.Value, merged, a.Left);
    }
}
