using System.Globalization;

namespace StapSharp.Protocol;

/// <summary>
/// The version, marks, layout, printf formats and frame check of the wire format (runtime/StapSharp/WIRE-FORMAT.md):
/// the translator prints frames with these formats, the runtime's reader and writer read and write these bytes.
/// </summary>
public static class WireFormat
{
    /// <summary>The schema header's version: the frames this runtime reads.</summary>
    public const int Version = 3;

    /// <summary>The byte every header, type line and frame starts with.</summary>
    public const byte FrameMark = 0x1E;

    /// <summary>After <see cref="FrameMark"/>: a schema header.</summary>
    public const byte HeaderKind = (byte)'S';

    /// <summary>After <see cref="FrameMark"/>: a type line.</summary>
    public const byte TypeKind = (byte)'T';

    /// <summary>After <see cref="FrameMark"/>: an event frame.</summary>
    public const byte FrameKind = (byte)'B';

    /// <summary>
    /// What the header's <c>%2b</c> prints: the bytes 01 00 on a little-endian target (<see cref="LittleEndianMark"/>).
    /// </summary>
    public const long ByteOrderMark = 1;

    /// <summary>
    /// The byte-order mark of the header, as the header's text holds it: the module prints <c>1</c> with <c>%2b</c>
    /// after its type count, which a little-endian target writes as the bytes 01 00. Its zero byte is one no text
    /// can hold (stap strings end at NUL), so no text line can pass for a header.
    /// </summary>
    public const string LittleEndianMark = "\u0001\u0000";

    /// <summary>The same mark from a big-endian target, whose numbers this runtime would misread.</summary>
    public const string BigEndianMark = "\u0000\u0001";

    /// <summary><c>\x1eB</c>, the type id (2 bytes), the timestamp (8) and the cpu (2).</summary>
    public const int HeaderBytes = 14;

    /// <summary>Every integer field (<c>i64</c>, <c>i32</c>, <c>u64</c>, <c>bool</c>, <c>errno</c>, <c>enum</c>): stap's <c>%8b</c> of its 64-bit value.</summary>
    public const int IntegerBytes = 8;

    /// <summary>A string field's length prefix (<c>%4b</c>), then its bytes.</summary>
    public const int StringLengthBytes = 4;

    /// <summary>The frame check after the last field (<c>%4b</c>), see <see cref="FrameCheck(ReadOnlySpan{long})"/>.</summary>
    public const int CheckBytes = 4;

    /// <summary>
    /// The largest type id: the id's second byte is always zero, and no text can hold a zero byte, so no text can
    /// pass for a frame's start (<c>\x1eB</c>, the id, 0).
    /// </summary>
    public const int MaxTypeId = 255;

    /// <summary>The largest cpu a header holds (2 bytes).</summary>
    public const int MaxCpu = ushort.MaxValue;

    /// <summary>The multiplier of the frame check: the i-th value is multiplied by (2i + 1) times it.</summary>
    public const ulong CheckMultiplier = 0x9E3779B97F4A7C15;

    /// <summary>From one value's multiplier to the next's.</summary>
    public const ulong CheckStep = unchecked(2 * CheckMultiplier);

    /// <summary>
    /// The check a frame carries after its last field: over its values in order (the type id, the timestamp, the
    /// cpu, then each field: an integer's 64-bit value, a string's byte length), h = Σ vᵢ·(2i + 1)·<see cref="CheckMultiplier"/>
    /// modulo 2⁶⁴, and the check is the low 32 bits of h XOR h's high 32 bits. A probe computes it with a few
    /// multiplications; a frame that lost, gained or changed bytes outside its strings' contents fails it, so the
    /// reader never takes a damaged frame for a whole one (and never lets one swallow the frame after it).
    /// </summary>
    public static uint FrameCheck(ReadOnlySpan<long> values)
    {
        var h = 0UL;
        var k = CheckMultiplier;
        foreach (var value in values)
        {
            h += unchecked((ulong)value * k);
            k += CheckStep;
        }
        return Fold(h);
    }

    /// <summary>The 32-bit check of a sum h: its low half XOR its high half.</summary>
    public static uint Fold(ulong h) => (uint)h ^ (uint)(h >> 32);

    /// <summary>
    /// The printf format of a frame's start: <see cref="FrameMark"/>, <see cref="FrameKind"/>, then the type id
    /// (<c>%2b</c>), the timestamp (<c>%8b</c>) and the cpu (<c>%2b</c>): <see cref="HeaderBytes"/> in all.
    /// </summary>
    public const string FrameStartFormat = "\u001eB%2b%8b%2b";

    /// <summary>The printf format of an integer field: its 64-bit value (<see cref="IntegerBytes"/>).</summary>
    public const string IntegerFieldFormat = "%8b";

    /// <summary>The printf format of a string field: its byte length (<see cref="StringLengthBytes"/>), then its bytes.</summary>
    public const string StringFieldFormat = "%4b%s";

    /// <summary>The printf format of the frame check (<see cref="CheckBytes"/>), the last thing before the newline.</summary>
    public const string CheckFormat = "%4b";

    /// <summary>
    /// The header line's printf format, without its newline: <c>\x1eS3 &lt;scriptHash&gt; &lt;typeCount&gt; %2b</c>, the
    /// <c>%2b</c> printing <see cref="ByteOrderMark"/>.
    /// </summary>
    public static string HeaderFormat(string scriptHash, int typeCount) => HeaderStart(scriptHash, typeCount) + "%2b";

    /// <summary>The header line as a little-endian target prints it, without its newline.</summary>
    public static string HeaderLine(string scriptHash, int typeCount) => HeaderStart(scriptHash, typeCount) + LittleEndianMark;

    private static string HeaderStart(string scriptHash, int typeCount) =>
        string.Create(CultureInfo.InvariantCulture, $"\u001eS{Version} {scriptHash} {typeCount} ");

    /// <summary>A type line, without its newline: <c>\x1eT&lt;id&gt; &lt;typeFullName&gt; &lt;typeHash&gt; &lt;fieldCount&gt;[ &lt;name&gt;:&lt;code&gt;]*</c>.</summary>
    public static string TypeLine(int id, string typeFullName, IReadOnlyCollection<(string Name, string Code)> fields) =>
        string.Create(CultureInfo.InvariantCulture, $"\u001eT{id} {typeFullName} {WireHash.OfType(typeFullName, fields)} {fields.Count}")
        + string.Concat(fields.Select(f => $" {f.Name}:{f.Code}"));
}
