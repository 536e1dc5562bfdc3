namespace StapSharp.Compiler.Naming;

/// <summary>
/// The naming authority of one script: every global, function and local gets its stap name here,
/// unique in its namespace and clear of what stap and the translator reserve.
/// </summary>
internal sealed class ScriptNames
{
    private readonly Dictionary<string, string> _functions = new(StringComparer.Ordinal);

    // Macros are stap's own namespace (@name), but a macro's name is also kept from every function's, so
    // that a call names one thing: passes that follow calls by name find the macro or the function, never both.
    private readonly NameScope _macros;

    /// <param name="apiFunctions">The stap functions the API's members stand for: a script function must not take their names either.</param>
    public ScriptNames(IReadOnlySet<string> apiFunctions)
    {
        Globals = new NameScope(ReservedNames.IsVariable);
        Functions = new NameScope(name => ReservedNames.IsFunction(name) || apiFunctions.Contains(name) || TranslatorFunctions.All.Contains(name));
        _macros = new NameScope(name => ReservedNames.IsMacro(name) || !Functions.IsFree(name));
    }

    /// <summary>Globals; also the outer scope of every body's locals.</summary>
    public NameScope Globals { get; }

    /// <summary>Script functions, embedded-C ones included.</summary>
    public NameScope Functions { get; }

    /// <summary>The stap name of the C# method <paramref name="csharpName"/>: overloads share one (stap tells them apart by arity).</summary>
    public string Function(string csharpName)
    {
        if (!_functions.TryGetValue(csharpName, out var name))
        {
            name = Functions.Claim(csharpName);
            _functions[csharpName] = name;
        }

        return name;
    }

    /// <summary>
    /// The stap name of a method inlined as a macro (<c>@define name(...)</c>): clear of stap's @ operators, the
    /// library macros and every function name. One per method: macros have no overloads.
    /// </summary>
    public string Macro(string csharpName)
    {
        var name = _macros.Claim(csharpName);
        Functions.TryClaimExact(name);
        return name;
    }

    /// <summary>The scope of a macro's parameters, read in its body as <c>@name</c>, like a macro.</summary>
    public static NameScope NewMacroParameterScope() => new(ReservedNames.IsMacro);

    /// <summary>The scope of one probe's or function's locals and parameters.</summary>
    public NameScope NewBodyScope() => new(ReservedNames.IsVariable, Globals);
}
