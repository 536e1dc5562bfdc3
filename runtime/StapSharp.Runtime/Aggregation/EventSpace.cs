namespace StapSharp.Runtime.Aggregation;

/// <summary>One numeric field of an event used as a k-d dimension.</summary>
/// <param name="Name">Name used in queries (<c>"latency_ns"</c>).</param>
/// <param name="Selector">Reads the field.</param>
/// <param name="Unit">
/// What counts as "one apart" on this field for nearest-neighbour distance (1 ms of latency,
/// 1 MiB of size, 1 CPU): distances are measured in these units so that fields of different scale
/// weigh alike.
/// </param>
public sealed record EventDimension<TEvent>(string Name, Func<TEvent, double> Selector, double Unit = 1);

/// <summary>
/// Multi-field events (latency × bytes × CPU, …) in a <see cref="KdTree{T}"/>: box filters such as
/// "slower than 10 ms and larger than 1 MiB" and "the 10 events nearest to this one".
/// </summary>
public sealed class EventSpace<TEvent>
{
    private readonly EventDimension<TEvent>[] _dimensions;
    private readonly KdTree<TEvent> _tree;

    /// <summary>Indexes <paramref name="events"/> on <paramref name="dimensions"/>.</summary>
    public EventSpace(IEnumerable<TEvent> events, params EventDimension<TEvent>[] dimensions)
    {
        if (dimensions.Length == 0)
        {
            throw new ArgumentException("At least one dimension is needed.", nameof(dimensions));
        }

        if (dimensions.Any(d => !(d.Unit > 0) || double.IsInfinity(d.Unit)))
        {
            throw new ArgumentException("Units must be positive and finite.", nameof(dimensions));
        }

        _dimensions = dimensions;
        var metric = new WeightedEuclideanMetric(dimensions.Select(d => 1 / d.Unit).ToArray());
        _tree = KdTree<TEvent>.Build(dimensions.Length, events, WriteCoordinates, metric);
    }

    /// <summary>The indexed fields.</summary>
    public IReadOnlyList<EventDimension<TEvent>> Dimensions => _dimensions;

    /// <summary>Number of events.</summary>
    public int Count => _tree.Count;

    /// <summary>Adds an event.</summary>
    public void Add(TEvent e) => _tree.Add(PointOf(e), e);

    /// <summary>Removes an event.</summary>
    public bool Remove(TEvent e) => _tree.Remove(PointOf(e), e);

    /// <summary>Starts a box query; every field is unbounded until constrained.</summary>
    public EventQuery Where() => new(this);

    /// <summary>
    /// The <paramref name="count"/> events nearest to <paramref name="e"/> (distance in units of each
    /// dimension), closest first. The event itself is left out when it is in the space.
    /// </summary>
    public List<Neighbour<TEvent>> Nearest(TEvent e, int count, bool excludeSelf = true)
    {
        var found = _tree.Nearest(PointOf(e), excludeSelf ? count + 1 : count);
        if (excludeSelf)
        {
            int self = found.FindIndex(n => EqualityComparer<TEvent>.Default.Equals(n.Item, e));
            if (self >= 0)
            {
                found.RemoveAt(self);
            }
            else if (found.Count > count)
            {
                found.RemoveAt(found.Count - 1);
            }
        }
        return found;
    }

    private double[] PointOf(TEvent e)
    {
        var point = new double[_dimensions.Length];
        WriteCoordinates(e, point);
        return point;
    }

    private void WriteCoordinates(TEvent e, Span<double> destination)
    {
        for (int d = 0; d < _dimensions.Length; d++)
        {
            destination[d] = _dimensions[d].Selector(e);
        }
    }

    private int IndexOf(string name)
    {
        int index = Array.FindIndex(_dimensions, d => d.Name == name);
        return index >= 0 ? index : throw new ArgumentException($"No dimension named '{name}'.", nameof(name));
    }

    /// <summary>A box over the event fields, built one bound at a time.</summary>
    public sealed class EventQuery
    {
        private readonly EventSpace<TEvent> _space;
        private readonly double[] _min;
        private readonly double[] _max;

        internal EventQuery(EventSpace<TEvent> space)
        {
            _space = space;
            _min = Enumerable.Repeat(double.NegativeInfinity, space._dimensions.Length).ToArray();
            _max = Enumerable.Repeat(double.PositiveInfinity, space._dimensions.Length).ToArray();
        }

        /// <summary>Field ≥ value.</summary>
        public EventQuery AtLeast(string field, double value) => Bound(_min, field, value, Math.Max);

        /// <summary>Field &gt; value.</summary>
        public EventQuery GreaterThan(string field, double value) => AtLeast(field, Math.BitIncrement(value));

        /// <summary>Field ≤ value.</summary>
        public EventQuery AtMost(string field, double value) => Bound(_max, field, value, Math.Min);

        /// <summary>Field &lt; value.</summary>
        public EventQuery LessThan(string field, double value) => AtMost(field, Math.BitDecrement(value));

        /// <summary>low ≤ field ≤ high.</summary>
        public EventQuery Between(string field, double low, double high) => AtLeast(field, low).AtMost(field, high);

        /// <summary>Runs the query.</summary>
        public List<TEvent> ToList() => _space._tree.InBox(_min, _max);

        private EventQuery Bound(double[] bounds, string field, double value, Func<double, double, double> tighter)
        {
            int index = _space.IndexOf(field);
            bounds[index] = tighter(bounds[index], value);
            return this;
        }
    }
}
