using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;

namespace StapSharp.EndToEnd.Tests.Events;

/// <summary>
/// Random <see cref="HostileEvent"/> values (CsCheck, fixed seed) and the probe script that emits them:
/// strings with newlines, tabs, spaces, the frame marker 0x1E, bytes that are not UTF-8, empty strings
/// and strings past stap's 511-byte limit. Each value is baked into the script as C# expressions.
/// </summary>
internal static class HostileEventScript
{
    public const int MaxStringLength = 511;

    /// <summary>One event as written in C#, and the bytes its strings have in the module.</summary>
    public sealed record Sample(long Id, byte[] Text, long SmallSource, ulong Big, bool Flag, long Error, Shade Shade, byte[] Other)
    {
        /// <summary>What the host must decode: strings cut at 511 bytes, Small as C#'s (int) of its source.</summary>
        public HostileEvent Expected => new(Id, Decode(Text), unchecked((int)SmallSource), Big, Flag, new Errno(Error), Shade, Decode(Other));

        public bool TextCut => Text.Length >= MaxStringLength;

        public bool OtherCut => Other.Length >= MaxStringLength;

        private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, MaxStringLength)));
    }

    private static readonly byte[][] Pieces =
    [
        "\n"u8.ToArray(), "\t"u8.ToArray(), " "u8.ToArray(), [0x1E], "\r"u8.ToArray(), "%d"u8.ToArray(), "\\\""u8.ToArray(),
        "a"u8.ToArray(), "mkdir"u8.ToArray(), "é"u8.ToArray(), "日本"u8.ToArray(), [0xFF], [0xC3], [0x80], [0xE6, 0x97],
        Enumerable.Repeat((byte)'x', 300).ToArray(),
    ];

    private static readonly Gen<byte[]> HostileBytes =
        Gen.Int[0, Pieces.Length - 1].Array[0, 6].Select(picks => picks.SelectMany(i => Pieces[i]).ToArray());

    private static readonly Gen<Sample> Samples =
        Gen.Select(HostileBytes, Gen.Long, Gen.ULong, Gen.Bool, Gen.Long[-133, 0], Gen.Bool.Select(dark => dark ? Shade.Dark : Shade.Light), HostileBytes)
            .Select((text, small, big, flag, error, shade, other) => new Sample(0, text, small, big, flag, error, shade, other));

    /// <summary><paramref name="count"/> samples from a fixed seed, numbered 0..count-1, always with an empty and a cut string.</summary>
    public static IReadOnlyList<Sample> Generate(int count, ulong seed)
    {
        var pcg = new PCG(1, seed);
        var samples = Enumerable.Range(0, count).Select(i => Samples.Generate(pcg, null, out _) with { Id = i }).ToList();
        samples[0] = samples[0] with { Text = [], Other = Enumerable.Repeat((byte)'y', 600).ToArray() };
        samples[1] = samples[1] with { Text = [.. Enumerable.Repeat((byte)'z', 510), 0xFF], Other = [0x1E, (byte)'E', (byte)'0', (byte)'\n'] };
        return samples;
    }

    /// <summary>The probe script: one begin probe per event, then exit() from a later begin.</summary>
    public static string Source(IReadOnlyList<Sample> samples)
    {
        var code = new StringBuilder();
        code.Append("using StapSharp;\nusing static StapSharp.Stap;\n\nnamespace StapSharp.EndToEnd.Tests.Events\n{\n");
        code.Append("    public enum Shade : short { Dark = -3, Light = 7 }\n\n");
        code.Append("    public sealed record HostileEvent(long Id, string Text, int Small, ulong Big, bool Flag, Errno Error, Shade Shade, string Other);\n\n");
        code.Append("    public sealed class HostileEvents : ProbeScript\n    {\n");
        foreach (var s in samples)
        {
            // Small is (int) of a run-time long, so the translator's 32-bit narrowing runs in the kernel.
            code.Append($"        [Probe(\"begin\")] void E{s.Id}() => Emit(new HostileEvent({s.Id}L, {StringExpression(s.Text)}, (int)({s.SmallSource}L + Pid() * 0), ");
            code.Append($"{s.Big}UL, {(s.Flag ? "true" : "false")}, new Errno({s.Error}L), Shade.{s.Shade}, {StringExpression(s.Other)}));\n");
        }

        code.Append("        [Probe(\"begin(1)\")] void Done() => Exit();\n    }\n}\n");
        return code.ToString();
    }

    /// <summary>A C# expression whose stap value has exactly these bytes: UTF-8 runs as literals, other bytes as Sprintf("%c", b).</summary>
    private static string StringExpression(byte[] bytes)
    {
        var parts = new List<string>();
        var start = 0;
        while (start < bytes.Length)
        {
            var valid = ValidPrefix(bytes.AsSpan(start));
            if (valid > 0)
            {
                parts.Add(SymbolDisplay.FormatLiteral(Encoding.UTF8.GetString(bytes, start, valid), quote: true));
                start += valid;
            }
            else
            {
                parts.Add($"Sprintf(\"%c\", {bytes[start]}L)");
                start++;
            }
        }

        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }

    /// <summary>How many leading bytes are whole UTF-8 characters.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        var length = 0;
        while (length < bytes.Length && System.Text.Rune.DecodeFromUtf8(bytes[length..], out _, out var used) == System.Buffers.OperationStatus.Done)
        {
            length += used;
        }

        return length;
    }
}
