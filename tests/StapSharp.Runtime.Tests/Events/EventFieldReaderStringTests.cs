using System.Text;
using CsCheck;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public class EventFieldReaderStringTests
{
    // A tiny alphabet makes repeats, equal lengths with shared prefixes and suffixes, non-ASCII and invalid UTF-8 common.
    private static readonly Gen<byte[]> Value =
        Gen.OneOf(Gen.Byte[0, 5].Select(i => new byte[] { (byte)'a', (byte)'/', (byte)'1', 0xC3, 0xA9, 0xFF }[i]).Array[0, 24],
                  Gen.Byte[(byte)'a', (byte)'c'].Array[100, 200]);

    [Fact]
    public void Read_strings_equal_a_fresh_utf8_decode_whatever_was_read_before()
    {
        Gen.Select(Value, Gen.Int[1, 3]).Array[1, 60].Sample(values =>
        {
            var frame = new List<byte>();
            foreach (var (bytes, copies) in values)
                for (var i = 0; i < copies; i++)
                    frame.AddRange(Encoding.ASCII.GetBytes($" {bytes.Length}:").Concat(bytes));
            var reader = new EventFieldReader(frame.ToArray());
            foreach (var (bytes, copies) in values)
                for (var i = 0; i < copies; i++)
                    Assert.Equal(Encoding.UTF8.GetString(bytes), reader.ReadString());
            Assert.True(reader.AtEnd);
        });
    }

    [Fact]
    public void A_repeated_short_ascii_value_is_one_string_instance()
    {
        var reader = new EventFieldReader(" 9:/etc/motd 9:/etc/host 9:/etc/motd"u8);
        var first = reader.ReadString();
        Assert.Equal("/etc/host", reader.ReadString());
        Assert.Same(first, reader.ReadString());
    }
}
