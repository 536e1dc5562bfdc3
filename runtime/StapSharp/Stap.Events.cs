namespace StapSharp;

public static partial class Stap
{
    /// <summary>
    /// Sends <paramref name="record"/> to the host as one typed event. The argument must be
    /// <c>new SomeRecord(...)</c> of a record whose constructor parameters are <c>long</c>, <c>int</c>,
    /// <c>ulong</c>, <c>bool</c>, <c>string</c>, an enum or <see cref="Errno"/>; the host receives it as
    /// that record (see runtime/StapSharp/WIRE-FORMAT.md).
    /// </summary>
    [StapFunction("__stapsharp_emit")]
    public static void Emit<TEvent>(TEvent record) => StapOnlyException.Throw<bool>();
}
