using System.Text;
using StapSharp.Protocol;
using StapSharp.Runtime.Events;

namespace StapSharp.Cli.Output;

/// <summary>
/// Turns a module's output bytes into <see cref="PrintItem"/>s with the schema-driven decoder
/// (<see cref="WireReader"/> splits text and frames; <see cref="EventRow"/> decodes a frame from the
/// module's own <c>T</c> lines), so any script's events print without generated code.
/// </summary>
internal sealed class OutputDecoder
{
    private readonly WireReader _reader;
    private Visitor _visitor;

    /// <param name="schema">The schema to start from: another CPU's, for a per-CPU bulk stream without a header.</param>
    /// <param name="enumNames">The script's enum member names (enum full name → value → name), so enum fields print by name.</param>
    public OutputDecoder(Action<PrintItem> onItem, WireSchema? schema = null, IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null)
    {
        _reader = new WireReader(schema);
        _visitor = new Visitor(onItem, schema, enumNames ?? NoEnumNames);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> NoEnumNames =
        new Dictionary<string, IReadOnlyDictionary<long, string>>();

    /// <summary>The schema read so far (or the one it started from).</summary>
    public WireSchema? Schema => _reader.Schema;

    public void Write(ReadOnlySpan<byte> bytes) => _reader.Write(bytes, ref _visitor);

    public void Complete() => _reader.Complete(ref _visitor);

    /// <summary>Decodes a whole stream at once (a per-CPU bulk file).</summary>
    public static IReadOnlyList<PrintItem> DecodeAll(ReadOnlyMemory<byte> bytes, WireSchema? schema, out WireSchema? declared,
        IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? enumNames = null)
    {
        var items = new List<PrintItem>();
        var decoder = new OutputDecoder(items.Add, schema, enumNames);
        decoder.Write(bytes.Span);
        decoder.Complete();
        declared = decoder.Schema;
        return items;
    }

    /// <summary>The printed form of a module's declared types.</summary>
    public static IReadOnlyList<OutputEventType> TypesOf(WireSchema schema) =>
        schema.Types.Where(t => t is not null).Select(t => TypeOf(t!)).ToList();

    private static OutputEventType TypeOf(WireType type) =>
        new(type.FullName, type.Fields.Select(f => f.Name).ToList(), type.Fields.Select(f => f.Code).ToList());

    private struct Visitor(Action<PrintItem> onItem, WireSchema? seed, IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> enumNames) : IWireVisitor
    {
        private readonly Dictionary<WireType, OutputEventType> _types = new();
        private long _lastTimestamp = long.MinValue;
        private WireSchema? _schema = seed;
        private bool _declared = seed is not null && Declare(seed, onItem, long.MinValue);

        public void OnText(ReadOnlySpan<byte> line) => onItem(new PrintItem.TextLine(_lastTimestamp, Encoding.UTF8.GetString(line)));

        public void OnSchemaHeader(WireSchema schema)
        {
            _schema = schema;
            _types.Clear();
            _declared = schema.TypeCount == 0 && Declare(schema, onItem, _lastTimestamp);
        }

        public void OnTypeDeclared(WireType type)
        {
            // Declared once the header's last type has arrived.
            if (!_declared && _schema is { } schema && schema.Types.All(t => t is not null))
                _declared = Declare(schema, onItem, _lastTimestamp);
        }

        public void OnEvent(WireType type, long timestampNs, int cpu, ReadOnlySpan<byte> fields)
        {
            _lastTimestamp = timestampNs;
            try
            {
                var row = EventRow.Decode(type, timestampNs, cpu, fields);
                if (!_types.TryGetValue(type, out var printed))
                    _types[type] = printed = TypeOf(type);
                onItem(new PrintItem.Decoded(new OutputEvent(printed, timestampNs, cpu, NameEnums(type, row.Values), row.TruncatedFields)));
            }
            catch (EventFormatException error)
            {
                onItem(new PrintItem.Undecodable(timestampNs, $"{type.FullName}: {error.Message}"));
            }
        }

        /// <summary>Enum fields (which arrive as long) become <see cref="EnumValue"/>s, named where the script's enum names the value.</summary>
        private readonly IReadOnlyList<object?> NameEnums(WireType type, IReadOnlyList<object?> values)
        {
            object?[]? named = null;
            for (var i = 0; i < type.Fields.Count; i++)
            {
                if (type.Fields[i] is not { Kind: WireFieldKind.Enum, EnumTypeName: { } enumName } || values[i] is not long value)
                    continue;
                named ??= [.. values];
                named[i] = new EnumValue(value, enumNames.TryGetValue(enumName, out var members) ? members.GetValueOrDefault(value) : null);
            }
            return named ?? values;
        }

        public void OnError(WireError error) => onItem(new PrintItem.Undecodable(_lastTimestamp, error.ToString()));

        private static bool Declare(WireSchema schema, Action<PrintItem> onItem, long timestamp)
        {
            onItem(new PrintItem.Declared(timestamp, TypesOf(schema)));
            return true;
        }
    }
}
