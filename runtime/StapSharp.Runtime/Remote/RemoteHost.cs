using System.Globalization;
using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// One execution target reached over ssh: <c>ssh://[USER@]HOST[:PORT]</c> (or the same without <c>ssh://</c>).
/// Parsed strictly, since the parts end up on ssh's command line: the user is a POSIX login name, the host a DNS name,
/// an IPv4 address or a bracketed IPv6 address, the port a number; none of them can begin with '-' (an ssh option,
/// such as <c>-oProxyCommand=...</c>) or hold spaces, quotes, '%' escapes, a path, a query or a fragment.
/// </summary>
/// <param name="User">The login name; null for ssh's own choice (the current user or ~/.ssh/config's).</param>
/// <param name="Host">The host name or address (an IPv6 address without its brackets).</param>
/// <param name="Port">The ssh port; null for ssh's own choice (22 or ~/.ssh/config's).</param>
public sealed partial record RemoteHost(string? User, string Host, int? Port)
{
    /// <summary>The URL scheme the targets use.</summary>
    public const string Scheme = "ssh://";

    /// <summary>The longest target accepted (a DNS name is at most 253 characters).</summary>
    public const int MaxLength = 300;

    // A POSIX portable login name (useradd's default rule): no leading '-', at most 32 characters.
    [GeneratedRegex(@"\A[a-z_][a-z0-9_.-]{0,31}\z")]
    private static partial Regex UserName();

    // Labels of letters, digits and inner '-', joined by dots (RFC 1123); an IPv4 address is such a name too.
    [GeneratedRegex(@"\A(?=.{1,253}\z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?\z")]
    private static partial Regex HostName();

    [GeneratedRegex(@"\A[0-9A-Fa-f:.]{2,45}\z")]
    private static partial Regex Ipv6Characters();

    /// <summary>How the host is shown in output and reports: <c>[USER@]HOST[:PORT]</c>.</summary>
    public string Name =>
        (User is null ? "" : User + "@") + (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) +
        (Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>The target as an ssh URL.</summary>
    public override string ToString() => Scheme + Name;

    /// <summary>Reads a target; what it refuses is a <see cref="FormatException"/> whose message says what is wrong.</summary>
    /// <exception cref="FormatException">The text is not a valid ssh target.</exception>
    public static RemoteHost Parse(string text) =>
        TryParse(text, out var host, out var problem) ? host : throw new FormatException(problem);

    /// <summary>Reads a target, or says in <paramref name="problem"/> why it cannot.</summary>
    public static bool TryParse(string? text, out RemoteHost host, out string problem)
    {
        host = null!;
        problem = Check(text, out var parsed) ?? "";
        if (parsed is null)
        {
            return false;
        }

        host = parsed;
        return true;
    }

    private static string? Check(string? text, out RemoteHost? host)
    {
        host = null;
        if (string.IsNullOrEmpty(text))
        {
            return "an empty remote target: write ssh://[USER@]HOST[:PORT]";
        }

        var shown = Shown(text);
        if (text.Length > MaxLength)
        {
            return $"remote target {shown}: longer than {MaxLength} characters";
        }

        var rest = text;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            if (!text.StartsWith(Scheme, StringComparison.Ordinal))
            {
                return $"remote target {shown}: only ssh:// targets are supported";
            }

            rest = text[Scheme.Length..];
        }

        if (rest.IndexOfAny(['/', '?', '#']) >= 0)
        {
            return $"remote target {shown}: a target has no path, query or fragment; write ssh://[USER@]HOST[:PORT]";
        }

        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (!UserName().IsMatch(user))
            {
                return $"remote target {shown}: '{Shown(user, quote: false)}' is not a user name (lower-case letters, digits, '_', '.', '-', not first)";
            }
        }

        string hostPart;
        string? portPart = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return $"remote target {shown}: an IPv6 address needs its closing ']'";
            }

            hostPart = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return $"remote target {shown}: only ':PORT' can follow an IPv6 address";
                }

                portPart = after[1..];
            }

            if (!Ipv6Characters().IsMatch(hostPart) || !System.Net.IPAddress.TryParse(hostPart, out var address) ||
                address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return $"remote target {shown}: '{Shown(hostPart, quote: false)}' is not an IPv6 address";
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            hostPart = colon < 0 ? rest : rest[..colon];
            portPart = colon < 0 ? null : rest[(colon + 1)..];
            if (hostPart.Length == 0)
            {
                return $"remote target {shown}: the host is missing; write ssh://[USER@]HOST[:PORT]";
            }

            if (!HostName().IsMatch(hostPart))
            {
                return $"remote target {shown}: '{Shown(hostPart, quote: false)}' is not a host name or address " +
                       "(letters, digits, '-' inside a label, labels joined by '.'; an IPv6 address in [ ])";
            }
        }

        int? port = null;
        if (portPart is not null)
        {
            if (portPart.Length is 0 or > 5 || !portPart.All(char.IsAsciiDigit) ||
                int.Parse(portPart, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                return $"remote target {shown}: the port is a number from 1 to 65535";
            }

            port = int.Parse(portPart, CultureInfo.InvariantCulture);
        }

        host = new RemoteHost(user, hostPart, port);
        return null;
    }

    /// <summary>The user's text in a message: control characters escaped, so a message cannot be forged with them.</summary>
    private static string Shown(string text, bool quote = true)
    {
        var escaped = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return quote ? $"'{escaped}'" : escaped;
    }
}
