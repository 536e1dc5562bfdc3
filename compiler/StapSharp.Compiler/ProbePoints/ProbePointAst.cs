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

    /// <summary>The <c>{Name}</c> script-argument references of the point, in components, their arguments and brace groups.</summary>
    public IEnumerable<IArgumentReference> ArgumentReferences =>
        Components.SelectMany<PointComponent, IArgumentReference>(component => component switch
        {
            ArgumentComponent argument => [argument],
            NamedComponent { Argument: ArgumentLiteral argument } => [argument],
            BraceGroupComponent group => group.Alternatives.SelectMany(alternative => alternative.ArgumentReferences),
            _ => [],
        });

    /// <summary>The point with each script-argument reference replaced, brace groups included.</summary>
    public ProbePoint WithArguments(Func<ArgumentComponent, PointComponent> component, Func<ArgumentLiteral, ProbeLiteral> literal) => this with
    {
        Components = Components.Select(c => c switch
        {
            ArgumentComponent argument => component(argument),
            NamedComponent { Argument: ArgumentLiteral argument } named => named with { Argument = literal(argument) },
            BraceGroupComponent group => new BraceGroupComponent(group.Alternatives.Select(a => a.WithArguments(component, literal)).ToList()),
            _ => c,
        }).ToList(),
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

/// <summary>A <c>{Name}</c> in a probe point: a script argument named by its C# field.</summary>
public interface IArgumentReference
{
    /// <summary>The C# field's name, as written between the braces.</summary>
    string FieldName { get; }

    /// <summary>Where the <c>{</c> stands in the parsed text.</summary>
    int Offset { get; }

    /// <summary>The binder has set the argument's position.</summary>
    bool IsResolved { get; }
}

/// <summary>
/// <c>{Name}</c> as a component: the script argument a <c>[ScriptArgument(N)]</c> string field takes, whose
/// text stap pastes into the point as tokens (<c>$N</c>; <c>probe $1.return</c>). The parser sets only the
/// name; the binder sets <see cref="Position"/> and <see cref="Default"/> from the field.
/// </summary>
/// <param name="Offset">Where the <c>{</c> stands in the parsed text, for diagnostics; not part of equality.</param>
/// <param name="Default">The field's initialiser as components, printed when the argument is not given.</param>
public sealed record ArgumentComponent(string FieldName, int Offset = 0, int Position = 0, ProbePoint? Default = null) : PointComponent, IArgumentReference
{
    /// <summary>The binder has set the argument's position.</summary>
    public bool IsResolved => Position > 0;

    /// <inheritdoc/>
    public bool Equals(ArgumentComponent? other) =>
        other is not null && FieldName == other.FieldName && Position == other.Position && Equals(Default, other.Default);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FieldName, Position, Default);
}

/// <summary>A literal: the argument of a component, or an operand in a condition.</summary>
public abstract record ProbeLiteral;

/// <summary>
/// A string literal. <see cref="Value"/> is the decoded text (escapes resolved);
/// the printer escapes it again so that it is always exactly one stap string literal.
/// </summary>
public sealed record StringLiteral(string Value) : ProbeLiteral;

/// <summary>
/// <c>{Name}</c> as a component's argument (<c>timer.s({Interval})</c>): the script argument a
/// <c>[ScriptArgument(N)]</c> field takes, <c>$N</c> for a long and <c>@N</c> for a string. The parser sets
/// only the name; the binder sets the rest from the field.
/// </summary>
/// <param name="Offset">Where the <c>{</c> stands in the parsed text, for diagnostics; not part of equality.</param>
/// <param name="Default">The field's initialiser, printed when the argument is not given.</param>
public sealed record ArgumentLiteral(string FieldName, int Offset = 0, int Position = 0, bool IsString = false, ProbeLiteral? Default = null) : ProbeLiteral, IArgumentReference
{
    /// <summary>The binder has set the argument's position.</summary>
    public bool IsResolved => Position > 0;

    /// <inheritdoc/>
    public bool Equals(ArgumentLiteral? other) =>
        other is not null && FieldName == other.FieldName && Position == other.Position && IsString == other.IsString && Equals(Default, other.Default);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FieldName, Position, IsString, Default);
}

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
