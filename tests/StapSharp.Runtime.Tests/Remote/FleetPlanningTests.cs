using StapSharp.Runtime.Fleet;
using StapSharp.Runtime.Remote;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Runtime.Tests.Remote;

public class FleetPlanningTests
{
    private static readonly RemoteHost A = new("root", "a", null), B = new("root", "b", null), C = new("root", "c", 2200);

    [Fact]
    public void One_build_per_distinct_release_in_the_order_releases_first_appear()
    {
        var plan = ReleaseBuildPlan.For([(A, "6.1.0-57-amd64"), (B, "6.12.9-amd64"), (C, "6.1.0-57-amd64")]);

        Assert.Equal(2, plan.Count);
        Assert.Equal("6.1.0-57-amd64", plan[0].Release);
        Assert.Equal([A, C], plan[0].Hosts);
        Assert.Equal([B], plan[1].Hosts);
    }

    [Fact]
    public void No_hosts_no_builds() => Assert.Empty(ReleaseBuildPlan.For([]));

    [Fact]
    public void A_release_that_could_be_an_option_is_refused() =>
        Assert.Throws<ArgumentException>(() => ReleaseBuildPlan.For([(A, "-p1 --x")]));

    [Fact]
    public void A_release_without_headers_here_is_not_built_and_its_fault_names_the_headers_package()
    {
        var target = ReleaseBuildPlan.TargetFor(new KernelInstall("6.1.0-99-cloud-amd64", null, null, "/boot/vmlinuz-6.1.0-99-cloud-amd64"), out var failure);

        Assert.Null(target);
        Assert.Equal("no kernel headers for 6.1.0-99-cloud-amd64 here: apt-get install linux-headers-6.1.0-99-cloud-amd64, or run with --install-headers", failure);
    }

    [Theory]
    [InlineData("/boot/vmlinuz-6.1.0-57-cloud-amd64", true)]
    [InlineData(null, false)]
    public void A_release_this_machine_can_boot_is_built_with_its_prepared_tree_else_with_its_headers_as_they_are(string? image, bool prepared)
    {
        var target = ReleaseBuildPlan.TargetFor(new KernelInstall("6.1.0-57-cloud-amd64", "/usr/src/linux-headers-6.1.0-57-cloud-amd64", null, image), out var failure);

        Assert.Null(failure);
        Assert.Equal(new TargetDecision(UsesVm: prepared, RunningRelease: "6.1.0-57-cloud-amd64", FallbackReason: null), target);
    }

    [Fact]
    public void The_offset_is_the_remote_clock_minus_the_midpoint_of_the_fastest_exchange()
    {
        // Remote ahead by 5 ms. The slow exchange (asymmetric: 30 ms out, 2 ms back) would say +19 ms.
        var slow = new ClockSample(1_000_000_000, 1_000_000_000 + 30_000_000 + 5_000_000, 1_032_000_000);
        var fast = new ClockSample(2_000_000_000, 2_000_000_000 + 1_000_000 + 5_000_000, 2_002_000_000);

        var offset = ClockOffset.Estimate([slow, fast]);

        Assert.Equal(5_000_000, offset.OffsetNs);
        Assert.Equal(1_000_000, offset.UncertaintyNs);
        Assert.Equal(2, offset.Samples);
        Assert.Equal(2_001_000_000, offset.ToLocalNs(2_006_000_000));
    }

    [Fact]
    public void A_clock_behind_has_a_negative_offset()
    {
        var offset = ClockOffset.Estimate([new ClockSample(10_000, 4_000, 12_000)]);

        Assert.Equal(-7_000, offset.OffsetNs);
        Assert.StartsWith("−", offset.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_offset_needs_a_sample_that_went_forward()
    {
        Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([]));
        Assert.Throws<ArgumentException>(() => ClockOffset.Estimate([new ClockSample(10, 5, 9)]));
    }

    [Fact]
    public async Task A_hosts_drops_are_counted_once_by_its_session_and_every_report_reads_that_count()
    {
        // staprun's messages about lost output reach the host's session, which counts them (and the items its reader dropped).
        await using var session = new EventSession(async (output, _) =>
        {
            await output.OnMessage("WARNING: There were 12 transport failures. Try stap -s to increase the buffer size from 16.");
            await output.OnMessage("WARNING: Number of errors: 0, skipped probes: 3");
            await output.OnMessage("ERROR: something else");
            return new RunResult(0, TimedOut: false, Cancelled: false, TimeSpan.Zero, TimeSpan.Zero);
        }, null, CancellationToken.None);
        var merge = new FleetMerge([new FleetHost(C.Name, 0, session)]);
        await foreach (var _ in merge.ReadRowsAsync())
        {
        }

        var summary = await session.Completion;
        var merged = Assert.Single(merge.Reports());
        var report = new RemoteHostRun(new HostIdentity(C, "6.1.0-57-amd64", null), "/tmp/m.ko", new SshSettings()).Report(merged);

        Assert.Equal((12L, 3L, 15L), (summary.TransportFailures, summary.SkippedProbes, summary.TotalDropped));
        Assert.Equal((15L, 2L), (merged.Dropped, merged.Warnings));
        Assert.Equal("root@c:2200: 6.1.0-57-amd64, clock unknown, 0 events, 15 drops, 2 warnings, 0 late, exit code 0", report.Summary);
    }

    [Fact]
    public void A_report_names_the_stage_and_reason_of_a_fault()
    {
        var report = new RemoteHostReport(A, null, null, null, 0, null, new HostFault(HostStage.Connect, "ssh could not connect: Connection refused"));

        Assert.Equal("root@a: release unknown, clock unknown, 0 events, 0 drops, 0 warnings, 0 late, FAILED connect: ssh could not connect: Connection refused", report.Summary);
    }

    [Fact]
    public void A_report_of_a_finished_host_gives_its_exit_code_and_counts()
    {
        var summary = new EventRunSummary(null, new Dictionary<string, long>(), 0, 3, 0, [], Dropped: 1, 0) { StapWarnings = 2 };
        var merged = new FleetHostReport("root@c:2200", -1_500_000, Events: 42, Messages: 3, Late: 4, Ended: true, Fault: null, summary);
        var report = new RemoteHostReport(C, "6.1.0-57-amd64", new ClockOffset(1_500_000, 200_000, 8), merged, merged.Warnings, 0, null);

        Assert.Equal("root@c:2200: 6.1.0-57-amd64, clock +1.5 ms ± 0.2 ms, 42 events, 1 drops, 2 warnings, 4 late, exit code 0", report.Summary);
    }
}
