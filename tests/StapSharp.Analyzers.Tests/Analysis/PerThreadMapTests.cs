using StapSharp.Analyzers.Tests.Support;
using StapSharp.Generators.Analysis;
using StapSharp.Generators.CodeFixes;

namespace StapSharp.Analyzers.Tests.Analysis;

public class PerThreadMapTests
{
    [Fact]
    public async Task An_entry_time_never_removed_is_removed_in_the_matching_return_probe()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Latency : ProbeScript
            {
                static readonly StapMap<long, long> startedAt = new();

                [Probe("syscall.read")]
                void Enter() { {|#0:startedAt[Tid()]|} = GetTimeOfDayNs(); }

                [Probe("syscall.write.return")]
                void OtherExit() => Println("write");

                [Probe("syscall.read.return")]
                void Exit() => Println($"{GetTimeOfDayNs() - startedAt[Tid()]}");
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Latency : ProbeScript
            {
                static readonly StapMap<long, long> startedAt = new();

                [Probe("syscall.read")]
                void Enter() { startedAt[Tid()] = GetTimeOfDayNs(); }

                [Probe("syscall.write.return")]
                void OtherExit() => Println("write");

                [Probe("syscall.read.return")]
                void Exit()
                {
                    Println($"{GetTimeOfDayNs() - startedAt[Tid()]}");
                    startedAt.Remove(Tid());
                }
            }
            """;
        await Verifier<PerThreadMapAnalyzer>.CodeFixAsync<RemoveOnReturnCodeFix>(source, fixedSource,
            Verifier<PerThreadMapAnalyzer>.Diagnostic("STAP0403").WithLocation(0).WithArguments("startedAt", "Tid()"));
    }

    [Fact]
    public async Task A_block_bodied_return_probe_gets_the_removal_last()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Latency : ProbeScript
            {
                static readonly StapMap<long, string> name = new();

                [Probe("syscall.open")]
                void Enter(string filename) => {|STAP0403:name[Stap.Tid()]|} = filename;

                [Probe("syscall.open.return")]
                void Exit()
                {
                    Println(name[Stap.Tid()]);
                }
            }
            """;
        const string fixedSource = ProbeSources.Usings + """
            public sealed partial class Latency : ProbeScript
            {
                static readonly StapMap<long, string> name = new();

                [Probe("syscall.open")]
                void Enter(string filename) => name[Stap.Tid()] = filename;

                [Probe("syscall.open.return")]
                void Exit()
                {
                    Println(name[Stap.Tid()]);
                    name.Remove(Stap.Tid());
                }
            }
            """;
        await Verifier<PerThreadMapAnalyzer>.CodeFixAsync<RemoveOnReturnCodeFix>(source, fixedSource);
    }

    [Fact]
    public async Task Removed_cleared_per_process_or_without_a_return_probe_is_not_reported()
    {
        const string source = ProbeSources.Usings + """
            public sealed partial class Removed : ProbeScript
            {
                static readonly StapMap<long, long> startedAt = new();
                static readonly StapMap<long, long> cleared = new();
                static readonly StapMap<long, long> perProcess = new();

                [Probe("syscall.read")]
                void Enter()
                {
                    startedAt[Tid()] = GetTimeOfDayNs();
                    cleared[Tid()] = 1;
                    perProcess[Pid()] = 1;
                }

                [Probe("syscall.read.return")]
                void Exit()
                {
                    if (!startedAt.ContainsKey(Tid()))
                        return;
                    startedAt.Remove(Tid());
                }

                [Probe("timer.s(10)")]
                void Tick() => cleared.Clear();
            }

            public sealed partial class NoReturn : ProbeScript
            {
                static readonly StapMap<long, long> reads = new();

                [Probe("syscall.read")]
                void Enter() => reads[Tid()] += 1;
            }
            """;
        await Verifier<PerThreadMapAnalyzer>.AnalyzerAsync(source);
    }
}
