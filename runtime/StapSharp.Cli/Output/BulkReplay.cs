using StapSharp.Runtime.Bulk;
using StapSharp.Runtime.Events;

namespace StapSharp.Cli.Output;

/// <summary>
/// Prints a bulk run (<c>stapsharp run --bulk</c>): each per-CPU file's records are decoded as one
/// stream, then the CPUs are merged by the events' timestamps (stable: ties keep CPU order, then file
/// order). The schema lines are printed by whichever CPU ran the begin probe: every stream is decoded
/// with the schema that one starts with (no text can pass for a schema header, so no other stream's start can).
/// </summary>
internal static class BulkReplay
{
    /// <returns>Per file: its CPU and record count, for the run's notice.</returns>
    /// <param name="enumNames">The script's enum member names, so enum fields print by name.</param>
    public static IReadOnlyList<(int Cpu, int Records)> Print(IReadOnlyList<string> files, RunPrinter printer,
        IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null)
    {
        var streams = new List<(int Cpu, byte[] Bytes, int Records)>();
        foreach (var file in files)
        {
            var records = BulkFile.Read(File.ReadAllBytes(file), out var trailing);
            if (trailing > 0)
                printer.DecodeError($"{Path.GetFileName(file)}: the last {trailing} bytes are a cut record");
            var bytes = records.SelectMany(r => r.Payload.ToArray()).ToArray();
            streams.Add((BulkFile.CpuOf(file) ?? streams.Count, bytes, records.Count));
        }

        // Every stream starts from the schema; the one that holds it only confirms it.
        var schema = streams.Select(s => WireReader.SchemaAtStart(s.Bytes)).FirstOrDefault(s => s is not null);
        var decoded = streams.OrderBy(s => s.Cpu).Select(s => OutputDecoder.DecodeAll(s.Bytes, schema, out _, enumNames)).ToList();

        foreach (var item in TimestampMerge.Merge(decoded, item => item.TimestampNs))
            item.PrintTo(printer);
        return streams.Select(s => (s.Cpu, s.Records)).OrderBy(s => s.Cpu).ToList();
    }
}
