using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class RedBlackTreeTests
{
    private enum OpKind { Add, Set, Remove, RemoveMissingOrPresent, Clear }

    private readonly record struct Op(OpKind Kind, int Key, int Value);

    // Small key ranges force repeated keys, removals of present keys and rebalancing at every level.
    private static readonly Gen<Op> OpGen = Gen.Select(
        Gen.Frequency((12, Gen.Const(OpKind.Add)), (4, Gen.Const(OpKind.Set)), (8, Gen.Const(OpKind.Remove)),
            (2, Gen.Const(OpKind.RemoveMissingOrPresent)), (1, Gen.Const(OpKind.Clear))),
        Gen.Int[0, 80],
        Gen.Int,
        (kind, key, value) => new Op(kind, key, value));

    private static void Apply(RedBlackTree<int, int> tree, SortedDictionary<int, int> model, Op op)
    {
        switch (op.Kind)
        {
            case OpKind.Add:
                Assert.Equal(model.TryAdd(op.Key, op.Value), tree.TryAdd(op.Key, op.Value));
                break;
            case OpKind.Set:
                model[op.Key] = op.Value;
                tree[op.Key] = op.Value;
                break;
            case OpKind.Remove:
            case OpKind.RemoveMissingOrPresent:
                bool expected = model.Remove(op.Key, out int expectedValue);
                Assert.Equal(expected, tree.Remove(op.Key, out int actualValue));
                if (expected)
                {
                    Assert.Equal(expectedValue, actualValue);
                }

                break;
            case OpKind.Clear:
                model.Clear();
                tree.Clear();
                break;
        }
    }

    private static void AssertSameAsModel(RedBlackTree<int, int> tree, SortedDictionary<int, int> model, IComparer<int> order)
    {
        Assert.Equal(model.Count, tree.Count);
        Assert.Equal(model.ToArray(), tree.ToArray());
        Assert.Equal(model.Reverse().ToArray(), tree.Descending.ToArray());
        var keys = model.Keys.ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(keys[i], tree.GetAt(i).Key);
            Assert.Equal(i, tree.IndexOf(keys[i]));
            Assert.True(tree.TryGetValue(keys[i], out int value));
            Assert.Equal(model[keys[i]], value);
        }
        for (int probe = -2; probe <= 82; probe += 3)
        {
            Assert.Equal(keys.Count(k => order.Compare(k, probe) < 0), tree.CountLessThan(probe));
            Assert.Equal(model.ContainsKey(probe), tree.ContainsKey(probe));
            AssertBound(keys.Where(k => order.Compare(k, probe) <= 0).Cast<int?>().LastOrDefault(), tree.TryGetFloor(probe, out var floor), floor);
            AssertBound(keys.Where(k => order.Compare(k, probe) >= 0).Cast<int?>().FirstOrDefault(), tree.TryGetCeiling(probe, out var ceiling), ceiling);
        }
    }

    private static void AssertBound(int? expected, bool found, KeyValuePair<int, int> entry)
    {
        Assert.Equal(expected.HasValue, found);
        if (found)
        {
            Assert.Equal(expected!.Value, entry.Key);
        }
    }

    [Fact]
    public void Random_operations_match_SortedDictionary_and_keep_invariants_after_every_step()
    {
        OpGen.Array[0, 250].Sample(ops =>
        {
            var tree = new RedBlackTree<int, int>();
            var model = new SortedDictionary<int, int>();
            foreach (var op in ops)
            {
                Apply(tree, model, op);
                tree.Validate();
                Assert.Equal(model.Count, tree.Count);
            }
            AssertSameAsModel(tree, model, Comparer<int>.Default);
        }, iter: 300);
    }

    [Fact]
    public void Custom_comparer_orders_keys_descending()
    {
        var descending = Comparer<int>.Create((a, b) => b.CompareTo(a));
        OpGen.Array[0, 150].Sample(ops =>
        {
            var tree = new RedBlackTree<int, int>(descending);
            var model = new SortedDictionary<int, int>(descending);
            foreach (var op in ops)
            {
                Apply(tree, model, op);
                tree.Validate();
            }
            AssertSameAsModel(tree, model, descending);
        }, iter: 150);
    }

    [Fact]
    public void Range_queries_match_brute_force()
    {
        Gen.Select(Gen.Int[0, 200].Array[0, 120], Gen.Int[-5, 205], Gen.Int[-5, 205], Gen.Bool, Gen.Bool, Gen.Bool)
            .Sample((keys, a, b, lowInclusive, highInclusive, descending) =>
            {
                var tree = new RedBlackTree<int, int>();
                foreach (int key in keys)
                {
                    tree[key] = key * 2;
                }

                var expected = keys.Distinct().Order()
                    .Where(k => (lowInclusive ? k >= a : k > a) && (highInclusive ? k <= b : k < b)).ToList();
                var actual = tree.Range(a, b, lowInclusive, highInclusive, descending).Select(e => e.Key).ToList();
                if (descending)
                {
                    expected.Reverse();
                }

                Assert.Equal(expected, actual);
                Assert.Equal(expected.Count, tree.CountInRange(a, b, lowInclusive, highInclusive));
            }, iter: 400);
    }

    public static TheoryData<string> AdversarialOrders => new() { "sorted", "reversed", "all-equal", "alternating" };

    [Theory]
    [MemberData(nameof(AdversarialOrders))]
    public void Adversarial_insert_and_delete_orders_keep_invariants(string order)
    {
        const int n = 600;
        int[] keys = order switch
        {
            "sorted" => Enumerable.Range(0, n).ToArray(),
            "reversed" => Enumerable.Range(0, n).Reverse().ToArray(),
            "all-equal" => Enumerable.Repeat(7, n).ToArray(),
            _ => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? i : n * 2 - i).ToArray(),
        };
        var tree = new RedBlackTree<int, int>();
        var model = new SortedDictionary<int, int>();
        foreach (int key in keys)
        {
            Assert.Equal(model.TryAdd(key, key), tree.TryAdd(key, key));
            tree.Validate();
        }
        AssertSameAsModel(tree, model, Comparer<int>.Default);
        foreach (int key in keys.Where((_, i) => i % 3 != 0))
        {
            Assert.Equal(model.Remove(key), tree.Remove(key));
            tree.Validate();
        }
        AssertSameAsModel(tree, model, Comparer<int>.Default);
        Assert.True(tree.Count <= 1 || order != "all-equal");
    }

    [Fact]
    public void Height_stays_logarithmic_for_sorted_input()
    {
        var tree = new RedBlackTree<int, int>();
        for (int i = 0; i < 1 << 14; i++)
        {
            tree.Add(i, i);
        }

        tree.Validate();
        // GetAt walks one root-to-node path; the median and extremes must be reachable and correct.
        Assert.Equal(1 << 13, tree.GetAt(1 << 13).Key);
        Assert.Equal(0, tree.Min.Key);
        Assert.Equal((1 << 14) - 1, tree.Max.Key);
    }

    [Fact]
    public void Duplicate_Add_throws_and_missing_key_get_throws()
    {
        var tree = new RedBlackTree<string, int>(StringComparer.Ordinal) { { "a", 1 } };
        Assert.Throws<ArgumentException>(() => tree.Add("a", 2));
        Assert.Throws<KeyNotFoundException>(() => tree["b"]);
        Assert.Equal(1, tree["a"]);
    }

    [Fact]
    public void Enumeration_fails_fast_after_modification()
    {
        var tree = new RedBlackTree<int, int> { { 1, 1 }, { 2, 2 } };
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var entry in tree)
            {
                tree[entry.Key + 10] = 0;
            }
        });
    }

    [Fact]
    public void Value_reference_updates_in_place()
    {
        var tree = new RedBlackTree<int, long>();
        foreach (int key in new[] { 3, 1, 3, 3, 2 })
        {
            ref long count = ref tree.GetValueRefOrAddDefault(key, out _);
            count++;
        }
        Assert.Equal([new(1, 1L), new(2, 1L), new KeyValuePair<int, long>(3, 3L)], tree.ToArray());
    }

    [Fact]
    public void Validator_detects_keys_out_of_order()
    {
        bool flipped = false;
        var tree = new RedBlackTree<int, int>(Comparer<int>.Create((a, b) => flipped ? b.CompareTo(a) : a.CompareTo(b)));
        for (int i = 0; i < 10; i++)
        {
            tree.Add(i, i);
        }

        tree.Validate();
        flipped = true;
        Assert.Throws<InvalidOperationException>(tree.Validate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40_000)]
    public void Trees_past_the_first_page_keep_working_after_paging(int capacity)
    {
        // 40,000 keys fill many pages; with no capacity the nodes move from the flat array to pages part-way.
        var random = new Random(11);
        var tree = new RedBlackTree<long, long>(capacity: capacity);
        var model = new SortedDictionary<long, long>();
        for (int i = 0; i < 40_000; i++)
        {
            long key = random.NextInt64(-50_000, 50_000);
            model[key] = i;
            tree[key] = i;
        }
        tree.Validate();
        foreach (long key in model.Keys.Where((_, i) => i % 3 == 0).ToList())
        {
            Assert.True(tree.Remove(key, out long value));
            Assert.Equal(model[key], value);
            model.Remove(key);
        }
        for (int i = 0; i < 5_000; i++)
        {
            tree[random.NextInt64(-50_000, 50_000)] = -1;
        }

        foreach (var entry in tree)
        {
            model[entry.Key] = entry.Value;
        }

        tree.Validate();
        Assert.Equal(model.ToArray(), tree.ToArray());
        Assert.Equal(model.Keys.ElementAt(1234), tree.GetAt(1234).Key);
        tree.Clear();
        tree.Validate();
        for (int i = 0; i < 100; i++)
        {
            tree.Add(i, i);
        }

        tree.Validate();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), tree.Select(e => e.Key));
    }

    private static void AssertIntegerKeysMatchModel<T>(T[] keys)
        where T : IComparable<T>
    {
        var tree = new RedBlackTree<T, int>();
        var model = new SortedDictionary<T, int>();
        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(model.TryAdd(keys[i], i), tree.TryAdd(keys[i], i));
            tree.Validate();
        }
        Assert.Equal(model.ToArray(), tree.ToArray());
        foreach (T key in keys)
        {
            Assert.True(tree.TryGetValue(key, out int value));
            Assert.Equal(model[key], value);
        }
        foreach (T key in keys.Where((_, i) => i % 2 == 0))
        {
            Assert.Equal(model.Remove(key), tree.Remove(key));
            Assert.False(tree.ContainsKey(key));
        }
        tree.Validate();
        Assert.Equal(model.ToArray(), tree.ToArray());
    }

    [Fact]
    public void Integer_keys_in_the_default_order_match_SortedDictionary_across_signs_and_widths()
    {
        Gen.Long.Array[0, 120].Sample(keys =>
        {
            AssertIntegerKeysMatchModel(keys.Concat([long.MinValue, long.MaxValue, 0, -1]).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (ulong)k).Concat([ulong.MaxValue, 0UL, 1UL << 63]).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (int)k).Concat([int.MinValue, int.MaxValue]).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (uint)k).Concat([uint.MaxValue, 0u, 1u << 31]).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (short)k).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (ushort)k).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (sbyte)k).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (byte)k).ToArray());
            AssertIntegerKeysMatchModel(keys.Select(k => (char)k).ToArray());
        }, iter: 60);
    }

    private readonly struct Descending : IComparer<long>
    {
        public int Compare(long x, long y) => y.CompareTo(x);
    }

    [Fact]
    public void A_struct_comparer_of_its_own_orders_integer_keys_through_the_general_path()
    {
        Gen.Long[-1000, 1000].Array[0, 200].Sample(keys =>
        {
            var tree = new RedBlackTree<long, long, Descending>(default);
            foreach (long key in keys)
            {
                tree[key] = key;
            }

            tree.Validate();
            Assert.Equal(keys.Distinct().OrderDescending(), tree.Select(e => e.Key));
            foreach (long key in keys)
            {
                Assert.True(tree.ContainsKey(key));
            }
        }, iter: 100);
    }
}
