using System.Text.RegularExpressions;

namespace StapSharp.TapsetGenerator;

/// <summary>
/// One public tapset global and its C# form: a read-only static property of <c>Stap</c>.
/// </summary>
/// <param name="Name">The stap name (<c>argv_1</c>).</param>
/// <param name="CSharpName">The property's name (<c>Argv1</c>).</param>
/// <param name="Type">Its value's type as stap resolves it: long or string.</param>
/// <param name="KeyTypes">An array's key types, in order; empty for a scalar.</param>
/// <param name="File">The tapset file that declares it, relative to the tapset folder.</param>
/// <param name="Declaration">The declaration as written there (<c>global argv_1 = %( $# &gt;= 1 %? @1 %: "" %)</c>).</param>
internal sealed record TapsetGlobal(string Name, string CSharpName, string Type, IReadOnlyList<string> KeyTypes, string File, string Declaration)
{
    public bool IsArray => KeyTypes.Count > 0;

    /// <summary>The property's C# type: the value's type, or the map's (<c>StapMap&lt;long, string&gt;</c>).</summary>
    public string CSharpType => KeyTypes switch
    {
        [] => Type,
        [var key] => $"StapMap<{key}, {Type}>",
        _ => $"StapMap<({string.Join(", ", KeyTypes)}), {Type}>",
    };
}

/// <summary>
/// The public globals of the installed tapsets: the names of their <c>global</c> declarations (not <c>private</c>, no
/// leading underscore; other runtimes' tapsets left out), each typed by a real <c>stap -p2 -u</c> of a script that reads
/// it, whose <c># globals</c> dump prints <c>name:type [keys]</c>. A name stap cannot type on its own (a map keyed by
/// what the user's script supplies, or one only some architectures declare) is left out, with the reason.
/// </summary>
internal static class TapsetGlobals
{
    // A declaration at the start of a line: "global a = 1, b[32]" (private ones start with "private").
    private static readonly Regex Declaration = new(@"^[ \t]*global[ \t]+(?<list>[^\n]*)", RegexOptions.Multiline);
    private static readonly Regex DeclaredName = new(@"(?<=\A\s*)[A-Za-z_][A-Za-z0-9_]*");
    private static readonly Regex Comment = new(@"(//|/\*|(?<!\$)#).*");
    private static readonly Regex Arity = new(@"inconsistent arity \(0 vs (?<arity>[0-9]+)\)");
    private static readonly string[] OtherRuntimes = ["bpf", "dyninst"];

    /// <summary>The most keys an array is tried with when stap does not say how many it has.</summary>
    private const int MaxKeys = 4;

    public static IReadOnlyList<TapsetGlobal> Find(InstalledStap stap, ApiNames names, out IReadOnlyList<(string Name, string File)> untyped)
    {
        var declared = Declared(stap.TapsetFolder);
        var typed = declared.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(d => (d.Name, d.File, d.Text, Type: Resolve(d.Name, stap)))
            .ToList();
        untyped = typed.Where(t => t.Type is null).Select(t => (t.Name, t.File)).ToList();
        return typed.Where(t => t.Type is not null)
            .Select(t => new TapsetGlobal(t.Name, names.OfGlobal(t.Name), t.Type!.Value.Value, t.Type.Value.Keys, t.File, t.Text))
            .ToList();
    }

    /// <summary>Each public name with the first file (in path order) that declares it and its declaration line, ordered by name.</summary>
    private static List<(string Name, string File, string Text)> Declared(string tapsetFolder)
    {
        var found = new Dictionary<string, (string File, string Text)>(StringComparer.Ordinal);
        var files = Directory.GetFiles(tapsetFolder, "*.stp", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tapsetFolder, f).Replace('\\', '/'))
            .Where(f => !OtherRuntimes.Contains(f.Split('/')[0]))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match declaration in Declaration.Matches(File.ReadAllText(Path.Combine(tapsetFolder, file))))
            {
                var list = Uncommented(declaration.Groups["list"].Value);
                foreach (var item in Items(list))
                {
                    if (DeclaredName.Match(item) is { Success: true } name && !name.Value.StartsWith('_'))
                    {
                        found.TryAdd(name.Value, (file, "global " + list.Trim()));
                    }
                }
            }
        }

        return found.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value.File, f.Value.Text)).ToList();
    }

    /// <summary>The line without its comment (<c>//</c>, <c>/*</c> or <c>#</c>, which <c>$#</c> is not).</summary>
    private static string Uncommented(string line) => Comment.Replace(line, string.Empty);

    /// <summary>The declarations of one list, split at the commas outside brackets and initialisers' parentheses.</summary>
    private static IEnumerable<string> Items(string list)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            depth += list[i] is '(' or '[' ? 1 : list[i] is ')' or ']' ? -1 : 0;
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        yield return list[start..];
    }

    /// <summary>The value and key types stap gives the global when a script reads it; null when stap cannot type it.</summary>
    private static (string Value, IReadOnlyList<string> Keys)? Resolve(string name, InstalledStap stap)
    {
        var (globals, errors) = stap.ElaborateWithErrors($"probe begin {{ println({name}) }}\n");
        if (globals is null && errors.Contains("inconsistent arity", StringComparison.Ordinal))
        {
            // An array: read by a foreach with as many keys as stap names ("0 vs 1"), or, where it does not say, the fewest it takes.
            var said = Arity.Match(errors) is { Success: true } arity ? int.Parse(arity.Groups["arity"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            foreach (var count in said > 0 ? [said] : Enumerable.Range(1, MaxKeys))
            {
                var keys = string.Join(", ", Enumerable.Range(1, count).Select(k => $"k{k}"));
                (globals, _) = stap.ElaborateWithErrors($"probe begin {{ foreach ([{keys}] in {name}) {{ }} }}\n");
                if (globals is not null)
                {
                    break;
                }
            }
        }

        if (globals is null)
        {
            return null;
        }

        // "argv[32]:string [long]", "argc:long", "cve_metrics:long [string]".
        var line = new Regex($@"^{Regex.Escape(name)}(\[[0-9]+\])?:(?<type>long|string)(?: \[(?<keys>[a-z, ]+)\])?$", RegexOptions.Multiline).Match(globals);
        if (!line.Success)
        {
            return null;
        }

        var keyTypes = line.Groups["keys"].Success ? line.Groups["keys"].Value.Split(", ").ToList() : [];
        return keyTypes.All(k => k is "long" or "string") ? (line.Groups["type"].Value, keyTypes) : null;
    }
}
