using System.Text;

namespace StapSharp.Compiler.Events;

/// <summary>The wire format's hash: FNV-1a 64 over the UTF-8 bytes of a text, printed as 16 lowercase hex digits.</summary>
public static class EventHash
{
    private const ulong OffsetBasis = 0xcbf29ce484222325;
    private const ulong Prime = 0x100000001b3;

    public static ulong Fnv1a64(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }

    public static string Hex(ulong hash) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
