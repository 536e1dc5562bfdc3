using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.StapMessages;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Semantics;

/// <summary>
/// A probe script has the probes, static fields and methods of its base classes, as a C# object has
/// its bases' members: each derived script carries them, at their own source places. What stap cannot
/// express of inheritance (virtual dispatch, a field hiding another, generic or precompiled bases) is
/// reported.
/// </summary>
public sealed class BaseClassTests
{
    private const string Base = TestCompiler.Usings + """
        public abstract class CountingBase : ProbeScript
        {
            protected static long count;
            private static StapMap<string, long> byName = new(maxEntries: 100);

            [Probe("syscall.mkdir")]
            void Enter(string argstr)
            {
                count++;
                byName[argstr] = Twice(count);
            }

            protected static long Twice(long n) => 2 * n;
        }
        """;

    private const string Scripts = TestCompiler.Usings + """
        public sealed class MkdirCount : CountingBase
        {
            [Probe("end")]
            void End() => Println($"{count} {Twice(3)}");
        }

        public sealed class MkdirQuiet : CountingBase
        {
            static long quiet = 0;

            [Probe("end")]
            void End() => Println(quiet);
        }
        """;

    private static readonly string SnapshotsFolder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "StapSharp.Compiler.Tests", "Semantics");

    [Fact]
    public void Each_derived_script_has_the_probes_globals_and_functions_of_its_base()
    {
        var output = TestCompiler.Compile(("CountingBase.cs", Base), ("Scripts.cs", Scripts));
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics));
        Assert.Equal(["MkdirCount", "MkdirQuiet"], output.Scripts.Select(s => s.ClassName));
        Snapshot.Verify(output.Scripts[0].Text, Path.Combine(SnapshotsFolder, "MkdirCount.verified.stp"));
        var quiet = output.Scripts[1].Text;
        Assert.Contains("global count\nprivate global byName[100]\nglobal quiet = 0\n", quiet, StringComparison.Ordinal);
        Assert.Contains("probe syscall.mkdir\n{\n  count++\n  byName[argstr] = Twice(count)\n}", quiet, StringComparison.Ordinal);
    }

    [StapFact]
    public void Real_stap_resolves_every_derived_script()
    {
        var output = TestCompiler.Compile(("CountingBase.cs", Base), ("Scripts.cs", Scripts));
        Assert.All(output.Scripts, StapTool.AssertAccepts);
    }

    [Fact]
    public void A_problem_in_the_base_is_reported_once_at_its_place_in_the_base()
    {
        var output = TestCompiler.Compile(("CountingBase.cs", Base.Replace("protected static long count;", "protected static int count;", StringComparison.Ordinal)), ("Scripts.cs", Scripts));
        var error = Assert.Single(output.Diagnostics, d => d.Severity == StapSeverity.Error);
        Assert.Equal(("STAP0003", "CountingBase.cs", 5, 26), (error.Id, error.Span.FilePath, error.Span.Line, error.Span.Column));
        Assert.Empty(output.Scripts);
    }

    [StapFact]
    public void Stap_errors_in_a_base_probe_map_back_to_the_base()
    {
        var output = TestCompiler.Compile(("CountingBase.cs", Base.Replace("syscall.mkdir\"", "syscall.mkdirr\"", StringComparison.Ordinal)), ("Scripts.cs", Scripts));
        var script = output.Scripts[0];
        var (exitCode, _, stderr) = StapTool.Run(script.Text, 2, script.ClassName);
        Assert.NotEqual(0, exitCode);
        var mapped = StapErrorMapper.Map(stderr, script.FileName, script.Map).Where(d => !d.Span.IsNone).ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, d => Assert.Equal(("CountingBase.cs", 8, 12), (d.Span.FilePath, d.Span.Line, d.Span.Column)));
    }

    [Fact]
    public void Bases_of_bases_come_first_in_their_source_order()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public abstract class First : ProbeScript { static long a; [Probe("begin")] void A() => a = 1; }
            public abstract class Second : First { static long b; [Probe("begin")] void B() => b = 2; }
            public sealed class Third : Second { static long c; [Probe("end")] void C() => Println(c); }
            """);
        Assert.Contains("global a\nglobal b\nglobal c\n", script.Text, StringComparison.Ordinal);
        Assert.True(script.Text.IndexOf("a = 1", StringComparison.Ordinal) < script.Text.IndexOf("b = 2", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Cases() => new()
    {
        // Virtual dispatch: stap cannot choose a body by the object's class.
        {
            "STAP0011",
            """
            public abstract class Filtered : ProbeScript { [Probe("begin")] void B() { if (Wanted()) Println(1); } protected abstract bool Wanted(); }
            public sealed class T : Filtered { protected override bool /*@*/Wanted() => true; }
            """
        },
        // A field hiding a base field: two C# fields, one stap global.
        {
            "STAP0009",
            """
            public abstract class Counting : ProbeScript { protected static long count; [Probe("begin")] void B() => count++; }
            public sealed class T : Counting { new static long /*@*/count; [Probe("end")] void E() => Println(count); }
            """
        },
        // A generic base: its members would need the type arguments.
        {
            "STAP0001",
            """
            public abstract class /*@*/Keyed<TKey> : ProbeScript { static StapMap<TKey, long> counts = new(); }
            public sealed class T : Keyed<long> { [Probe("begin")] void B() => Println(1); }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void What_stap_cannot_inherit_is_reported_at_its_place(string id, string types) =>
        MarkedSource.AssertReported(id, TestCompiler.Usings + types);

    [Fact]
    public void The_advice_for_virtual_dispatch_compiles()
    {
        // STAP0011's advice: the probe in the derived class, calling a plain method.
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public abstract class Filtered : ProbeScript { protected static long seen; }
            public sealed class T : Filtered
            {
                static bool Wanted() => true;
                [Probe("begin")] void B() { if (Wanted()) seen++; }
            }
            """);
        Assert.Contains("if (Wanted())", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_compiled_elsewhere_is_reported_at_the_script()
    {
        var library = CSharpCompilation.Create("Library",
            [CSharpSyntaxTree.ParseText(TestCompiler.Usings + "public abstract class Precompiled : ProbeScript { [Probe(\"begin\")] void B() => Println(1); }")],
            ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var marked = TestCompiler.Usings + "public sealed class /*@*/T : Precompiled { [Probe(\"end\")] void E() => Println(2); }\n";
        var references = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location).Append(MetadataReference.CreateFromImage(image.ToArray()));
        var output = ScriptCompiler.CompileSources([("Script.cs", MarkedSource.Unmarked(marked))], references);
        var (line, column) = MarkedSource.Position(marked);
        Assert.Contains(output.Diagnostics, d => d.Id == "STAP0001" && d.Span.Line == line && d.Span.Column == column);
        Assert.Empty(output.Scripts);
    }
}
