using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Runtime.Events;

namespace StapSharp.Compiler.Tests.Events;

/// <summary>
/// The decoder source is compiled with Roslyn against StapSharp.dll and StapSharp.Runtime.dll
/// beside the records (as a source generator adds it), loaded, and run on frames.
/// </summary>
public sealed class GeneratedDecoderTests
{
    private const string Records = """
        namespace Demo
        {
            public enum Mode : short { Read = 1, Back = -2 }

            public sealed record FileEvent(long Pid, int Fd, ulong Inode, bool Created, string Path, Mode Mode, Errno Result);

            public static class Outer
            {
                public readonly record struct Tick(long Count, string Note);
            }

            public sealed record Ping();

            public sealed class Events : ProbeScript
            {
                [Probe("begin")]
                void B()
                {
                    Emit(new FileEvent(1, 2, 3, true, "p", Mode.Read, new Errno(-2)));
                    Emit(new Outer.Tick(1, "n"));
                    Emit(new Ping());
                }
            }
        }
        """;

    /// <summary>Reads a frame's fields with the registered decoder of T; the whole frame must be consumed.</summary>
    private const string Harness = """
        namespace Demo
        {
            public static class Harness
            {
                public static object Decode<T>(byte[] fields)
                {
                    if (!StapSharp.Runtime.Events.EventDecoderRegistry.TryGet<T>(out var decoder))
                        throw new System.InvalidOperationException("no decoder registered for " + typeof(T));
                    var reader = new StapSharp.Runtime.Events.EventFieldReader(fields);
                    var value = decoder.Decode(ref reader);
                    if (!reader.AtEnd)
                        throw new System.InvalidOperationException("fields left over");
                    return value!;
                }

                public static string[] Identity<T>() =>
                    StapSharp.Runtime.Events.EventDecoderRegistry.TryGet<T>(out var d) ? new[] { d.TypeFullName, d.TypeHash } : new string[0];
            }
        }
        """;

    private static readonly Lazy<(Assembly Assembly, CompiledScript Script)> Loaded = new(Load);

    private static Assembly Demo => Loaded.Value.Assembly;

    private static Type Record(string name) => Demo.GetType(name, throwOnError: true)!;

    [Fact]
    public void Generated_source_compiles_and_registers_one_decoder_per_record()
    {
        var script = Loaded.Value.Script;
        Assert.Equal(["Demo.FileEvent", "Demo.Outer+Tick", "Demo.Ping"], script.Events.Select(e => e.TypeFullName));
        foreach (var schema in script.Events)
        {
            // Type.FullName of the compiled record is exactly the wire name.
            var type = Record(schema.TypeFullName);
            Assert.Equal(schema.TypeFullName, type.FullName);
            var identity = (string[])Call("Identity", type);
            Assert.Equal([schema.TypeFullName, schema.TypeHash], identity);
        }
    }

    [Fact]
    public void Decodes_every_field_kind_in_constructor_order()
    {
        var type = Record("Demo.FileEvent");
        var mode = Record("Demo.Mode");
        var decoded = Decode(type, 42L, -7L, -1L, 1L, "a b\n\u001ec\td", 65534L, -17L);
        var expected = Activator.CreateInstance(type, 42L, -7, ulong.MaxValue, true, "a b\n\u001ec\td", Enum.ToObject(mode, (short)-2), new Errno(-17));
        Assert.Equal(expected, decoded);
    }

    [Fact]
    public void Decodes_nested_record_structs_and_records_without_fields()
    {
        var tick = Record("Demo.Outer+Tick");
        Assert.Equal(Activator.CreateInstance(tick, 3L, ""), Decode(tick, 3L, ""));
        var ping = Record("Demo.Ping");
        Assert.Equal(Activator.CreateInstance(ping), Decode(ping));
    }

    [Fact]
    public void A_frame_with_a_missing_field_is_a_format_error_not_a_record()
    {
        var exception = Assert.Throws<TargetInvocationException>(() => Decode(Record("Demo.FileEvent"), 42L, -7L, -1L, 1L, "a", 1L));
        Assert.IsType<EventFormatException>(exception.InnerException);
    }

    [Fact]
    public void Any_values_written_as_the_wire_format_says_decode_back_equal()
    {
        var type = Record("Demo.FileEvent");
        var mode = Record("Demo.Mode");
        var strings = Gen.Char.Array[0, 40].Select(chars => new string(chars)).Where(s => !s.Contains('\0') && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s);
        Gen.Select(Gen.Long, Gen.Int, Gen.ULong, Gen.Bool, strings, Gen.Short, Gen.Long)
            .Sample((pid, fd, inode, created, path, modeValue, errno) =>
            {
                var expected = Activator.CreateInstance(type, pid, fd, inode, created, path, Enum.ToObject(mode, modeValue), new Errno(errno));
                // stap's %8b writes every integer field as its 64-bit value; strings as a 4-byte length and the bytes.
                Assert.Equal(expected, Decode(type, pid, (long)fd, unchecked((long)inode), created ? 1L : 0L, path, (long)modeValue, errno));
            });
    }

    /// <summary>Decodes the fields written as a module writes them: longs with %8b, strings as their length (%4b) and bytes.</summary>
    private static object Decode(Type type, params object[] fields)
    {
        var bytes = new MemoryStream();
        using (var writer = new WireWriter(bytes))
        {
            foreach (var field in fields)
            {
                if (field is string text)
                {
                    writer.WriteString(Encoding.UTF8.GetBytes(text));
                }
                else
                {
                    writer.WriteInteger((long)field);
                }
            }
        }

        return Call("Decode", type, bytes.ToArray());
    }

    private static object Call(string method, Type type, params object[] arguments) =>
        Demo.GetType("Demo.Harness")!.GetMethod(method)!.MakeGenericMethod(type).Invoke(null, arguments)!;

    private static (Assembly, CompiledScript) Load()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + Records);
        var decoders = EventDecoderSource.Generate(script.Events);
        var references = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location)
            .Append(MetadataReference.CreateFromFile(typeof(EventDecoderRegistry).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Demo",
            [
                CSharpSyntaxTree.ParseText(TestCompiler.Usings + Records, options, "Records.cs"),
                CSharpSyntaxTree.ParseText(Harness, options, "Harness.cs"),
                CSharpSyntaxTree.ParseText(decoders, options, "EventDecoders.g.cs"),
            ],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, string.Join("\n", problems) + "\n--- generated ---\n" + decoders);
        image.Position = 0;
        return (AssemblyLoadContext.Default.LoadFromStream(image), script);
    }
}
