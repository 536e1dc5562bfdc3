namespace StapSharp;

/// <summary>
/// Thrown if a member that only describes a SystemTap construct is called from ordinary .NET code.
/// Probe scripts are translated to .stp and run in the kernel, never as .NET code.
/// </summary>
public sealed class StapOnlyException : InvalidOperationException
{
    public StapOnlyException()
        : base("This member describes a SystemTap construct and only runs inside a probe script compiled by StapSharp.")
    {
    }

    internal static T Throw<T>() => throw new StapOnlyException();
}
