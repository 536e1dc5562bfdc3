namespace StapSharp;

/// <summary>
/// Makes a method a probe alias: <c>[ProbeAlias("opened", "syscall.openat")]</c> on a method is
/// <c>probe opened = syscall.openat { body }</c>, and <c>[Probe("opened")]</c> elsewhere uses it.
/// The body is a prologue, run before the handler of each probe that uses the alias; with
/// <see cref="Epilogue"/> it is <c>probe opened += ...</c>, run after. Locals the body declares keep
/// their names, so a probe using the alias reads them as parameters of that name. Several
/// attributes with the same name give the alias a point list.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class ProbeAliasAttribute : Attribute
{
    public ProbeAliasAttribute(string name, string point)
    {
        Name = name;
        Point = point;
    }

    /// <summary>The alias name, e.g. "opened" or "myfs.read".</summary>
    public string Name { get; }

    /// <summary>The probe point it stands for.</summary>
    public string Point { get; }

    /// <summary>Run the body after the user's handler (<c>+=</c>) instead of before it (<c>=</c>).</summary>
    public bool Epilogue { get; set; }
}
