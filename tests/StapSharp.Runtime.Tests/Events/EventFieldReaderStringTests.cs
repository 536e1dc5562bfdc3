using System.Text;
using CsCheck;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>The string cache is one table for every thread: the tests that check which instance comes back run alone.</summary>
[CollectionDefinition(nameof(StringCacheCollection), DisableParallelization = true)]
public sealed class StringCacheCollection;

[Collection(nameof(StringCacheCollection))]
public class EventFieldReaderStringTests
{
    // A tiny alphabet makes repeats, equal lengths with shared prefixes and suffixes, non-ASCII and invalid UTF-8 common.
    // The lengths cover each way of keying a value: up to 7 bytes, 8 to 64 (overlapping words), and longer ones.
    private static readonly Gen<byte[]> Value =
        Gen.OneOf(Gen.Byte[0, 5].Select(i => new byte[] { (byte)'a', (byte)'/', (byte)'1', 0xC3, 0xA9, 0xFF }[i]).Array[0, 24],
                  Gen.Byte[(byte)'a', (byte)'b'].Array[50, 80],
                  Gen.Byte[(byte)'a', (byte)'c'].Array[100, 200],
                  Gen.Byte[(byte)'a', (byte)'b'].Array[500, 520]);

    [Fact]
    public void Read_strings_equal_a_fresh_utf8_decode_whatever_was_read_before()
    {
        Gen.Select(Value, Gen.Int[1, 3]).Array[1, 60].Sample(values =>
        {
            var frame = EventFieldReaderTests.Fields(writer =>
            {
                foreach (var (bytes, copies) in values)
                {
                    for (var i = 0; i < copies; i++)
                    {
                        writer.WriteString(bytes);
                    }
                }
            });
            var reader = new EventFieldReader(frame);
            foreach (var (bytes, copies) in values)
            {
                for (var i = 0; i < copies; i++)
                {
                    Assert.Equal(Encoding.UTF8.GetString(bytes), reader.ReadString());
                }
            }

            Assert.True(reader.AtEnd);
        });
    }

    [Fact]
    public void A_repeated_short_ascii_value_is_one_string_instance()
    {
        var reader = new EventFieldReader(Strings("/etc/motd", "/etc/host", "/etc/motd"));
        var first = reader.ReadString();
        Assert.Equal("/etc/host", reader.ReadString());
        Assert.Same(first, reader.ReadString());
    }

    [Fact]
    public void Paths_that_differ_in_one_digit_anywhere_are_each_reused()
    {
        // The digit that tells them apart sits between the bytes a sampling hash would look at.
        AssertEachReused(Enumerable.Range(0, 16).Select(i => $"/home/user/project/src/module{i}/file.cs").ToArray());
    }

    [Fact]
    public void A_trace_s_worth_of_paths_are_each_reused_even_when_their_hashes_meet()
    {
        // The benchmark's 64 paths: with one way per slot, several pairs of them shared a slot and missed on every use.
        AssertEachReused(Enumerable.Range(0, 64).Select(i => (i % 4) switch
        {
            0 => $"/usr/lib/x86_64-linux-gnu/lib{i}.so.6",
            1 => $"/proc/{1000 + i}/status",
            2 => $"/home/user/project/src/module{i}/file.cs",
            _ => $"/tmp/t{i}",
        }).ToArray());
    }

    [Fact]
    public void Values_of_every_length_up_to_512_bytes_are_reused_and_longer_ones_still_decode()
    {
        var values = new[] { 1, 3, 4, 7, 8, 9, 63, 64, 65, 200, 512 }
            .SelectMany(length => new[] { new string('x', length), new string('x', length - 1) + "y" }).ToArray();
        AssertEachReused(values);

        var tooLong = new string('z', 513);
        var reader = new EventFieldReader(Strings(tooLong, tooLong));
        var first = reader.ReadString();
        var second = reader.ReadString();
        Assert.Equal(tooLong, first);
        Assert.Equal(tooLong, second);
        Assert.NotSame(first, second);
    }

    private static void AssertEachReused(string[] paths)
    {
        var reader = new EventFieldReader(Strings([.. paths, .. paths]));
        var first = new string[paths.Length];
        var second = new string[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            first[i] = reader.ReadString();
        }

        for (var i = 0; i < paths.Length; i++)
        {
            second[i] = reader.ReadString();
        }

        Assert.Equal(paths, second);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }

    private static byte[] Strings(params string[] values) => EventFieldReaderTests.Fields(writer =>
    {
        foreach (var value in values)
        {
            writer.WriteString(Encoding.UTF8.GetBytes(value));
        }
    });
}
