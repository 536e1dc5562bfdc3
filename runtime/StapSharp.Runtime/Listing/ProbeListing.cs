using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Listing;

/// <summary>A variable a probe point offers: a tapset context variable (<c>name:string</c>) or a target variable (<c>$name:int</c>).</summary>
/// <param name="Name">The name without <c>$</c>.</param>
/// <param name="Type">stap's type: <c>long</c>/<c>string</c> for context variables, the C type for target variables.</param>
/// <param name="IsTarget">A target variable (<c>$name</c>), read from the probed code through debuginfo or the tracepoint.</param>
public sealed record ProbeVariable(string Name, string Type, bool IsTarget);

/// <summary>One line of <c>stap -L</c>: a probe point and the variables its handler can read.</summary>
public sealed partial record ProbeListing(string Point, IReadOnlyList<ProbeVariable> Variables)
{
    /// <summary>
    /// Parses <c>stap -L</c>'s output: one probe point per line, then its variables as <c>name:type</c>
    /// separated by spaces, where a C type may itself hold spaces (<c>$name:struct filename*</c>) and the
    /// point may hold quoted strings with spaces. Lines that are not of that form are left out.
    /// </summary>
    public static IReadOnlyList<ProbeListing> Parse(string output) =>
        output.Split('\n').Select(line => ParseLine(line.TrimEnd('\r'))).OfType<ProbeListing>().ToList();

    public static ProbeListing? ParseLine(string line)
    {
        var end = EndOfPoint(line);
        if (end <= 0)
        {
            return null;
        }

        var point = line[..end];
        var variables = new List<ProbeVariable>();
        var rest = line[end..];
        var starts = VariableStart().Matches(rest).Select(m => m.Index).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var text = rest[(starts[i] + 1)..(i + 1 < starts.Count ? starts[i + 1] : rest.Length)];
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var isTarget = text.StartsWith('$');
            variables.Add(new ProbeVariable(text[(isTarget ? 1 : 0)..colon], text[(colon + 1)..].Trim(), isTarget));
        }

        return new ProbeListing(point, variables);
    }

    /// <summary>The end of the probe point: the first space outside a quoted string, or the line's end.</summary>
    private static int EndOfPoint(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ' ' when !quoted:
                    return i;
            }
        }

        return quoted ? -1 : line.Length;
    }

    // A variable starts after a space with a (possibly $-prefixed) identifier and a colon; a C type's
    // own words ("struct filename*", "long int") have no colon after them.
    [GeneratedRegex(@" (?=\$?[A-Za-z_][A-Za-z0-9_]*:)")]
    private static partial Regex VariableStart();
}
