using CsCheck;
using StapSharp.Runtime.Events;

namespace StapSharp.Runtime.Tests.Events;

public class EventFieldReaderTests
{
    [Fact]
    public void Integer_codes_read_as_stap_prints_them()
    {
        var reader = new EventFieldReader(" -9223372036854775808 -1 1 -17 -3 2147483647"u8);
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(17, reader.ReadErrno().Number);
        Assert.Equal(OpenKind.Create, reader.ReadEnum<OpenKind>());
        Assert.Equal(int.MaxValue, reader.ReadInt32());
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData(" 2", "not a bool")]
    [InlineData(" 2147483648", "does not fit an int")]
    [InlineData(" 12x", "followed by 'x'")]
    [InlineData(" 99999999999999999999", "expected an integer")]
    [InlineData("", "missing")]
    public void Out_of_range_or_malformed_integers_are_format_errors(string fields, string message)
    {
        var error = Assert.Throws<EventFormatException>(() =>
        {
            var reader = new EventFieldReader(System.Text.Encoding.ASCII.GetBytes(fields));
            if (message.Contains("bool")) reader.ReadBoolean();
            else reader.ReadInt32();
        });
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Strings_keep_every_byte_and_a_string_at_maxstringlen_minus_one_is_flagged_truncated()
    {
        var full = new string('x', 511);
        var bytes = System.Text.Encoding.ASCII.GetBytes($" 3:a\n\u001e 511:{full} 0:");
        var reader = new EventFieldReader(bytes);
        Assert.Equal("a\n\u001e"u8.ToArray(), reader.ReadStringBytes().ToArray());
        Assert.Equal(full, reader.ReadString());
        Assert.Equal("", reader.ReadString());
        Assert.Equal(0b010UL, reader.TruncatedFields);
        Assert.True(reader.AtEnd);
    }
}

public class WireNumbersTests
{
    [Fact]
    public void Every_length_and_sign_parses_like_long_parse_whatever_follows()
    {
        Gen.Select(Gen.Long, Gen.Int[0, 3]).Sample((value, tail) =>
        {
            var text = System.Text.Encoding.ASCII.GetBytes(value.ToString(System.Globalization.CultureInfo.InvariantCulture) + new[] { "", " ", "\n1234567", ":abcdefgh" }[tail]);
            var end = WireNumbers.ParseInt64(text, 0, out var parsed);
            Assert.Equal(value, parsed);
            Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length, end);
        }, iter: 2000);
    }

    [Fact]
    public void Numbers_of_every_length_stop_at_any_following_byte_where_the_text_ends_or_goes_on()
    {
        Gen.Select(Gen.Int[0, 19], Gen.Long[0, long.MaxValue], Gen.Bool, Gen.Int[0, 255], Gen.Int[0, 9]).Sample((digits, seed, negative, next, padding) =>
        {
            var magnitude = digits == 19 ? Math.Max(seed, 1_000_000_000_000_000_000L) : seed % (long)Math.Pow(10, digits);
            var value = negative ? -magnitude : magnitude;
            var number = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = System.Text.Encoding.ASCII.GetBytes(number).Concat(next is >= '0' and <= '9' ? [] : new[] { (byte)next }).Concat(Enumerable.Repeat((byte)'x', padding)).ToArray();
            var end = WireNumbers.ParseInt64(text, 0, out var parsed);
            Assert.Equal(value, parsed);
            Assert.Equal(number.Length, end);
        }, iter: 3000);
    }

    [Fact]
    public void A_number_whose_end_is_known_parses_like_long_parse_or_is_left_to_the_long_way_and_bad_digits_are_refused()
    {
        Gen.Select(Gen.Long, Gen.Int[0, 19], Gen.Int[0, 12], Gen.Int[0, 12], Gen.Byte, Gen.Int[0, 40]).Sample((seed, digits, before, after, filler, spoil) =>
        {
            var value = digits == 19 ? seed : seed % (long)Math.Pow(10, digits);
            var number = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = Enumerable.Repeat(filler, before).Concat(System.Text.Encoding.ASCII.GetBytes(number)).Concat(Enumerable.Repeat(filler, after)).ToArray();
            var first = before + (value < 0 ? 1 : 0);
            var ok = WireNumbers.TryParseInt64Known(text, before, before + number.Length, out var parsed);
            if (text.Length - first >= 8)
                Assert.True(ok);
            if (ok)
                Assert.Equal(value, parsed);

            if (spoil < number.Length && number[spoil] is >= '0' and <= '9')
            {
                text[before + spoil] = (byte)"x /:\n"[spoil % 5];
                Assert.False(WireNumbers.TryParseInt64Known(text, before, before + number.Length, out _));
            }
        }, iter: 5000);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("12345678901234567890")]
    [InlineData("-")]
    [InlineData("x1")]
    public void Out_of_range_or_digitless_text_is_refused(string text)
    {
        Assert.True(WireNumbers.ParseInt64(System.Text.Encoding.ASCII.GetBytes(text), 0, out _) < 0);
    }
}
