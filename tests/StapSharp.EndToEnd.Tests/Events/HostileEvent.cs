namespace StapSharp.EndToEnd.Tests.Events;

/// <summary>An enum of a narrow, signed underlying type: the host narrows the 64-bit value as C# does.</summary>
public enum Shade : short
{
    Dark = -3,
    Light = 7,
}

/// <summary>
/// The record the round-trip test emits from a real module. The probe script that sends it declares
/// the same record (same namespace, same fields), so the module's type hash matches this one.
/// </summary>
public sealed record HostileEvent(long Id, string Text, int Small, ulong Big, bool Flag, Errno Error, Shade Shade, string Other);
