using System.Runtime.CompilerServices;
using StapSharp.Runtime.Aggregation;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Fleet;

/// <summary>
/// The outputs of several hosts as one stream in timestamp order, each host's timestamps moved by its clock offset:
/// a k-way merge through a binary heap (<see cref="PriorityQueue{TElement, TPriority}"/>) of the hosts' next items, as <see cref="SortedStreams"/> does
/// for one machine's CPUs. Equal timestamps keep host order, and each host's own order is kept (stable); every item a
/// host sends is handed out once (nothing lost). Each host is read on its own task, a little ahead of the merge, and its
/// items reach the merge in batches (<see cref="BatchedReadAhead{T}"/>).
/// A host that faults leaves the merge after everything it sent before (<see cref="FleetHostReport.Fault"/>); a quiet
/// host holds the merge back for ever, or at most <see cref="FleetMergeOptions.Lateness"/> (see the README beside this file).
/// </summary>
public sealed class FleetMerge
{
    private static readonly EventSelection Rows = EventSelection.Everything with { Rows = true, Schemas = true };

    private readonly FleetMergeOptions _options;
    private readonly HostState[] _hosts;
    private int _started;

    /// <exception cref="ArgumentException">No host, or two hosts of the same name.</exception>
    public FleetMerge(IEnumerable<FleetHost> hosts, FleetMergeOptions? options = null)
    {
        _options = options ?? new FleetMergeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ReadAheadPerHost, 1, nameof(options));
        _hosts = [.. hosts.Select((host, index) => new HostState(host, index, _options.ReadAheadPerHost))];
        if (_hosts.Length == 0)
        {
            throw new ArgumentException("a fleet has at least one host", nameof(hosts));
        }

