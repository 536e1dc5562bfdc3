namespace StapSharp;

/// <summary>
/// Facts about the kernel the script is built for, decided when the module is built (stap's
/// preprocessor), not when it runs. Use them as the whole condition of an <c>if</c> or of a
/// conditional expression, joined with <c>&amp;&amp;</c> and <c>||</c>; the branch not taken is not
/// even compiled, so it may name functions or target variables that kernel lacks:
/// <code>
/// if (Kernel.VersionAtLeast("5.10") &amp;&amp; Kernel.Arch == "x86_64") { ... } else { ... }
/// // %( kernel_v &gt;= "5.10" &amp;&amp; arch == "x86_64" %? ... %: ... %)
/// </code>
/// </summary>
public static class Kernel
{
    /// <summary><c>kernel_v &gt;= "version"</c>: the kernel version without the local suffix, e.g. "6.1.0".</summary>
    public static bool VersionAtLeast(string version) => StapOnlyException.Throw<bool>();

    /// <summary><c>kernel_v &lt; "version"</c>.</summary>
    public static bool VersionBelow(string version) => StapOnlyException.Throw<bool>();

    /// <summary><c>kernel_vr</c>: the full release, e.g. "6.1.0-56-amd64". Compare with == or != (wildcards allowed: "6.1.*").</summary>
    public static string Release => StapOnlyException.Throw<string>();

    /// <summary><c>arch</c>: the target architecture, e.g. "x86_64", "arm64". Compare with == or !=.</summary>
    public static string Arch => StapOnlyException.Throw<string>();

    /// <summary><c>CONFIG_NAME</c>: a kernel configuration option, e.g. <c>Kernel.Config("CONFIG_SMP") == "y"</c>.</summary>
    public static string Config(string option) => StapOnlyException.Throw<string>();

    /// <summary><c>systemtap_v &gt;= "version"</c>: the SystemTap version building the script (or the one given with --compatible).</summary>
    public static bool SystemTapAtLeast(string version) => StapOnlyException.Throw<bool>();

    /// <summary><c>runtime</c>: "kernel" or "bpf". Compare with == or !=.</summary>
    public static string Runtime => StapOnlyException.Throw<string>();

    /// <summary>
    /// <c>$#</c>: how many script arguments the module is built with (given after <c>--</c>). Compare it with a
    /// constant (&lt;, &lt;=, &gt;, &gt;=, ==, !=): <c>if (Kernel.ArgumentCount &lt; 1) { Error("usage: ..."); }</c>.
    /// </summary>
    public static long ArgumentCount => StapOnlyException.Throw<long>();

    /// <summary><c>guru_mode == 1</c>: the script is built with -g.</summary>
    public static bool GuruMode => StapOnlyException.Throw<bool>();
}
