using System.Text.RegularExpressions;

namespace StapSharp.TapsetGenerator;

/// <summary>A parameter of a tapset function: its stap name and type (long, string or unknown).</summary>
internal sealed record TapsetParameter(string Name, string Type);

/// <summary>
/// One line of <c>stap --dump-functions</c>: <c>name:type (p:type, ...) /* privilege */</c>. "unknown" is a
/// type the tapset does not declare; the privilege comment is absent when the function needs stapdev.
/// </summary>
internal sealed record TapsetSignature(string Name, string Result, IReadOnlyList<TapsetParameter> Parameters, string? Privilege)
{
    public const string Unknown = "unknown";

    private static readonly Regex Line = new(
        @"^(?<name>[A-Za-z_][A-Za-z0-9_]*):(?<result>\w+) \((?<parameters>[^)]*)\)\s*(/\*\s*(?<privilege>[^*]*?)\s*\*/)?\s*$");

    /// <summary>Internal functions (a leading underscore) are not part of the tapset's API.</summary>
    public bool IsInternal => Name.StartsWith('_');

    public bool HasUnknownType => Result == Unknown || Parameters.Any(p => p.Type == Unknown);

    public static TapsetSignature? Parse(string line)
    {
        var match = Line.Match(line.TrimEnd());
        if (!match.Success)
        {
            return null;
        }

        var text = match.Groups["parameters"].Value;
        var parameters = text.Length == 0
            ? []
            : text.Split(", ").Select(p => p.Split(':')).Select(p => new TapsetParameter(p[0], p.Length > 1 ? p[1] : Unknown)).ToList();
        var privilege = match.Groups["privilege"].Success ? match.Groups["privilege"].Value : null;
        return new TapsetSignature(match.Groups["name"].Value, match.Groups["result"].Value, parameters, privilege);
    }

    public static IReadOnlyList<TapsetSignature> ParseDump(string dump) =>
        dump.Split('\n').Select(Parse).OfType<TapsetSignature>().ToList();

    /// <summary>The same function with the types stap resolved for it.</summary>
    public TapsetSignature WithTypes(string result, IReadOnlyList<string> parameterTypes) =>
        this with { Result = result, Parameters = Parameters.Zip(parameterTypes, (p, t) => p with { Type = t }).ToList() };

    public override string ToString() =>
        $"{Name}:{Result} ({string.Join(", ", Parameters.Select(p => $"{p.Name}:{p.Type}"))})" + (Privilege is null ? "" : $" /* {Privilege} */");
}
