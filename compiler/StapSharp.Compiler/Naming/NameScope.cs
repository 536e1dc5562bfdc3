namespace StapSharp.Compiler.Naming;

/// <summary>
/// Hands out the stap names of one namespace, so that no two things share one and none takes a
/// name stap reserves. A C# name keeps its spelling when that is free; a reserved one gets a
/// trailing <c>_</c> (<c>next</c> → <c>next_</c>, <c>strlen</c> → <c>strlen_</c>), and a name
/// already given out gets <c>_2</c>, <c>_3</c>, ... Names are handed out in source order, so the
/// output is stable and ordinary names stay as written.
/// </summary>
/// <remarks>
/// stap keeps functions apart from variables (a local <c>f</c> beside a function <c>f()</c> is
/// fine), so a script has one scope of functions and one of globals; each body's locals are a
/// scope inside the globals' (a local named like a global would be that global).
/// </remarks>
internal sealed class NameScope
{
    private readonly Func<string, bool> _isReserved;
    private readonly NameScope? _outer;
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);

    // Per name, the next suffix to try (1 stands for the bare name): what was given out stays given
    // out, so each suffix is tried once and naming stays linear however many names spell alike.
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    public NameScope(Func<string, bool> isReserved, NameScope? outer = null)
    {
        _isReserved = isReserved;
        _outer = outer;
    }

    /// <summary>Whether <paramref name="name"/> was given out here (not in an outer scope).</summary>
    public bool Has(string name) => _given.Contains(name);

    /// <summary>A declarable identifier that is neither reserved nor given out, here or outside.</summary>
    public bool IsFree(string name) =>
        StapNames.IsDeclarable(name) && !_isReserved(name) && !_given.Contains(name) && (_outer?.IsFree(name) ?? true);

    /// <summary>A new name for <paramref name="preferred"/> (a C# name or a name the translator makes up).</summary>
    public string Claim(string preferred)
    {
        var spelled = StapNames.Spell(preferred);
        var first = StapNames.IsDeclarable(spelled) && !_isReserved(spelled) ? spelled : spelled + "_";
        var n = _nextSuffix.GetValueOrDefault(first, 1);
        string name;
        while (!IsFree(name = n == 1 ? first : $"{first}_{n}"))
        {
            n++;
        }

        _nextSuffix[first] = n + 1;
        _given.Add(name);
        return name;
    }

    /// <summary>
    /// Takes <paramref name="name"/> as it is (an alias variable is bound by its name); false when
    /// it is reserved or given out, unless to another exact claim of the same alias variable.
    /// </summary>
    public bool TryClaimExact(string name)
    {
        if (_exact.Contains(name))
        {
            return true;
        }

        if (!IsFree(name))
        {
            return false;
        }

        _given.Add(name);
        _exact.Add(name);
        return true;
    }
}
