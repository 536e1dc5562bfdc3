namespace StapSharp.TapsetGenerator;

/// <summary>
/// The types a tapset function leaves undeclared ("unknown" in the dump), as stap itself infers them: the
/// function alone is elaborated (<c>stap -p2 -u</c>) with a fresh global for each argument, first with its
/// result assigned, then as a statement. A result stap still calls unknown is void (the function returns
/// nothing); a parameter it still calls unknown takes its type from the caller, which C# cannot say, so the
/// function is left to <c>Call&lt;T&gt;</c>, as is one stap rejects on its own.
/// </summary>
internal static class TypeResolver
{
    /// <summary>The signature with every type resolved, or null with the reason it cannot be typed.</summary>
    public static TapsetSignature? Resolve(TapsetSignature signature, InstalledStap stap, out string reason)
    {
        reason = string.Empty;
        var resolved = signature.HasUnknownType ? Elaborate(signature, stap) : signature;
        if (resolved is null)
        {
            reason = "stap rejects a call of it on its own (stap -p2)";
            return null;
        }

        if (resolved.Parameters.FirstOrDefault(p => p.Type == TapsetSignature.Unknown) is { } untyped)
        {
            reason = $"parameter {untyped.Name} takes its type from the caller";
            return null;
        }

        return resolved.Result == TapsetSignature.Unknown ? resolved.WithTypes("void", [.. resolved.Parameters.Select(p => p.Type)]) : resolved;
    }

    private static TapsetSignature? Elaborate(TapsetSignature signature, InstalledStap stap)
    {
        var arguments = Enumerable.Range(0, signature.Parameters.Count).Select(i => $"stapsharp_a{i}").ToList();
        var globals = string.Join(", ", ["stapsharp_r", .. arguments]);
        var call = $"{signature.Name}({string.Join(", ", arguments)})";
        var guru = signature.Privilege == "guru";
        var output = stap.Elaborate($"global {globals}\nprobe begin {{ stapsharp_r = {call} }}\n", guru)
            ?? stap.Elaborate($"global {globals}\nprobe begin {{ {call} }}\n", guru);
        return output is null ? null : FindElaborated(output, signature);
    }

    /// <summary>The function's line in the "# functions" section of stap's -p2 output.</summary>
    private static TapsetSignature? FindElaborated(string output, TapsetSignature signature) =>
        output.Split('\n')
            .SkipWhile(line => line != "# functions")
            .Select(TapsetSignature.Parse)
            .FirstOrDefault(s => s is not null && s.Name == signature.Name && s.Parameters.Count == signature.Parameters.Count) is { } elaborated
            ? signature.WithTypes(elaborated.Result, [.. elaborated.Parameters.Select(p => p.Type)])
            : null;
}
