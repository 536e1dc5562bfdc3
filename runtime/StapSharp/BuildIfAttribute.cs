namespace StapSharp;

/// <summary>
/// On a probe method or a static field: declared only when a build-time condition holds, stap's
/// <c>%( condition %? declaration %)</c>. The argument names a static <c>bool</c> property of the script whose
/// body is the condition, written with <see cref="Kernel"/> facts as in an <c>if</c>; <c>Otherwise = true</c>
/// declares it when the condition does not hold (stap's <c>%:</c> branch), for an alternative to the first.
/// <code>
/// static bool HasNuma => Kernel.Config("CONFIG_NUMA") == "y";
///
/// [BuildIf(nameof(HasNuma))] static readonly StapMap&lt;long, long&gt; nodes = new();   // %( CONFIG_NUMA == "y" %? global nodes %)
///
/// [BuildIf(nameof(HasNuma))]
/// [Probe("kernel.trace(\"mm_numa_migrate_ratelimit\")")] void Migrate() => nodes[Var.Long("dst_nid")]++;
///
/// [BuildIf(nameof(HasNuma), Otherwise = true)]
/// [Probe("begin")] void NoNuma() => Println("no NUMA");                             // %( CONFIG_NUMA != "y" %? probe begin ... %)
/// </code>
/// A declaration used by another must be declared under the same condition: a probe built without a condition
/// cannot use a global built only under one.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Field, Inherited = false)]
public sealed class BuildIfAttribute : Attribute
{
    public BuildIfAttribute(string condition) => Condition = condition;

    /// <summary>The name of the script's static bool property that holds the condition: <c>nameof(HasNuma)</c>.</summary>
    public string Condition { get; }

    /// <summary>Declared when the condition does not hold: the alternative, stap's <c>%:</c>.</summary>
    public bool Otherwise { get; set; }
}
