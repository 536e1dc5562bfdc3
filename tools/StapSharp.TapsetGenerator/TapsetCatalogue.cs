using System.Text.RegularExpressions;

namespace StapSharp.TapsetGenerator;

/// <summary>How C# reaches one tapset function (one overload: one line of the dump).</summary>
internal enum CSharpForm
{
    /// <summary>A generated member of Stap.</summary>
    Generated,

    /// <summary>A hand-written member of Stap.</summary>
    HandWritten,

    /// <summary>Only <c>Call&lt;T&gt;("name", ...)</c>: its types are not known without a caller.</summary>
    CallOnly,
}

/// <summary>One tapset function and its C# form.</summary>
/// <param name="Signature">As the dump declares it.</param>
/// <param name="Typed">With the types stap resolves (void for a result that stays unknown); null for <see cref="CSharpForm.CallOnly"/>.</param>
/// <param name="CSharpName">The member's name; null for <see cref="CSharpForm.CallOnly"/>.</param>
/// <param name="IsPredicate">A long result that is 1 or 0: a C# bool.</param>
/// <param name="Reason">Why it is <see cref="CSharpForm.CallOnly"/>.</param>
internal sealed record TapsetEntry(
    TapsetSignature Signature, CSharpForm Form, TapsetSignature? Typed, string? CSharpName, bool IsPredicate, TapsetDoc? Doc, string? Reason);

/// <summary>
/// Every public tapset function (the dump without the internal, underscore-prefixed ones) with its C# form: a
/// hand-written member where one covers its arity, else a generated member with the types stap declares or
/// infers, else <c>Call&lt;T&gt;</c>.
/// </summary>
internal sealed class TapsetCatalogue
{
    /// <summary>What a tapset doc says of a predicate: it returns 1 when something holds (and 0 otherwise), or returns whether it holds.</summary>
    private static readonly Regex PredicateDoc = new(@"\breturns?\s+(1\s+(if|when)|whether)\b", RegexOptions.IgnoreCase);

    private TapsetCatalogue(IReadOnlyList<TapsetEntry> entries, int internalCount, IReadOnlyList<TapsetGlobal> globals, IReadOnlyList<(string Name, string File)> untypedGlobals)
    {
        Entries = entries;
        InternalCount = internalCount;
        Globals = globals;
        UntypedGlobals = untypedGlobals;
    }

    /// <summary>Ordered by stap name (ordinal), then arity.</summary>
    public IReadOnlyList<TapsetEntry> Entries { get; }

    public int InternalCount { get; }

    /// <summary>The public tapset globals stap types on their own, ordered by stap name; named after the functions.</summary>
    public IReadOnlyList<TapsetGlobal> Globals { get; }

    /// <summary>The public tapset globals stap cannot type without a script of the user's (or not on this architecture).</summary>
    public IReadOnlyList<(string Name, string File)> UntypedGlobals { get; }

    public static TapsetCatalogue Build(IReadOnlyList<TapsetSignature> dump, InstalledStap stap, TapsetDocs docs, HandWrittenApi handWritten)
    {
        var names = new ApiNames(handWritten);
        var entries = new List<TapsetEntry>();
        // A function defined in two tapsets (python2.stp and python3.stp) is listed twice: one member.
        var functions = dump.Where(s => !s.IsInternal).DistinctBy(s => s.ToString())
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Parameters.Count).ThenBy(s => s.ToString(), StringComparer.Ordinal);
        // Resolving undeclared types runs stap once per function: in parallel, then named in order.
        var resolved = functions.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(signature => handWritten.Covers(signature.Name, signature.Parameters.Count)
                ? (signature, Typed: null, Reason: null)
                : (signature, Typed: TypeResolver.Resolve(signature, stap, out var reason), Reason: reason))
            .ToList();
        foreach (var (signature, typed, reason) in resolved)
        {
            var doc = docs.Find(signature.Name, signature.Parameters.Count);
            if (handWritten.Covers(signature.Name, signature.Parameters.Count))
            {
                entries.Add(new TapsetEntry(signature, CSharpForm.HandWritten, null, handWritten.CSharpNameOf(signature.Name), false, doc, null));
            }
            else if (typed is not null)
            {
                entries.Add(new TapsetEntry(signature, CSharpForm.Generated, typed, names.Of(signature.Name, signature.Parameters.Count), IsPredicate(typed, doc), doc, null));
            }
            else
            {
                entries.Add(new TapsetEntry(signature, CSharpForm.CallOnly, null, null, false, doc, reason));
            }
        }

        var globals = TapsetGlobals.Find(stap, names, out var untyped);
        return new TapsetCatalogue(entries, dump.Where(s => s.IsInternal).DistinctBy(s => s.Name).Count(), globals, untyped);
    }

    /// <summary>A long result named is_... or documented as "returns 1 if/when ...".</summary>
    private static bool IsPredicate(TapsetSignature typed, TapsetDoc? doc) =>
        typed.Result == "long" &&
        (typed.Name.StartsWith("is_", StringComparison.Ordinal) || (doc is not null && PredicateDoc.IsMatch(doc.Summary + " " + doc.Description)));
}
