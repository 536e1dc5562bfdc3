using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.CodeFixes;

namespace StapSharp.Analyzers.Tests.Analysis;

public class ReturnProbeTargetTests
{
    [Fact]
    public async Task A_parameter_read_on_return_is_read_at_entry_and_kept_per_thread()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Reads : ProbeScript
            {
                static long total;

                [Probe("kernel.function(\"vfs_read\").return")]
                void Returned([Target("return")] long ret, [Target] long {|#0:count|}) => Println($"{count} -> {ret}");
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Reads : ProbeScript
            {
                static long total;
                static readonly StapMap<long, long> countAtEntry = new();

                [Probe("kernel.function(\"vfs_read\")")]
                void ReturnedEntry([Target] long count)
                {
                    countAtEntry[Tid()] = count;
                }

                [Probe("kernel.function(\"vfs_read\").return")]
                void Returned([Target("return")] long ret)
                {
                    long count = countAtEntry[Tid()];
                    countAtEntry.Remove(Tid());
                    Println($"{count} -> {ret}");
                }
            }
            """;
        await Verifier<ReturnProbeTargetAnalyzer>.CodeFixAsync<ReadAtEntryCodeFix>(source, fixedSource,
            Verifier<ReturnProbeTargetAnalyzer>.Diagnostic("STAP0402").WithLocation(0).WithArguments(
                "count", "count", "Entry(Var.Long(\"count\"))"));
    }

    [Fact]
    public async Task A_long_parameter_becomes_an_explicit_entry_read_that_translates_to_at_entry()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Reads : ProbeScript
            {
                [Probe("kernel.function(\"vfs_read\").return")]
                void Returned([Target("return")] long ret, [Target("file->f_flags")] long {|#0:flags|}) => Println($"{flags} -> {ret}");
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Reads : ProbeScript
            {
                [Probe("kernel.function(\"vfs_read\").return")]
                void Returned([Target("return")] long ret)
                {
                    long flags = Entry(Var.Long("file->f_flags"));
                    Println($"{flags} -> {ret}");
                }
            }
            """;
        await Verifier<ReturnProbeTargetAnalyzer>.CodeFixAsync<UseEntryCodeFix>(source, fixedSource,
            Verifier<ReturnProbeTargetAnalyzer>.Diagnostic("STAP0402").WithLocation(0).WithArguments(
                "flags", "file->f_flags", "Entry(Var.Long(\"file->f_flags\"))"));

        var translated = StapSharp.Compiler.ScriptCompiler.CompileSources([("Reads.cs", fixedSource)], ProbeSources.References.Value);
        Assert.False(translated.HasErrors, string.Join("\n", translated.Diagnostics));
        Assert.Contains("@entry($file->f_flags)", Assert.Single(translated.Scripts).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_parameter_is_offered_the_per_thread_map_only()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Names : ProbeScript
            {
                [Probe("kernel.function(\"do_sys_open\").return")]
                void Opened([Target] string {|#0:filename|}) => Println(filename);
            }
            """;
        await Verifier<ReturnProbeTargetAnalyzer>.CodeFixAsync<UseEntryCodeFix>(source, source,
            Verifier<ReturnProbeTargetAnalyzer>.Diagnostic("STAP0402").WithLocation(0).WithArguments(
                "filename", "filename", "a read in the entry probe, kept per thread until the return (the code fix writes it)"));
    }

    [Fact]
    public async Task Return_values_alias_parameters_and_entry_probes_are_not_reported()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Fine : ProbeScript
            {
                [Probe("kernel.function(\"vfs_read\").return")]
                void Returned([Target("return")] long ret, [Target("return")] long again) => Println($"{ret} {again}");

                [Probe("syscall.read.return")]
                void AliasOnly(string retstr) => Println(retstr);

                [Probe("kernel.function(\"vfs_read\")")]
                void Entered([Target] long count) => Println($"{count}");
            }
            """;
        await Verifier<ReturnProbeTargetAnalyzer>.AnalyzerAsync(source);
    }

    [Theory]
    [InlineData("kernel.function(\"vfs_read\").return", "kernel.function(\"vfs_read\")")]
    [InlineData("process(\"/bin/ls\").function(\"main\").return ?", "process(\"/bin/ls\").function(\"main\") ?")]
    [InlineData("kernel.function(\"vfs_read\").return.maxactive(20)", null)]
    [InlineData("kernel.function(\"a\").return, kernel.function(\"b\").return", "kernel.function(\"a\"), kernel.function(\"b\")")]
    [InlineData("kernel.function(\"a\").return, kernel.function(\"b\")", null)]
    public void The_entry_point_is_the_return_point_without_return(string returnPoint, string? entryPoint) =>
        Assert.Equal(entryPoint, StapSharp.Compiler.ProbePoints.ProbePointFacts.EntryPointOf(returnPoint));
}
