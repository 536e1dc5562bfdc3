using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.CodeFixes;

namespace StapSharp.Analyzers.Tests.Analysis;

public class RemovedProbePointTests
{
    [Fact]
    public async Task Sys_mkdir_entry_and_return_become_the_syscall_alias()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                [Probe({|#0:"kernel.function(\"sys_mkdir\")"|})]
                void Enter() => Println("enter");

                [Probe({|#1:@"kernel.function(""sys_mkdir"").return ?"|})]
                void Exit() => Println("exit");
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter() => Println("enter");

                [Probe("syscall.mkdir.return ?")]
                void Exit() => Println("exit");
            }
            """;
        await Verifier<RemovedProbePointAnalyzer>.CodeFixAsync<SyscallProbePointCodeFix>(source, fixedSource,
            Verifier<RemovedProbePointAnalyzer>.Diagnostic("STAP0401").WithLocation(0)
                .WithArguments("kernel.function(\"sys_mkdir\")", "mkdir", "syscall.mkdir"),
            Verifier<RemovedProbePointAnalyzer>.Diagnostic("STAP0401").WithLocation(1)
                .WithArguments("kernel.function(\"sys_mkdir\").return ?", "mkdir", "syscall.mkdir.return ?"));
    }

    [Fact]
    public async Task The_whole_sys_family_and_a_condition_are_kept()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                static long on = 1;

                [Probe({|STAP0401:"kernel.function(\"sys_*\") if (on)"|})]
                void Any() => Println(ProbeFunction());
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Trace : ProbeScript
            {
                static long on = 1;

                [Probe("syscall.* if (on)")]
                void Any() => Println(ProbeFunction());
            }
            """;
        await Verifier<RemovedProbePointAnalyzer>.CodeFixAsync<SyscallProbePointCodeFix>(source, fixedSource);
    }

    [Theory]
    [InlineData("kernel.function(\\\"vfs_read\\\")")]
    [InlineData("kernel.function(\\\"__x64_sys_mkdir\\\")")]
    [InlineData("syscall.mkdir")]
    [InlineData("kernel.function(\\\"sys_mkdir@fs/namei.c\\\")")]
    public async Task Other_points_are_not_reported(string point)
    {
        var source = ProbeSources.Usings + $$"""
            public sealed partial class Trace : ProbeScript
            {
                [Probe("{{point}}")]
                void Hit() => Println("hit");
            }
            """;
        await Verifier<RemovedProbePointAnalyzer>.AnalyzerAsync(source);
    }
}
