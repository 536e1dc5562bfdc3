using System.Globalization;
using System.Text;

namespace StapSharp.Protocol;

/// <summary>The wire format's hashes: FNV-1a 64 over UTF-8, written as 16 lowercase hex digits.</summary>
public static class WireHash
{
    private const ulong OffsetBasis = 0xcbf29ce484222325;
    private const ulong Prime = 0x100000001b3;

    /// <summary>FNV-1a 64 of <paramref name="text"/>'s UTF-8 bytes, as 16 lowercase hex digits.</summary>
    public static string Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The text a type hash covers: <c>&lt;typeFullName&gt;|&lt;name&gt;:&lt;code&gt;|...</c>, fields in constructor order.</summary>
    public static string TypeText(string typeFullName, IEnumerable<(string Name, string Code)> fields) =>
        string.Join('|', fields.Select(f => $"{f.Name}:{f.Code}").Prepend(typeFullName));

    /// <summary>The type hash: over <see cref="TypeText"/>.</summary>
    public static string OfType(string typeFullName, IEnumerable<(string Name, string Code)> fields) => Of(TypeText(typeFullName, fields));

    /// <summary>The script hash: over the type hashes joined by '|' in id order.</summary>
    public static string OfScript(IEnumerable<string> typeHashes) => Of(string.Join('|', typeHashes));
}
