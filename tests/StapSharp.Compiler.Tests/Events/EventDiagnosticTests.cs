using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Events;

/// <summary>
/// Events that cannot be sent are reported with their id at the exact C# place. <c>/*@*/</c> marks
/// the place in the declarations or the probe body; it is removed before compiling.
/// </summary>
public sealed class EventDiagnosticTests
{

    public static TheoryData<string, string, string> Cases() => new()
    {
        // Types that cannot be events: at the type's declaration.
        { "STAP0100", "public sealed class /*@*/C { public C(long a) { } }", "Emit(new C(1));" },
        { "STAP0100", "public sealed record /*@*/G<T>(long A);", "Emit(new G<string>(1));" },
        { "STAP0100", "public sealed record /*@*/N { public long A { get; init; } }", "Emit(new N());" },
        { "STAP0100", "public struct /*@*/S { public long A; }", "Emit(new S());" },
        // Field types the wire format does not carry: at the parameter.
        { "STAP0101", "public sealed record R(long A, double /*@*/B);", "Emit(new R(1, 2.5));" },
        { "STAP0101", "public sealed record R(long? /*@*/P);", "Emit(new R(1));" },
        { "STAP0101", "public sealed record R(short /*@*/S);", "Emit(new R(1));" },
        { "STAP0101", "public sealed record R(System.DateTime /*@*/At);", "Emit(new R(default));" },
        // Emit of something that is not a record created in place.
        { "STAP0102", "public sealed record R(long A);", "long e = 1; Emit(/*@*/e);" },
        { "STAP0102", "public sealed record R(long A) { public long B { get; init; } }", "Emit(new R(1) /*@*/{ B = 2 });" },
        { "STAP0102", "public sealed record R(long A) { public R(string s) : this(1L) { } }", "Emit(/*@*/new R(\"x\"));" },
        { "STAP0102", "public sealed record R(long A);", "for (long i = 0; i < 3; /*@*/Emit(new R(i))) { }" },
        // Arguments the translator cannot lower.
        { "STAP0103", "public sealed record R(int A);", "long n = Pid(); Emit(new R(/*@*/(short)n));" },
        { "STAP0103", "public sealed record R(string S);", "Emit(new R(/*@*/null!));" },
        { "STAP0103", "public sealed record R(Errno E);", "Emit(new R(/*@*/default));" },
        // Printed raw bytes: a zero byte among them would mark an event frame. Scripts without events too: the host
        // reads every script's output as the wire format.
        { "STAP0105", "", "Printf(/*@*/\"got %c\\n\", Pid());" },
        { "STAP0105", "", "Printf(/*@*/\"%8b\", Pid());" },
        { "STAP0105", "public sealed record R(long A);", "Emit(new R(1)); Printf(/*@*/\"%.*m\", 4L, Pid());" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_id_at_exact_place(string id, string declarations, string body)
    {
        var marked = Source(declarations, body);
        var (line, column) = MarkedSource.Position(marked);
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(marked));
        Assert.True(errors.Any(e => e.Id == id && e.Span.Line == line && e.Span.Column == column),
            $"expected {id} at ({line},{column}), got:\n" + string.Join("\n", errors));
        var found = errors.First(e => e.Id == id);
        Assert.StartsWith("Script.cs(", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_record_emitted_twice_is_reported_once_with_advice()
    {
        var errors = TestCompiler.Errors(Source("public sealed record R(float F);", "Emit(new R(1)); Emit(new R(2));"));
        var error = Assert.Single(errors);
        Assert.Equal("Script.cs(3,30): error STAP0101: Field 'F' of event 'R' has type 'float': stap has no floating point: carry an integer in a unit that fits (e.g. nanoseconds as long)", error.ToString());
    }

    [Fact]
    public void A_private_nested_record_is_refused_because_the_decoder_cannot_create_it()
    {
        var source = TestCompiler.Usings + """
            public static class Outer
            {
                private sealed record Hidden(long A);

                public sealed class T : ProbeScript
                {
                    [Probe("begin")] void B() => Emit(new Hidden(1));
                }
            }
            """;
        var error = Assert.Single(TestCompiler.Errors(source));
        Assert.Equal("STAP0100", error.Id);
        Assert.Equal((5, 27), (error.Span.Line, error.Span.Column));
        Assert.Contains("make it internal or public", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_bytes_through_a_string_and_the_frame_mark_in_text_are_no_error()
    {
        // A string cannot hold a zero byte; without one, no text starts a frame, whatever else it holds.
        Assert.NotNull(TestCompiler.Single(Source("public sealed record R(long A);",
            "Emit(new R(1)); Print(Sprintf(\"%c\", Pid())); Printf(\"\\u001eB%d\\n\", Pid()); Println(\"\\u001eS3 0123456789abcdef 1\");")));
    }

    [Fact]
    public void A_script_that_emits_more_than_256_record_types_is_told_where_the_257th_is()
    {
        var records = string.Concat(Enumerable.Range(0, 257).Select(i => $"public sealed record R{i}(long A);\n"));
        var emits = string.Concat(Enumerable.Range(0, 257).Select(i => $"Emit(new R{i}(1)); "));
        var source = Source(records, emits);
        var errors = TestCompiler.Errors(source);

        var error = Assert.Single(errors);
        Assert.Equal("STAP0104", error.Id);
        Assert.Equal(source.Split('\n').ToList().FindIndex(line => line.Contains("record R256(", StringComparison.Ordinal)) + 1, error.Span.Line);
        Assert.Contains("'R256' would be event type number 257 of this script, and a script sends at most 256", error.Message, StringComparison.Ordinal);
    }

    private static string Source(string declarations, string body) =>
        TestCompiler.Usings + declarations + "\npublic sealed class T : ProbeScript\n{\n[Probe(\"begin\")] void B() { " + body + " }\n}\n";
}
