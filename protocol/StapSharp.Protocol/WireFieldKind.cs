namespace StapSharp.Protocol;

/// <summary>How one event field travels (the field codes of a <c>T</c> line, runtime/StapSharp/WIRE-FORMAT.md).</summary>
public enum WireFieldKind
{
    /// <summary><c>i64</c>: a long.</summary>
    Int64,
    /// <summary><c>i32</c>: an int.</summary>
    Int32,
    /// <summary><c>u64</c>: a ulong (above 2^63 it arrives negative).</summary>
    UInt64,
    /// <summary><c>bool</c>: 0 or 1.</summary>
    Boolean,
    /// <summary><c>str</c>: its byte length (4 bytes), then its bytes: any byte but NUL.</summary>
    String,
    /// <summary><c>errno</c>: a StapSharp.Errno, as the probe saw it.</summary>
    Errno,
    /// <summary><c>enum:&lt;EnumFullName&gt;</c>: an enum's integral value.</summary>
    Enum,
}

/// <summary>The field codes: each <see cref="WireFieldKind"/>'s spelling in a <c>T</c> line.</summary>
public static class WireFieldCodes
{
    /// <summary>What an enum field's code starts with; the enum's full name follows.</summary>
    public const string EnumPrefix = "enum:";

    /// <summary>The code of a field of <paramref name="kind"/>; <paramref name="enumFullName"/> only for <see cref="WireFieldKind.Enum"/>.</summary>
    public static string Of(WireFieldKind kind, string? enumFullName = null) => kind switch
    {
        WireFieldKind.Int64 => "i64",
        WireFieldKind.Int32 => "i32",
        WireFieldKind.UInt64 => "u64",
        WireFieldKind.Boolean => "bool",
        WireFieldKind.String => "str",
        WireFieldKind.Errno => "errno",
        WireFieldKind.Enum when !string.IsNullOrEmpty(enumFullName) => EnumPrefix + enumFullName,
        WireFieldKind.Enum => throw new ArgumentException("an enum field's code names its enum", nameof(enumFullName)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such field kind"),
    };

    /// <summary>The kind a code spells; false for anything else.</summary>
    public static bool TryParse(string code, out WireFieldKind kind)
    {
        kind = code switch
        {
            "i64" => WireFieldKind.Int64,
            "i32" => WireFieldKind.Int32,
            "u64" => WireFieldKind.UInt64,
            "bool" => WireFieldKind.Boolean,
            "str" => WireFieldKind.String,
            "errno" => WireFieldKind.Errno,
            _ when code.StartsWith(EnumPrefix, StringComparison.Ordinal) && code.Length > EnumPrefix.Length => WireFieldKind.Enum,
            _ => (WireFieldKind)(-1),
        };
        return kind >= 0;
    }
}
