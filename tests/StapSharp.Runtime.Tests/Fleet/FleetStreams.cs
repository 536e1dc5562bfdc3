using System.Runtime.CompilerServices;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Runtime.Tests.Fleet;

/// <summary>Hosts' outputs made of hand-made items, for the merge tests.</summary>
internal static class FleetStreams
{
    public static readonly WireType Tick = new(0, "Demo.Tick", "0000000000000000", [new WireField("n", WireFieldKind.Int64, "i64")]);

    /// <summary>An event whose record says which host sent it and its position there.</summary>
    public static RunItem Event(int host, int index, long timestampNs) => RunItem.ForEvent(new Sent(host, index), Tick, timestampNs, 0, 0);

    public static RunItem Text(string line) => RunItem.ForText(System.Text.Encoding.UTF8.GetBytes(line));

    public static RunItem Message(string line) => RunItem.ForMessage(line);

    public static RunItem Dropped(long count) => RunItem.ForDropped(count);

    /// <summary>The items, handed over asynchronously (yielding now and then so the hosts' readers interleave).</summary>
    public static IAsyncEnumerable<RunItem> Async(IEnumerable<RunItem> items) => Async(items, pauseEvery: 7);

    /// <summary>The items, yielding before every <paramref name="pauseEvery"/>-th (where a host's reader hands over what it has).</summary>
    public static async IAsyncEnumerable<RunItem> Async(IEnumerable<RunItem> items, int pauseEvery, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var n = 0;
        foreach (var item in items)
        {
            if (++n % pauseEvery == 0)
            {
                await Task.Yield();
            }

            cancel.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>The items, then a failure.</summary>
    public static async IAsyncEnumerable<RunItem> ThenFault(IEnumerable<RunItem> items, int pauseEvery = 7)
    {
        await foreach (var item in Async(items, pauseEvery))
        {
            yield return item;
        }

        throw new IOException("the connection to the host was lost");
    }

    /// <summary>The items once <paramref name="gate"/> opens.</summary>
    public static async IAsyncEnumerable<RunItem> After(Task gate, IEnumerable<RunItem> items)
    {
        await gate;
        foreach (var item in items)
        {
            yield return item;
        }
    }

    /// <summary>The items of <paramref name="first"/>, then those of <paramref name="then"/>.</summary>
    public static async IAsyncEnumerable<RunItem> Concat(IEnumerable<RunItem> first, IAsyncEnumerable<RunItem> then)
    {
        foreach (var item in first)
        {
            yield return item;
        }

        await foreach (var item in then)
        {
            yield return item;
        }
    }

    /// <summary>Nothing, until the reader stops.</summary>
    public static async IAsyncEnumerable<RunItem> Silent([EnumeratorCancellation] CancellationToken cancel = default)
    {
        await Task.Delay(Timeout.Infinite, cancel);
        yield break;
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>What a test event carries: where it came from.</summary>
internal sealed record Sent(int Host, int Index);
