using Microsoft.CodeAnalysis.CSharp;

namespace StapSharp.TapsetGenerator;

/// <summary>
/// C# names for tapset functions and their parameters.
/// <list type="bullet">
/// <item>A function is PascalCase, one capital per underscore-separated word (<c>inet_get_local_port</c> is
/// <c>InetGetLocalPort</c>, <c>AF_INET6</c> is <c>AFINET6</c>); a function the hand-written members already name
/// keeps their name, so its other overloads sit beside them.</item>
/// <item>A name already taken gets the suffix <c>Function</c>: taken by a hand-written member or type of
/// StapSharp, by a name C# code in Stap resolves through (<c>System</c>, <c>Microsoft</c>, <c>StapSharp</c>,
/// <c>Stap</c>) or a member of <c>object</c>, by a tapset function earlier in ordinal order, or, for an overload, by
/// a hand-written method of another stap function that takes as many arguments (<c>user_string(addr, err_msg)</c>
/// is <c>UserStringFunction</c>: <c>UserString(long, string)</c> is <c>user_string2</c>). A call can so never mean
/// two members.</item>
/// <item>A parameter is camelCase (<c>sk_family</c> is <c>skFamily</c>); a C# keyword gets an <c>@</c>.</item>
/// </list>
/// </summary>
internal sealed class ApiNames
{
    public const string CollisionSuffix = "Function";
    public const string GlobalCollisionSuffix = "Global";

    private static readonly string[] CSharpNames =
        ["System", "Microsoft", "StapSharp", "Stap", "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize"];

    private readonly HandWrittenApi _handWritten;
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public ApiNames(HandWrittenApi handWritten) => _handWritten = handWritten;

    /// <summary>The C# name of one overload of a tapset function.</summary>
    public string Of(string stapName, int arity)
    {
        var handWritten = _handWritten.CSharpNameOf(stapName);
        var name = handWritten ?? Pascal(stapName);
        foreach (var candidate in new[] { name, name + CollisionSuffix })
        {
            var owner = _owners.GetValueOrDefault(candidate);
            var taken = CSharpNames.Contains(candidate)
                || (owner is not null && owner != stapName)
                || (candidate != handWritten && _handWritten.TakenNames.Contains(candidate))
                || _handWritten.Overlaps(candidate, stapName, arity);
            if (!taken)
            {
                _owners[candidate] = stapName;
                return candidate;
            }
        }

        throw new InvalidOperationException($"no free C# name for the tapset function {stapName}: extend the naming rule in ApiNames.cs");
    }

    /// <summary>
    /// The C# name of a tapset global: PascalCase like a function's (<c>argv_1</c> is <c>Argv1</c>), with the suffix
    /// <c>Global</c> where a function, a hand-written member or an earlier global has the name.
    /// </summary>
    public string OfGlobal(string stapName)
    {
        foreach (var candidate in new[] { Pascal(stapName), Pascal(stapName) + GlobalCollisionSuffix })
        {
            if (!CSharpNames.Contains(candidate) && !_owners.ContainsKey(candidate) && !_handWritten.TakenNames.Contains(candidate))
            {
                _owners[candidate] = stapName;
                return candidate;
            }
        }

        throw new InvalidOperationException($"no free C# name for the tapset global {stapName}: extend the naming rule in ApiNames.cs");
    }

    public static string Parameter(string stapName)
    {
        var words = Words(stapName);
        var name = words.Count == 0 ? "value" : char.ToLowerInvariant(words[0][0]) + words[0][1..] + string.Concat(words.Skip(1).Select(Capitalized));
        return SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
    }

    private static string Pascal(string stapName) => string.Concat(Words(stapName).Select(Capitalized));

    private static List<string> Words(string name) => [.. name.Split('_', StringSplitOptions.RemoveEmptyEntries)];

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
