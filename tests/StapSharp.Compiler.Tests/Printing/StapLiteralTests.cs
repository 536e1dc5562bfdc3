using System.Text;
using CsCheck;
using StapSharp.Compiler.Printing;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Printing;

/// <summary>Any string becomes exactly one stap literal whose bytes are the string's UTF-8 bytes.</summary>
public sealed class StapLiteralTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [InlineData("\u0001" + "7", "\"\\0017\"")]
    [InlineData("é", "\"\\303\\251\"")]
    [InlineData("100%", "\"100%\"")]
    public void Quotes_with_only_escapes_stap_passes_through(string value, string expected) =>
        Assert.Equal(expected, StapLiteral.Quote(value));

    [Fact]
    public void Every_string_round_trips_through_C_escape_decoding()
    {
        Gen.String.Sample(value =>
        {
            var literal = StapLiteral.Quote(value);
            Assert.StartsWith("\"", literal, StringComparison.Ordinal);
            Assert.EndsWith("\"", literal, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', literal);
            Assert.Equal(Encoding.UTF8.GetBytes(value), DecodeC(literal[1..^1]));
        }, iter: 5000);
    }

    [Theory]
    [InlineData(long.MinValue, "0x8000000000000000")]
    [InlineData(-5L, "-5")]
    [InlineData(42L, "42")]
    public void Longs_are_spelled_so_strtoull_reads_them_back(long value, string expected) =>
        Assert.Equal(expected, StapLiteral.Long(value));

    [StapFact]
    public void Real_stap_reads_hostile_strings_as_one_literal()
    {
        var hostile = "q\"uote\\ back\nnew\u0007bell\u007f é 100%% \" } probe end { \"";
        var script = $"probe begin {{ s = {StapLiteral.Quote(hostile)} println(s) exit() }}\n";
        var (exitCode, stdout, stderr) = StapTool.Run(script, 1);
        Assert.True(exitCode == 0, stderr);
        // The parse tree has exactly one probe, and the assignment's right side is the whole literal.
        var lines = stdout.Split('\n');
        Assert.Single(lines, l => l.StartsWith("probe ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"(s) = ({StapLiteral.Quote(hostile)});");
    }

    /// <summary>The C escapes the printer uses: \" \\ \n \t \r and three-digit octal.</summary>
    private static byte[] DecodeC(string body)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                Assert.True(body[i] is >= ' ' and < (char)0x7f, $"raw character {(int)body[i]} in a literal");
                bytes.Add((byte)body[i]);
                continue;
            }

            var next = body[++i];
            switch (next)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case '"' or '\\': bytes.Add((byte)next); break;
                case >= '0' and <= '7':
                    bytes.Add(Convert.ToByte(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default: throw new InvalidOperationException($"unexpected escape \\{next}");
            }
        }

        return bytes.ToArray();
    }
}