        if (_hosts.GroupBy(h => h.Host.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"two hosts are named '{twice.Key}': a host's name tells its events apart, give each its own", nameof(hosts));
        }
    }

    /// <summary>Every item of every host (events typed where a decoder is registered, <see cref="Events.EventRow"/>s otherwise).</summary>
    /// <exception cref="InvalidOperationException">The fleet was already read.</exception>
    public IAsyncEnumerable<FleetItem> ReadAllAsync(CancellationToken cancel = default) => ReadAsync(EventSelection.Everything, cancel);

    /// <summary>
    /// Every event as an <see cref="Events.EventRow"/> decoded with its module's own schema, with the schemas, text lines,
    /// messages, drops and decode errors: for tools that show any module's events.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fleet was already read.</exception>
    public IAsyncEnumerable<FleetItem> ReadRowsAsync(CancellationToken cancel = default) => ReadAsync(Rows, cancel);

    /// <summary>Per host, in fleet order: what the merge took from it so far; final once reading ended.</summary>
    public IReadOnlyList<FleetHostReport> Reports() => [.. _hosts.Select(h => h.Report())];

    internal async IAsyncEnumerable<FleetItem> ReadAsync(EventSelection selection, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a fleet is read once: its hosts' output is gone after the first read");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var pumps = _hosts.Select(h => h.PumpAsync(selection, stop.Token)).ToArray();
        var heads = new PriorityQueue<Head, Head>(HeadOrder.Instance);
        var waiting = new List<HostState>(_hosts);
        var emitted = new Emitted();
        try
        {
            while (true)
            {
                TakeHeads(waiting, heads);
                if (heads.TryPeek(out var next, out _) && MayGo(next, waiting))
                {
                    heads.Dequeue();
                    var item = next.Host.Take(next, late: emitted.IsLate(next));
                    emitted.Add(next);
                    waiting.Add(next.Host);
                    yield return item;
                    continue;
                }

                if (waiting.Count == 0)
                {
                    break;
                }

                await WaitAsync(waiting, heads.Count == 0 ? null : next, stop.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the next item of each waiting host that has one into the heap; a host whose output ended leaves.</summary>
    private static void TakeHeads(List<HostState> waiting, PriorityQueue<Head, Head> heads)
    {
        for (var i = waiting.Count - 1; i >= 0; i--)
        {
            var host = waiting[i];
            if (host.Items.TryTake(out var item))
            {
                var head = host.HeadOf(item);
                heads.Enqueue(head, head);
            }
            else if (host.Items.IsDrained)
            {
                host.Ended = true;
            }
            else
            {
                continue;
            }

            waiting[i] = waiting[^1];
            waiting.RemoveAt(waiting.Count - 1);
        }
    }

    /// <summary>The watermark rule: the next item goes when no waiting host can still send one that sorts before it.</summary>
    private bool MayGo(Head next, List<HostState> waiting)
    {
        var now = _options.Lateness is { } lateness ? Saturating.Add(NowNs(), -lateness.Ticks * 100) : long.MinValue;
        foreach (var host in waiting)
        {
            var watermark = Math.Max(host.LastNs, now);
            if (next.SortNs > watermark || (next.SortNs == watermark && next.Host.Index > host.Index))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Until a waiting host sends or ends, or (with a lateness) until the clock lets <paramref name="next"/> go.</summary>
    private async Task WaitAsync(List<HostState> waiting, Head? next, CancellationToken cancel)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var wakers = waiting.Select(h => (Task)h.Items.WaitToReadAsync(woken.Token).AsTask()).ToList();
        if (next is { } head && _options.Lateness is { } lateness)
        {
            var dueNs = Saturating.Add(Saturating.Add(head.SortNs, lateness.Ticks * 100), -NowNs());
            wakers.Add(Task.Delay(TimeSpan.FromTicks(Math.Clamp(dueNs / 100 + 1, 1, TimeSpan.FromHours(1).Ticks)), _options.Clock, woken.Token));
        }

        var first = await Task.WhenAny(wakers).ConfigureAwait(false);
        await woken.CancelAsync().ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        if (first.IsFaulted)
        {
            await first.ConfigureAwait(false);
        }
    }

    /// <summary>This machine's clock as gettimeofday_ns() reads it: ns since the Unix epoch.</summary>
    private long NowNs() => (_options.Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>A host's next item and the key it sorts by.</summary>
    private readonly record struct Head(long SortNs, HostState Host, RunItem Item);

    /// <summary>By timestamp, then by host: one head per host at a time, so each host's own order is kept.</summary>
    private sealed class HeadOrder : IComparer<Head>
    {
        public static HeadOrder Instance { get; } = new();

        public int Compare(Head x, Head y)
        {
            var byTime = x.SortNs.CompareTo(y.SortNs);
            return byTime != 0 ? byTime : x.Host.Index.CompareTo(y.Host.Index);
        }
    }

    /// <summary>The largest timestamps handed out so far, the largest one's host and the largest of any other host.</summary>
    private sealed class Emitted
    {
        private long _maxNs = long.MinValue;
        private long _otherMaxNs = long.MinValue;
        private int _maxHost = -1;

        /// <summary>Another host already handed out a later timestamp.</summary>
        public bool IsLate(Head head) => head.SortNs < (head.Host.Index == _maxHost ? _otherMaxNs : _maxNs);

        public void Add(Head head)
        {
            if (head.Host.Index == _maxHost)
            {
                _maxNs = Math.Max(_maxNs, head.SortNs);
            }
            else if (head.SortNs > _maxNs)
            {
                (_otherMaxNs, _maxNs, _maxHost) = (_maxNs, head.SortNs, head.Host.Index);
            }
            else
            {
                _otherMaxNs = Math.Max(_otherMaxNs, head.SortNs);
            }
        }
    }

    /// <summary>One host while it is read: its read-ahead, its counts and whether it ended.</summary>
    private sealed class HostState(FleetHost host, int index, int readAhead)
    {
        private long _events;
        private long _messages;
        private long _late;

        public FleetHost Host { get; } = host;

        public int Index { get; } = index;

        /// <summary>The host's items, read on their own task and handed over in batches.</summary>
        public BatchedReadAhead<RunItem> Items { get; } = new(readAhead);

        /// <summary>The sort key of the host's last event taken into the heap: none of its later items sorts before it.</summary>
        public long LastNs { get; private set; } = long.MinValue;

        public bool Ended { get; set; }

        public Task PumpAsync(EventSelection selection, CancellationToken cancel) => Items.FillAsync(Host.Read(selection, cancel), cancel);

        public Head HeadOf(RunItem item)
        {
            if (item.Kind == RunItemKind.Event)
            {
                LastNs = Math.Max(LastNs, Saturating.Add(item.TimestampNs, Host.ClockOffsetNs));
                return new Head(Saturating.Add(item.TimestampNs, Host.ClockOffsetNs), this, item);
            }

            return new Head(LastNs, this, item);
        }

        public FleetItem Take(Head head, bool late)
        {
            switch (head.Item.Kind)
            {
                case RunItemKind.Event:
                    _events++;
                    _late += late ? 1 : 0;
                    break;
                case RunItemKind.Message:
                    _messages++;
                    break;
            }

            return new FleetItem(Host.Name, Index, head.SortNs, head.Item, late && head.Item.Kind == RunItemKind.Event);
        }

        public FleetHostReport Report() => new(Host.Name, Host.ClockOffsetNs, _events, _messages, _late, Ended && Items.Fault is null,
            Items.Fault is { } fault ? $"{fault.GetType().Name}: {fault.Message}" : null,
            Host.Completion is { IsCompletedSuccessfully: true } done ? done.Result : null);
    }

    private static class Saturating
    {
        public static long Add(long a, long b) => (long)Int128.Clamp((Int128)a + b, long.MinValue, long.MaxValue);
    }
}
