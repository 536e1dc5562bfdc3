namespace StapSharp;

/// <summary>
/// A Linux error number as an event field: a probe's negative return code (e.g. -5) decodes to
/// <c>EIO</c> / "Input/output error" on the host. In a probe it is just the number.
/// </summary>
public readonly partial struct Errno : IEquatable<Errno>
{
    /// <param name="value">The value as the kernel returned it: -5 and 5 both mean EIO.</param>
    public Errno(long value) => Value = value;

    /// <summary>The value as seen in the probe, sign included.</summary>
    public long Value { get; }

    /// <summary>The error number, always positive (0 when the value was not an error).</summary>
    public int Number => Value < 0 ? (int)-Value : (int)Value;

    public bool Equals(Errno other) => Number == other.Number;

    public override bool Equals(object? obj) => obj is Errno other && Equals(other);

    public override int GetHashCode() => Number;
}
