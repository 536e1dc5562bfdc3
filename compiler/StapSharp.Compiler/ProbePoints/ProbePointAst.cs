namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// A comma-separated list of probe points, as written in one <c>[Probe]</c> attribute
/// (<c>timer.s(10), end, error</c>).
/// </summary>
/// <remarks>Equality is structural: two lists are equal when their points are equal in order.</remarks>
public sealed record ProbePointList(IReadOnlyList<ProbePoint> Points)
{
    /// <summary>Every identifier used by an <c>if (…)</c> condition anywhere in the list, including inside brace groups, without duplicates.</summary>
    public IEnumerable<string> ConditionIdentifiers =>
        Points.SelectMany(point => point.ConditionIdentifiers).Distinct(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(ProbePointList? other) =>
        other is not null && Points.SequenceEqual(other.Points);

    /// <inheritdoc/>
    public override int GetHashCode() => StructuralHash.Of(Points);

    /// <summary>The canonical stap text of the list.</summary>
    public override string ToString() => ProbePointPrinter.TryPrint(() => ProbePointPrinter.Print(this));
}

/// <summary>How a probe point behaves when it resolves to nothing.</summary>
public enum Optionality
{
    /// <summary>The point must resolve, otherwise stap fails.</summary>
    None,
    /// <summary><c>?</c>: the point may resolve to nothing.</summary>
    Optional,
    /// <summary><c>!</c>: optional, and if it resolves the remaining points of the same list are skipped.</summary>
    Sufficient,
}

/// <summary>
/// One probe point: dotted components, an optional <c>?</c>/<c>!</c> marker and an optional
/// arming condition <c>if (EXPR)</c>.
/// </summary>
/// <remarks>Equality is structural.</remarks>
public sealed record ProbePoint(IReadOnlyList<PointComponent> Components, Optionality Optionality, ConditionExpr? Condition)
{
    /// <summary>The names of the point's components (<c>kernel</c>, <c>function</c>, <c>return</c>, ...), in order.</summary>
    public IEnumerable<string> ComponentNames => Components.OfType<NamedComponent>().Select(c => c.Name);

    /// <summary>A point that fires when a function returns: it has a <c>return</c> component (aliases of a script aside).</summary>
    public bool HasReturnComponent => ComponentNames.Contains("return", StringComparer.Ordinal);

    /// <summary>Identifiers of this point's condition and of the conditions inside its brace groups, without duplicates.</summary>
    public IEnumerable<string> ConditionIdentifiers =>
        (Condition?.Identifiers ?? [])
            .Concat(Components.OfType<BraceGroupComponent>().SelectMany(group => group.Alternatives.SelectMany(point => point.ConditionIdentifiers)))
            .Distinct(StringComparer.Ordinal);

    /// <summary>The point with every condition identifier renamed, in its own condition and inside its brace groups.</summary>
    public ProbePoint WithIdentifiers(Func<string, string> rename) => this with
    {
        Components = Components.Select(c => c is BraceGroupComponent group ? group.WithIdentifiers(rename) : c).ToList(),
        Condition = Condition?.WithIdentifiers(rename),
    };

    /// <inheritdoc/>
    public bool Equals(ProbePoint? other) =>
        other is not null
        && Components.SequenceEqual(other.Components)
        && Optionality == other.Optionality
        && Equals(Condition, other.Condition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StructuralHash.Of(Components), Optionality, Condition);

    /// <summary>The canonical stap text of the point.</summary>
    public override string ToString() => ProbePointPrinter.TryPrint(() => ProbePointPrinter.Print(this));
}

/// <summary>One dot-separated piece of a probe point.</summary>
public abstract record PointComponent;

/// <summary>
/// A named component such as <c>kernel</c>, <c>sys_*</c> or <c>function("foo")</c>.
/// The name may contain <c>*</c> wildcards.
/// </summary>
public sealed record NamedComponent(string Name, ProbeLiteral? Argument = null) : PointComponent;

/// <summary>
/// A brace expansion <c>{a, b.c}</c>: the component stands for each alternative in turn
/// (stap takes the cartesian product with the surrounding components).
/// </summary>
/// <remarks>Equality is structural.</remarks>
public sealed record BraceGroupComponent(IReadOnlyList<ProbePoint> Alternatives) : PointComponent
{
    /// <summary>The group with every condition identifier of its alternatives renamed.</summary>
    public BraceGroupComponent WithIdentifiers(Func<string, string> rename) => new(Alternatives.Select(a => a.WithIdentifiers(rename)).ToList());

    /// <inheritdoc/>
    public bool Equals(BraceGroupComponent? other) =>
        other is not null && Alternatives.SequenceEqual(other.Alternatives);

    /// <inheritdoc/>
    public override int GetHashCode() => StructuralHash.Of(Alternatives);
}

/// <summary>A literal: the argument of a component, or an operand in a condition.</summary>
public abstract record ProbeLiteral;

/// <summary>
/// A string literal. <see cref="Value"/> is the decoded text (escapes resolved);
/// the printer escapes it again so that it is always exactly one stap string literal.
/// </summary>
public sealed record StringLiteral(string Value) : ProbeLiteral;

/// <summary>The base an integer literal was written in; kept so that addresses stay readable (<c>0x2222</c>).</summary>
public enum IntegerRadix
{
    /// <summary><c>123</c></summary>
    Decimal,
    /// <summary><c>0x7b</c></summary>
    Hexadecimal,
    /// <summary><c>0173</c> (a leading zero)</summary>
    Octal,
}

/// <summary>A 64-bit integer literal, possibly negative (component arguments accept <c>-N</c>).</summary>
public sealed record IntegerLiteral(long Value, IntegerRadix Radix = IntegerRadix.Decimal) : ProbeLiteral;

/// <summary>Order-sensitive hash of a list, matching the structural equality of the AST records.</summary>
internal static class StructuralHash
{
    public static int Of<T>(IEnumerable<T> items)
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
