using CsCheck;

namespace StapSharp.Runtime.Tests.Events;

/// <summary>A capture of records with where each lies, and damage done to it with which records it touched.</summary>
public static class CaptureDamage
{
    /// <summary>The bytes of <paramref name="records"/> after the schema lines, and each record's range.</summary>
    public sealed record Laid(byte[] Bytes, IReadOnlyList<(int Start, int End)> Ranges, IReadOnlyList<string> Expected);

    public static Laid Lay(IReadOnlyList<RandomCaptures.Record> records)
    {
        var schema = Captures.Write(_ => { });
        var bytes = new List<byte>(schema);
        var ranges = new List<(int, int)>();
        foreach (var record in records)
        {
            var start = bytes.Count;
            bytes.AddRange(RandomCaptures.Write([record])[schema.Length..]);
            ranges.Add((start, bytes.Count));
        }
        var expected = RandomCaptures.Expected(records);
        return new Laid([.. bytes], ranges, expected.Skip(expected.Count - records.Count).ToList());
    }

    public enum Kind { FlipBit, Truncate, Duplicate, Drop }

    /// <summary>One change: at <paramref name="Position"/>, flip bit <paramref name="Count"/> % 8, cut the rest, repeat or drop <paramref name="Count"/> bytes.</summary>
    public sealed record Damage(Kind Kind, int Position, int Count);

    public static readonly Gen<Damage> Damages =
        Gen.Select(Gen.Int[0, 3].Select(k => (Kind)k), Gen.Int[0, int.MaxValue], Gen.Int[1, 40], (kind, position, count) => new Damage(kind, position, count));

    /// <summary>
    /// Applies <paramref name="damages"/> (positions taken modulo the bytes after the schema lines, so the schema stays
    /// whole; overlapping ones are left out) and returns the damaged bytes and, per record, whether it was touched:
    /// a byte of it changed or went missing, or bytes were put inside it.
    /// </summary>
    public static (byte[] Bytes, bool[] Touched) Apply(Laid laid, IEnumerable<Damage> damages)
    {
        var first = laid.Ranges.Count > 0 ? laid.Ranges[0].Start : laid.Bytes.Length;
        var span = laid.Bytes.Length - first;
        var touched = new bool[laid.Ranges.Count];
        if (span == 0)
        {
            return (laid.Bytes, touched);
        }

        var chosen = new List<Damage>();
        var end = -1;
        foreach (var damage in damages.Select(d => d with { Position = first + d.Position % span }).OrderBy(d => d.Position))
        {
            if (damage.Position <= end)
            {
                continue;
            }

            chosen.Add(damage);
            end = damage.Kind == Kind.Truncate ? int.MaxValue : damage.Position + damage.Count;
        }
        var bytes = laid.Bytes.ToList();
        // From the last to the first, so the positions of the earlier ones still hold.
        foreach (var damage in Enumerable.Reverse(chosen))
        {
            var position = damage.Position;
            var count = Math.Min(damage.Count, bytes.Count - position);
            switch (damage.Kind)
            {
                case Kind.FlipBit:
                    bytes[position] ^= (byte)(1 << (damage.Count % 8));
                    Touch(laid, touched, position, position + 1);
                    break;
                case Kind.Truncate:
                    bytes.RemoveRange(position, bytes.Count - position);
                    Touch(laid, touched, position, int.MaxValue);
                    break;
                case Kind.Duplicate:
                    bytes.InsertRange(position + count, bytes.GetRange(position, count));
                    // Inserted between two records, it touches neither.
                    for (var i = 0; i < laid.Ranges.Count; i++)
                    {
                        touched[i] |= laid.Ranges[i].Start < position + count && position + count < laid.Ranges[i].End;
                    }

                    break;
                case Kind.Drop:
                    bytes.RemoveRange(position, count);
                    Touch(laid, touched, position, position + count);
                    break;
            }
        }
        return ([.. bytes], touched);
    }

    private static void Touch(Laid laid, bool[] touched, int start, int end)
    {
        for (var i = 0; i < laid.Ranges.Count; i++)
        {
            touched[i] |= laid.Ranges[i].Start < end && start < laid.Ranges[i].End;
        }
    }

    /// <summary>True when <paramref name="wanted"/> occur in <paramref name="items"/> in order (other items may come between).</summary>
    public static bool InOrder(IReadOnlyList<string> items, IEnumerable<string> wanted)
    {
        var next = 0;
        foreach (var item in wanted)
        {
            while (next < items.Count && items[next] != item)
            {
                next++;
            }

            if (next == items.Count)
            {
                return false;
            }

            next++;
        }
        return true;
    }

    /// <summary>
    /// Every byte after the schema lines handed out once, in order: each frame, text line (and the '\n' after it, if
    /// one follows) and lost run starts where the one before it ended, and the last ends with the capture.
    /// </summary>
    public static void AssertEveryByteAccounted(byte[] capture, RecordingVisitor read, int schemaBytes)
    {
        long position = schemaBytes;
        var records = 0;
        var errors = 0;
        foreach (var item in read.Items.Where(i => !i.StartsWith("schema ", StringComparison.Ordinal) && !i.StartsWith("type ", StringComparison.Ordinal)))
        {
            if (item == "error")
            {
                var error = read.Errors[errors++];
                Assert.True(error.Length > 0, $"an error that lost nothing: {error}");
                Assert.Equal(position, error.Offset);
                position += error.Length;
                continue;
            }
            var (frame, length) = read.Records[records++];
            if (frame)
            {
                Assert.Equal(0x1E, capture[position]);
            }

            position += length;
            if (!frame && position < capture.Length && capture[position] == (byte)'\n')
            {
                position++;
            }
        }
        Assert.Equal(capture.Length, position);
    }
}
