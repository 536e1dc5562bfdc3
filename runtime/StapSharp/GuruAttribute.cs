namespace StapSharp;

/// <summary>
/// Opts a probe script into SystemTap's guru mode (<c>stap -g</c>): it may contain embedded C
/// (<see cref="EmbeddedCAttribute"/>), which runs unchecked in the kernel, and write target variables
/// (<c>Var.Set("fd", 0)</c>, a <c>[Target] ref</c> parameter). The generated script says so in its first
/// lines, and stapsharp builds it with -g. Without this attribute both are errors.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GuruAttribute : Attribute
{
}

/// <summary>
/// On a <c>static extern</c> method of a <see cref="GuruAttribute"/> script: the method is a stap
/// function whose body is this C code (<c>function name:long (x:long) %{ code %}</c>). Parameters are
/// <c>STAP_ARG_name</c>, the result <c>STAP_RETVALUE</c>; pragmas such as <c>/* pure */</c> go in the code.
/// On the <see cref="GuruAttribute"/> class itself: a top-level <c>%{ code %}</c> block, for the
/// <c>#include</c>s and helpers the functions share; several of them print in the order written.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddedCAttribute : Attribute
{
    public EmbeddedCAttribute(string code) => Code = code;

    public string Code { get; }
}
