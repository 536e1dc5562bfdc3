using System.Globalization;

namespace StapSharp.Cli.Output;

/// <summary>An enum field: its integral value and, when the script's enum declares that value, the member's name.</summary>
internal readonly record struct EnumValue(long Value, string? Name)
{
    /// <summary>The name, or the number for a value the enum does not name (a combination of flags, say).</summary>
    public override string ToString() => Name ?? Value.ToString(CultureInfo.InvariantCulture);
}
