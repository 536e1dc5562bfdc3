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
                "count", "count", "in the entry probe, kept per thread until the return (the code fix writes it)"));
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
    public void The_entry_point_is_the_return_point_without_return(string returnPoint, string? entryPoint) =>
        Assert.Equal(entryPoint, ReturnProbeTargetAnalyzer.EntryPointOf(returnPoint));
}
