namespace StapSharp;

/// <summary>
/// Marks a method as a probe handler. The argument is a SystemTap probe point, e.g.
/// <c>[Probe("syscall.mkdir")]</c> or <c>[Probe("kernel.function(\"vfs_read\").return ?")]</c>.
/// Several attributes on one method become one probe with a comma-separated point list, in order.
/// The point is parsed and re-printed by the compiler; it can never carry script text.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ProbeAttribute : Attribute
{
    public ProbeAttribute(string point) => Point = point;

    /// <summary>The probe point text.</summary>
    public string Point { get; }
}

/// <summary>
/// On a probe method's parameter: read the target (context) variable <c>$name</c> instead of the
/// alias variable of the same name. <c>[Target] long fd</c> reads <c>$fd</c>;
/// <c>[Target("return")] long ret</c> reads <c>$return</c>. A <c>ref</c> parameter is also written: in a
/// <c>procfs("name").read</c> probe, <c>[Target] ref string value</c> sets the file's text (<c>value = "..."</c>,
/// <c>value += "..."</c>); in a <see cref="GuruAttribute"/> script, <c>[Target] ref long fd</c> writes <c>$fd</c> (<c>fd = 0</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class TargetAttribute : Attribute
{
    public TargetAttribute() { }

    public TargetAttribute(string name) => Name = name;

    /// <summary>The target variable's name without the <c>$</c>; the parameter's name when null.</summary>
    public string? Name { get; }
}

/// <summary>
/// On a member of <see cref="Stap"/>: the name of the SystemTap function it stands for.
/// The compiler emits a call to that function; the member's body never runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class StapFunctionAttribute : Attribute
{
    public StapFunctionAttribute(string name) => Name = name;

    public string Name { get; }
}

/// <summary>
/// On a property of <see cref="Stap"/>: the name of the tapset global it reads (<c>argv_1</c>).
/// The compiler emits that name; the property's body never runs.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class StapGlobalAttribute : Attribute
{
    public StapGlobalAttribute(string name) => Name = name;

    public string Name { get; }
}
