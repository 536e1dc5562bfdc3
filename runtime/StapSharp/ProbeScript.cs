namespace StapSharp;

/// <summary>
/// Base class of a probe script. Each non-abstract class deriving from it becomes one <c>.stp</c> file:
/// static fields become globals, methods marked <see cref="ProbeAttribute"/> become probes, and
/// other methods become stap functions.
/// </summary>
public abstract class ProbeScript
{
}
