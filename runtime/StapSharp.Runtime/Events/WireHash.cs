using System.Text;

namespace StapSharp.Runtime.Events;

/// <summary>The wire format's hashes: 16 lowercase hex digits of FNV-1a 64 over UTF-8.</summary>
public static class WireHash
{
    /// <summary>FNV-1a 64 of <paramref name="text"/>'s UTF-8 bytes, as 16 lowercase hex digits.</summary>
    public static string Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 1099511628211UL;
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The type hash: over <c>&lt;typeFullName&gt;|&lt;name&gt;:&lt;code&gt;|...</c>, fields in constructor order.</summary>
    public static string OfType(string typeFullName, IEnumerable<(string Name, string Code)> fields) =>
        Of(string.Join('|', fields.Select(f => $"{f.Name}:{f.Code}").Prepend(typeFullName)));

    /// <summary>The script hash: over the type hashes joined by '|' in id order.</summary>
    public static string OfScript(IEnumerable<string> typeHashes) => Of(string.Join('|', typeHashes));
}
