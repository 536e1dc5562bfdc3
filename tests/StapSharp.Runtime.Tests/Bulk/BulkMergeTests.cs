using System.Buffers.Binary;
using CsCheck;
using StapSharp.Runtime.Bulk;

namespace StapSharp.Runtime.Tests.Bulk;

/// <summary>Per-CPU bulk output: the 4.8 file layout and the timestamp merge.</summary>
public sealed class BulkMergeTests
{
    private readonly record struct Item(long TimestampNs, int Cpu, int Index);

    // Per-CPU streams: each sorted by timestamp, with many ties inside and across CPUs.
    private static readonly Gen<Item[][]> PerCpuGen = Gen.Long[0, 40].Array[0, 60].Array[1, 6].Select(cpus =>
        cpus.Select((stamps, cpu) => stamps.Order().Select((ts, index) => new Item(ts, cpu, index)).ToArray()).ToArray());

    [Fact]
    public void The_merge_is_sorted_stable_and_loses_nothing()
    {
        PerCpuGen.Sample(perCpu =>
        {
            var merged = TimestampMerge.Merge(perCpu, item => item.TimestampNs).ToList();

            Assert.Equal(perCpu.Sum(s => s.Length), merged.Count);
            Assert.Equal(perCpu.SelectMany(s => s).OrderBy(i => i.Cpu).ThenBy(i => i.Index), merged.OrderBy(i => i.Cpu).ThenBy(i => i.Index));
            for (var i = 1; i < merged.Count; i++)
            {
                var (previous, current) = (merged[i - 1], merged[i]);
                Assert.True(previous.TimestampNs <= current.TimestampNs, $"{previous} before {current}");
                if (previous.TimestampNs == current.TimestampNs)
                {
                    Assert.True(previous.Cpu < current.Cpu || (previous.Cpu == current.Cpu && previous.Index < current.Index),
                        $"ties out of source order: {previous} before {current}");
                }
            }
        });
    }

    [Fact]
    public void A_file_is_read_as_its_records_and_a_cut_record_is_left_over()
    {
        var file = new List<byte>();
        void Record(uint sequence, string text)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(header, sequence);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)text.Length);
            file.AddRange(header);
            file.AddRange(System.Text.Encoding.ASCII.GetBytes(text));
        }

        Record(3, "one\n");
        Record(7, "\u001eE0 5 1 2\ntwo\n");
        Record(9, "cut short");
        file.RemoveRange(file.Count - 4, 4);

        var records = BulkFile.Read(file.ToArray(), out var trailing);

        Assert.Equal([3u, 7u], records.Select(r => r.Sequence));
        Assert.Equal("one\n", System.Text.Encoding.ASCII.GetString(records[0].Payload.Span));
        Assert.Equal("\u001eE0 5 1 2\ntwo\n", System.Text.Encoding.ASCII.GetString(records[1].Payload.Span));
        Assert.Equal(8 + 5, trailing);
    }

    [Theory]
    [InlineData("/tmp/out/bulk_0", 0)]
    [InlineData("bulk_13", 13)]
    [InlineData("stpd_cpu1", null)]
    [InlineData("bulk_x", null)]
    public void The_cpu_comes_from_the_file_name(string path, int? cpu)
    {
        Assert.Equal(cpu, BulkFile.CpuOf(path));
    }
}
