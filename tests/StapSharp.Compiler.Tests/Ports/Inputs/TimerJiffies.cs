// Source: lukaswoodtli
// Original: 3_Analysis/timer-jiffies.stp
// Area: profiling
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The kernel's CONFIG_HZ, measured: jiffy timer ticks against millisecond timer ticks over 12 seconds.</summary>
public sealed class TimerJiffies : ProbeScript
{
    static long count_jiffies;
    static long count_ms;

    [Probe("timer.jiffies(100)")]
    void Jiffies() => count_jiffies++;

    [Probe("timer.ms(100)")]
    void Milliseconds() => count_ms++;

    [Probe("timer.ms(12345)")]
    void Report()
    {
        var hz = (1000 * count_jiffies) / count_ms;
        Printf("jiffies::ms ration %d:%d => CONFIG_HZ=%d\n", count_jiffies, count_ms, hz);
        Exit();
    }
}
