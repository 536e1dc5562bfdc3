using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public class EventFieldReaderTests
{
    /// <summary>The field bytes of a frame, written as a module writes them.</summary>
    internal static byte[] Fields(Action<WireWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new WireWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    [Fact]
    public void Integer_codes_read_the_64_bit_values_the_probe_held()
    {
        var fields = Fields(writer =>
        {
            foreach (var value in new[] { long.MinValue, -1, 1, -17, -3, int.MaxValue })
            {
                writer.WriteInteger(value);
            }
        });
        var reader = new EventFieldReader(fields);
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(17, reader.ReadErrno().Number);
        Assert.Equal(OpenKind.Create, reader.ReadEnum<OpenKind>());
        Assert.Equal(int.MaxValue, reader.ReadInt32());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(2L, "not a bool")]
    [InlineData(2147483648L, "does not fit an int")]
    [InlineData(null, "missing")]
    public void Out_of_range_or_missing_integers_are_format_errors(long? value, string message)
    {
        var fields = Fields(writer =>
        {
            if (value is { } v)
            {
                writer.WriteInteger(v);
            }
        });
        var error = Assert.Throws<EventFormatException>(() =>
        {
            var reader = new EventFieldReader(fields);
            if (message.Contains("bool"))
            {
                reader.ReadBoolean();
            }
            else
            {
                reader.ReadInt32();
            }
        });
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Strings_keep_every_byte_and_a_string_at_maxstringlen_minus_one_is_flagged_truncated()
    {
        var full = new string('x', 511);
        var fields = Fields(writer =>
        {
            writer.WriteString("a\n\u001e"u8);
            writer.WriteString(System.Text.Encoding.ASCII.GetBytes(full));
            writer.WriteString([]);
        });
        var reader = new EventFieldReader(fields);
        Assert.Equal("a\n\u001e"u8.ToArray(), reader.ReadStringBytes().ToArray());
        Assert.Equal(full, reader.ReadString());
        Assert.Equal("", reader.ReadString());
        Assert.Equal(0b010UL, reader.TruncatedFields);
        Assert.True(reader.AtEnd);
    }
}
