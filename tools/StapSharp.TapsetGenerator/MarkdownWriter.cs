using System.Text;

namespace StapSharp.TapsetGenerator;

/// <summary>docs/TAPSET-FUNCTIONS.md: every public tapset function beside its C# form, one row per overload.</summary>
internal static class MarkdownWriter
{
    public const string RelativePath = "docs/TAPSET-FUNCTIONS.md";

    public static string Write(TapsetCatalogue catalogue)
    {
        var entries = catalogue.Entries;
        var text = new StringBuilder();
        text.Append("# Tapset functions in C#\n\n");
        text.Append($"<!-- Written by tools/{CSharpWriter.GeneratorName} (its README.md): regenerate it, do not edit. -->\n\n");
        text.Append("Every function of the installed SystemTap's tapsets, as `stap --dump-functions` lists it, beside the C# that calls it ");
        text.Append("(`using static StapSharp.Stap;`). ");
        text.Append($"{Count(entries, CSharpForm.HandWritten)} overloads have hand-written members (runtime/StapSharp/Stap.*.cs), ");
        text.Append($"{Count(entries, CSharpForm.Generated)} generated ones (runtime/StapSharp/Stap.Tapset.g.cs), and ");
        text.Append($"{Count(entries, CSharpForm.CallOnly)} are called with `Call<T>(\"name\", ...)` (`Call(...)` when the result is not used), ");
        text.Append("because a parameter's type comes from the caller or stap cannot resolve them on their own.");
        text.Append(catalogue.InternalCount > 0 ? $" The {catalogue.InternalCount} internal functions (a leading underscore) are left out.\n\n" : "\n\n");
        text.Append("A `bool` result is stap's 1 or 0 (`if (IsKernelThread())`, `!UserMode()`). The privilege is the one the tapset declares: ");
        text.Append("a function marked guru needs `[Guru]` on the probe class.\n\n");
        text.Append("| stap | C# | privilege | note |\n|---|---|---|---|\n");
        foreach (var entry in entries)
        {
            text.Append($"| `{Cell(entry.Signature.ToString().Split(" /*")[0])}` | {Cell(CSharpOf(entry))} | {entry.Signature.Privilege ?? "stapdev"} | {Cell(Note(entry))} |\n");
        }

        WriteGlobals(text, catalogue);
        return text.ToString();
    }

    /// <summary>The tapsets' public globals, beside the read-only property that reads each.</summary>
    private static void WriteGlobals(StringBuilder text, TapsetCatalogue catalogue)
    {
        text.Append("\n## Tapset globals\n\n");
        text.Append("The public globals of the installed tapsets, typed by `stap -p2`, each a read-only property of `Stap` whose read is the ");
        text.Append("global itself (`Argv1` is `argv_1`, `Argv[2]` is `argv[2]`). A script does not write them: stap would let it, but the ");
        text.Append("tapset's own probes read them too. An array is read by element.");
        text.Append(catalogue.UntypedGlobals.Count > 0
            ? $" Left out, since stap types them only from a script's own use (or not on this architecture): {string.Join(", ", catalogue.UntypedGlobals.Select(g => $"`{g.Name}` ({g.File})"))}.\n\n"
            : "\n\n");
        text.Append("| stap | C# | type | tapset |\n|---|---|---|---|\n");
        foreach (var global in catalogue.Globals)
        {
            var read = global.IsArray ? $"{global.Name}[{string.Join(", ", global.KeyTypes)}]" : global.Name;
            var csharp = global.IsArray ? $"{global.CSharpName}[{(global.KeyTypes.Count == 1 ? global.KeyTypes[0] : "(" + string.Join(", ", global.KeyTypes) + ")")}]" : global.CSharpName;
            text.Append($"| `{Cell(read)}` | `{Cell(csharp)}` | {global.Type} | {Cell(global.File)} |\n");
        }
    }

    private static int Count(IReadOnlyList<TapsetEntry> entries, CSharpForm form) => entries.Count(e => e.Form == form);

    /// <summary>The call in C#: a generated member with its types, a hand-written one by name (its own doc has the rest).</summary>
    private static string CSharpOf(TapsetEntry entry)
    {
        var parameters = entry.Signature.Parameters.Select(p => ApiNames.Parameter(p.Name)).ToList();
        switch (entry.Form)
        {
            case CSharpForm.Generated:
                var typed = entry.Typed!;
                var declared = typed.Parameters.Select(p => $"{p.Type} {ApiNames.Parameter(p.Name)}");
                return $"`{(entry.IsPredicate ? "bool" : typed.Result)} {entry.CSharpName}({string.Join(", ", declared)})`";
            case CSharpForm.HandWritten:
                return $"`{entry.CSharpName}({string.Join(", ", parameters)})`";
            default:
                var result = entry.Signature.Result is "long" or "string" ? $"<{entry.Signature.Result}>" : "<T>";
                return $"`Call{result}(\"{entry.Signature.Name}\"{string.Concat(parameters.Select(p => ", " + p))})`";
        }
    }

    private static string Note(TapsetEntry entry) => entry.Form switch
    {
        CSharpForm.HandWritten => "hand-written",
        CSharpForm.CallOnly => entry.Reason!,
        _ => entry.Doc?.Summary ?? string.Empty,
    };

    private static string Cell(string text) => text.Replace("|", "\\|");
}
