// Source: systemtap
// Original: tapset/livepatch.stp
// Area: tapset
// Faithful: no
// Differs: the Prometheus metric is named "cve" where the original names it after the module at run time (cve_id):
// Differs: the dump pastes its name unescaped into the exposition text, so StapSharp takes a constant Prometheus name.
// Differs: the macro @cve_probe_procfs_parameter(glbl, f_name) is written out as the 8 procfs probes it expands to.
using StapSharp;
using static StapSharp.Stap;

/// <summary>The livepatch tapset: a mitigation's switches as procfs files, its metrics for Prometheus, and a timed re-enable.</summary>
public sealed class LivePatch : ProbeScript
{
    static string cve_id = "";
    static long cve_load_time;

    static long cve_notify_p = 1;
    static long cve_fix_p = 1;
    static long cve_trace_p = 1;
    static long cve_enabled_p = 1;
    static long cve_tmpdisabled_s = -1;

    [Probe("begin")]
    void Begin()
    {
        cve_id = ModuleName();
        cve_load_time = GetTimeOfDayS();

        if (cve_notify_p != 0)
            Printf("%s mitigation loaded\n", cve_id);
    }

    [Probe("end")]
    [Probe("error")]
    void Unloaded()
    {
        if (cve_notify_p != 0)
            Printf("%s mitigation unloaded\n", cve_id);
    }

    // Parameter reading and updating: the original's @cve_probe_procfs_parameter(glbl, f_name), once per switch.
    [Probe("procfs(\"cve_notify_p\").read")]
    void NotifyRead([Target] ref string value) { value = Sprintf("%d\n", cve_notify_p); }

    [Probe("procfs(\"cve_notify_p\").write")]
    void NotifyWrite([Target] string value) { cve_notify_p = StrToL(value, 10); }

    [Probe("procfs(\"cve_trace_p\").read")]
    void TraceRead([Target] ref string value) { value = Sprintf("%d\n", cve_trace_p); }

    [Probe("procfs(\"cve_trace_p\").write")]
    void TraceWrite([Target] string value) { cve_trace_p = StrToL(value, 10); }

    [Probe("procfs(\"cve_fix_p\").read")]
    void FixRead([Target] ref string value) { value = Sprintf("%d\n", cve_fix_p); }

    [Probe("procfs(\"cve_fix_p\").write")]
    void FixWrite([Target] string value) { cve_fix_p = StrToL(value, 10); }

    [Probe("procfs(\"cve_enabled_p\").read")]
    void EnabledRead([Target] ref string value) { value = Sprintf("%d\n", cve_enabled_p); }

    [Probe("procfs(\"cve_enabled_p\").write")]
    void EnabledWrite([Target] string value) { cve_enabled_p = StrToL(value, 10); }

    [Probe("procfs(\"cve_tmpdisabled_s\").read")]
    void TmpDisabledRead([Target] ref string value) { value = Sprintf("%d\n", cve_tmpdisabled_s); }

    [Probe("procfs(\"cve_tmpdisabled_s\").write")]
    void TmpDisabledWrite([Target] string value)
    {
        cve_tmpdisabled_s = StrToL(value, 10);
        if (cve_tmpdisabled_s > 0)
            cve_enabled_p = 0; // trigger temporary disable
    }

    // The metric accumulation and prometheus
    static readonly StapMap<string, long> cve_metrics = new();

    /// <summary>Increments the count of the metric <paramref name="key"/> by 1.</summary>
    static void cve_count_metric(string key)
    {
        cve_metrics[key]++;
    }

    /// <summary>Sets the value of the metric <paramref name="key"/>.</summary>
    static void cve_record_metric(string key, long value)
    {
        cve_metrics[key] = value;
    }

    [Probe("prometheus")]
    void Prometheus([Target] ref string value)
    {
        cve_record_metric("runtime", GetTimeOfDayS() - cve_load_time);
        PrometheusDumpArray1(ref value, cve_metrics, "cve", "metric");
    }

    // Disabling the patch
    [Probe("timer.s(1)")]
    void Tick()
    {
        if (cve_enabled_p == 0 && cve_tmpdisabled_s >= 0)
        {
            if (cve_tmpdisabled_s > 0)
            {
                cve_tmpdisabled_s--;
            }
            else
            {
                if (cve_notify_p != 0)
                    Printf("%s reenabling\n", cve_id);
                cve_enabled_p = 1;
                cve_tmpdisabled_s = -1;
            }
        }
    }

    /// <summary>Disables the livepatch's conditionals for <paramref name="duration"/> seconds; -1 until re-enabled.</summary>
    static void cve_tmpdisable(long duration)
    {
        if (cve_notify_p != 0)
            Printf("%s disabling temporarily\n", cve_id);
        cve_enabled_p = 0;
        cve_tmpdisabled_s = duration;
    }
}
