namespace StapSharp;

// Time: clocks and stopwatches (tapset/linux/timestamp*.stp, stopwatch.stp, tzinfo.stp).
public static partial class Stap
{
    /// <summary><c>local_clock_us()</c>: this CPU's monotonic clock, in microseconds (cheap; not comparable across CPUs).</summary>
    [StapFunction("local_clock_us")] public static long LocalClockUs() => StapOnlyException.Throw<long>();

    /// <summary><c>local_clock_ms()</c>.</summary>
    [StapFunction("local_clock_ms")] public static long LocalClockMs() => StapOnlyException.Throw<long>();

    /// <summary><c>local_clock_s()</c>.</summary>
    [StapFunction("local_clock_s")] public static long LocalClockS() => StapOnlyException.Throw<long>();

    /// <summary><c>cpu_clock_ns(cpu)</c>: the monotonic clock of a given CPU, in nanoseconds.</summary>
    [StapFunction("cpu_clock_ns")] public static long CpuClockNs(long cpu) => StapOnlyException.Throw<long>();

    /// <summary><c>cpu_clock_us(cpu)</c>.</summary>
    [StapFunction("cpu_clock_us")] public static long CpuClockUs(long cpu) => StapOnlyException.Throw<long>();

    /// <summary><c>get_cycles()</c>: the processor's cycle counter.</summary>
    [StapFunction("get_cycles")] public static long GetCycles() => StapOnlyException.Throw<long>();

    /// <summary><c>tz_ctime(epochSeconds)</c>: a time as text in the host's time zone (where <see cref="CTime(long)"/> is UTC).</summary>
    [StapFunction("tz_ctime")] public static string TzCTime(long epochSeconds) => StapOnlyException.Throw<string>();

    /// <summary><c>start_stopwatch(name)</c>: starts (or resumes) a named stopwatch.</summary>
    [StapFunction("start_stopwatch")] public static void StartStopwatch(string name) => StapOnlyException.Throw<bool>();

    /// <summary><c>stop_stopwatch(name)</c>.</summary>
    [StapFunction("stop_stopwatch")] public static void StopStopwatch(string name) => StapOnlyException.Throw<bool>();

    /// <summary><c>read_stopwatch_us(name)</c>: the stopwatch's running total, in microseconds.</summary>
    [StapFunction("read_stopwatch_us")] public static long ReadStopwatchUs(string name) => StapOnlyException.Throw<long>();

    /// <summary><c>read_stopwatch_ns(name)</c>.</summary>
    [StapFunction("read_stopwatch_ns")] public static long ReadStopwatchNs(string name) => StapOnlyException.Throw<long>();

    /// <summary><c>delete_stopwatch(name)</c>.</summary>
    [StapFunction("delete_stopwatch")] public static void DeleteStopwatch(string name) => StapOnlyException.Throw<bool>();
}
