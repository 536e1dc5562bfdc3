using System.Collections.Generic;
using System.Globalization;

namespace StapSharp;

public readonly partial struct Errno
{
    /// <summary>The highest error number Linux defines (EHWPOISON).</summary>
    public const int MaxKnownNumber = 133;

    /// <summary>Every defined error number in ascending order (1..133 without the unassigned 41 and 58).</summary>
    public static IReadOnlyList<Errno> All => Array.ConvertAll(Catalog.Table, entry => new Errno(entry.Number));

    /// <summary>The second names the headers give a number (<c>EWOULDBLOCK</c> is <c>EAGAIN</c>, <c>EDEADLOCK</c> is <c>EDEADLK</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, Errno>> Aliases =>
        Array.ConvertAll(Catalog.AliasTable, alias => new KeyValuePair<string, Errno>(alias.Alias, new Errno(alias.Number)));

    /// <summary>True when <see cref="Number"/> is a defined Linux error number.</summary>
    public bool IsKnown => Entry is not null;

    /// <summary>The symbolic name (<c>EEXIST</c>); null for 0 and for numbers Linux does not define.</summary>
    public string? Name => Entry?.Name;

    /// <summary>
    /// glibc's <c>strerror</c> text ("File exists"); "Success" for 0 and "Unknown error N" for numbers
    /// Linux does not define, as glibc prints them.
    /// </summary>
    public string Message => Entry?.Message
        ?? (Number == 0 ? "Success" : "Unknown error " + Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>"EEXIST (File exists)"; "0 (Success)"; "999 (Unknown error 999)".</summary>
    public override string ToString() =>
        (Name ?? Number.ToString(CultureInfo.InvariantCulture)) + " (" + Message + ")";

    /// <summary>The error with this symbolic name (aliases included, case-sensitive as in C).</summary>
    public static bool TryFromName(string name, out Errno errno)
    {
        if (name is not null && Catalog.ByName.TryGetValue(name, out var number))
        {
            errno = new Errno(number);
            return true;
        }

        errno = default;
        return false;
    }

    /// <summary>
    /// Reads a name (<c>EIO</c>, <c>eio</c>, <c>EWOULDBLOCK</c>) or a number, positive or negative
    /// (<c>5</c>, <c>-5</c>). A number parses even when Linux does not define it; see <see cref="IsKnown"/>.
    /// </summary>
    public static bool TryParse(string? text, out Errno errno)
    {
        errno = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value is < -int.MaxValue or > int.MaxValue)
            {
                return false;
            }

            errno = new Errno(value);
            return true;
        }

        return TryFromName(trimmed!.ToUpperInvariant(), out errno);
    }

    /// <summary>As <see cref="TryParse"/>, throwing a <see cref="FormatException"/> that says what was expected.</summary>
    public static Errno Parse(string text) => TryParse(text, out var errno)
        ? errno
        : throw new FormatException(
            $"'{text}' is not an error number or name: write a number (5 or -5) or a name such as EIO");

    private ErrnoEntry? Entry => Number is > 0 and <= MaxKnownNumber ? Catalog.ByNumber[Number] : null;
}
