using System.Text;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.ProbePoints;

/// <summary>
/// Prints probe point ASTs as canonical stap text: no optional whitespace except
/// <c>", "</c> between top-level points, <c>" ?"</c>/<c>" !"</c> and <c>" if (…)"</c>.
/// </summary>
/// <remarks>
/// The printer validates what it prints (names, identifiers, string contents), so even a
/// hand-built AST cannot produce anything but probe point syntax; invalid ASTs throw
/// <see cref="ArgumentException"/>. A script-argument reference prints as stap reads it
/// (<c>$1</c>, <c>@1</c>, <c>%( $# >= 1 %? $1 %: 5 %)</c>) once the binder has resolved it, and as
/// written (<c>{Name}</c>) before, or always with <see cref="PrintAsWritten"/>.
/// </remarks>
public static class ProbePointPrinter
{
    /// <summary>Prints the points joined with <c>", "</c>.</summary>
    public static string Print(ProbePointList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Points.Count == 0)
        {
            throw new ArgumentException("a probe point list needs at least one point", nameof(list));
        }

        var text = new StringBuilder();
        for (var i = 0; i < list.Points.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            WritePoint(text, list.Points[i]);
        }
        return text.ToString();
    }

    /// <summary>Prints one point.</summary>
    public static string Print(ProbePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var text = new StringBuilder();
        WritePoint(text, point);
        return text.ToString();
    }

    /// <summary>
    /// Prints one point with every script-argument reference as written (<c>{Name}</c>): the form the parser reads
    /// back, against which a printed point is checked.
    /// </summary>
    public static string PrintAsWritten(ProbePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var text = new StringBuilder();
        WritePoint(text, point, asWritten: true);
        return text.ToString();
    }

    /// <summary>For <c>ToString</c> overrides: a malformed AST still gets a description.</summary>
    internal static string TryPrint(Func<string> print)
    {
        try
        {
            return print();
        }
        catch (ArgumentException exception)
        {
            return $"<invalid probe point: {exception.Message}>";
        }
    }

    /// <summary>A field name between braces: an identifier, as the parser reads it.</summary>
    internal static string FieldName(string name) =>
        name.Length > 0 && StapLexicon.IsIdentifierStart(name[0]) && name.All(StapLexicon.IsIdentifierChar)
            ? name
            : throw new ArgumentException($"'{name}' is not a field name", nameof(name));

    private static void WritePoint(StringBuilder text, ProbePoint point, bool asWritten = false)
    {
        if (point.Components.Count == 0)
        {
            throw new ArgumentException("a probe point needs at least one component", nameof(point));
        }

        for (var i = 0; i < point.Components.Count; i++)
        {
            if (i > 0)
            {
                text.Append('.');
            }

            WriteComponent(text, point.Components[i], asWritten);
        }
        text.Append(point.Optionality switch
        {
            Optionality.None => "",
            Optionality.Optional => " ?",
            Optionality.Sufficient => " !",
            var other => throw new ArgumentException($"unknown optionality {other}", nameof(point)),
        });
        if (point.Condition is { } condition)
        {
            text.Append(" if (").Append(ConditionPrinter.Print(condition)).Append(')');
        }
    }

    private static void WriteComponent(StringBuilder text, PointComponent component, bool asWritten)
    {
        switch (component)
        {
            case ArgumentComponent reference when asWritten || !reference.IsResolved:
                text.Append('{').Append(FieldName(reference.FieldName)).Append('}');
                break;
            case ArgumentComponent reference:
                var read = StapSpelling.ScriptArgument(reference.Position, isString: false);
                if (reference.Default is not { } fallback)
                {
                    text.Append(read);
                    break;
                }

                if (fallback.Optionality != Optionality.None || fallback.Condition is not null || fallback.ArgumentReferences.Any())
                {
                    throw new ArgumentException("the default of a probe point taken from an argument is components only", nameof(component));
                }

                var fallbackText = new StringBuilder();
                WritePoint(fallbackText, fallback);
                text.Append(StapSpelling.ScriptArgumentOr(reference.Position, read, fallbackText.ToString()));
                break;
            case NamedComponent named:
                if (!StapLexicon.IsValidComponentName(named.Name))
                {
                    throw new ArgumentException($"'{named.Name}' is not a valid probe point component name", nameof(component));
                }

                text.Append(named.Name);
                if (named.Argument is { } argument)
                {
                    text.Append('(').Append(LiteralPrinter.Print(argument, asWritten)).Append(')');
                }

                break;
            case BraceGroupComponent group:
                if (group.Alternatives.Count == 0)
                {
                    throw new ArgumentException("a brace group needs at least one alternative", nameof(component));
                }

                if (group.Alternatives is [{ Components: [NamedComponent { Argument: null, Name: var name }], Optionality: Optionality.None, Condition: null }]
                    && name.All(StapLexicon.IsIdentifierChar))
                {
                    throw new ArgumentException($"{{{name}}} reads back as a script argument: a group of one name is the name without braces", nameof(component));
                }

                text.Append('{');
                for (var i = 0; i < group.Alternatives.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WritePoint(text, group.Alternatives[i], asWritten);
                }
                text.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown component type {component?.GetType().Name ?? "null"}", nameof(component));
        }
    }
}

/// <summary>Prints literals so that each is exactly one stap token.</summary>
internal static class LiteralPrinter
{
    public static string Print(ProbeLiteral literal, bool asWritten = false) => literal switch
    {
        StringLiteral text => Quote(text.Value),
        IntegerLiteral integer => Print(integer),
        ArgumentLiteral argument when asWritten || !argument.IsResolved => "{" + ProbePointPrinter.FieldName(argument.FieldName) + "}",
        ArgumentLiteral argument => Print(argument),
        _ => throw new ArgumentException($"unknown literal type {literal?.GetType().Name ?? "null"}", nameof(literal)),
    };

    /// <summary><c>$N</c> or <c>@N</c>, inside <c>%( $# >= N %? … %: default %)</c> when the field has a default.</summary>
    private static string Print(ArgumentLiteral argument)
    {
        var read = StapSpelling.ScriptArgument(argument.Position, argument.IsString);
        return argument.Default switch
        {
            null => read,
            StringLiteral or IntegerLiteral => StapSpelling.ScriptArgumentOr(argument.Position, read, Print(argument.Default)),
            _ => throw new ArgumentException("the default of a script argument is a string or an integer", nameof(argument)),
        };
    }

    private static string Print(IntegerLiteral integer)
    {
        var sign = integer.Value < 0 ? "-" : "";
        var magnitude = integer.Value < 0 ? 0UL - (ulong)integer.Value : (ulong)integer.Value;
        return integer.Radix switch
        {
            IntegerRadix.Decimal => sign + magnitude,
            IntegerRadix.Hexadecimal => $"{sign}0x{magnitude:x}",
            // A leading zero marks octal, so zero itself prints as "00" and keeps its radix.
            IntegerRadix.Octal => $"{sign}0{Convert.ToString((long)magnitude, 8)}",
            var other => throw new ArgumentException($"unknown radix {other}", nameof(integer)),
        };
    }

    /// <summary>Quotes and escapes: no raw line breaks or control characters, <c>"</c> and <c>\</c> escaped.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                case '\t': text.Append(@"\t"); break;
                case '\r': text.Append(@"\r"); break;
                case '\a': text.Append(@"\a"); break;
                case '\b': text.Append(@"\b"); break;
                case '\f': text.Append(@"\f"); break;
                case '\v': text.Append(@"\v"); break;
                case '\0':
                    throw new ArgumentException("a NUL cannot be written in a stap string literal: stap's string would end there", nameof(value));
                case < ' ' or '\x7f':
                    // Three digits always, so a following digit cannot extend the escape.
                    text.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    break;
                case '\u2028' or '\u2029':
                case var control when char.IsControl(control):
                    throw new ArgumentException($"character U+{(int)c:X4} cannot be written in a stap string literal", nameof(value));
                case var high when char.IsHighSurrogate(high) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    text.Append(high).Append(value[++i]);
                    break;
                case var lone when char.IsSurrogate(lone):
                    throw new ArgumentException("unpaired UTF-16 surrogate in a string literal", nameof(value));
                default:
                    text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }
}

/// <summary>Prints conditions with the fewest parentheses that keep stap's precedence.</summary>
internal static class ConditionPrinter
{
    public static string Print(ConditionExpr expression)
    {
        var text = new StringBuilder();
        Write(text, expression);
        return text.ToString();
    }

    private static void Write(StringBuilder text, ConditionExpr expression)
    {
        switch (expression)
        {
            case IdentifierExpr identifier:
                if (!StapLexicon.IsValidGlobalName(identifier.Name))
                {
                    throw new ArgumentException($"'{identifier.Name}' is not a valid stap global name", nameof(expression));
                }

                text.Append(identifier.Name);
                break;
            case LiteralExpr literal:
                text.Append(LiteralPrinter.Print(literal.Literal));
                break;
            case UnaryExpr unary:
                var spelling = unary.Operator.Spelling();
                text.Append(spelling);
                var operand = Print(unary.Operand);
                // "- -x" rather than "--x", which stap reads as a decrement.
                if (operand.Length > 0 && ConditionOperators.ForbiddenAfter(unary.Operator).Contains(operand[0]))
                {
                    text.Append(' ');
                }

                WriteOperand(text, unary.Operand, operand, ConditionOperators.UnaryPrecedence);
                break;
            case BinaryExpr binary:
                var precedence = ConditionOperators.Precedence(binary.Operator);
                WriteOperand(text, binary.Left, Print(binary.Left), precedence);
                text.Append(' ').Append(binary.Operator.Spelling()).Append(' ');
                // Left-associative: an equal-precedence right operand needs parentheses.
                WriteOperand(text, binary.Right, Print(binary.Right), precedence + 1);
                break;
            default:
                throw new ArgumentException($"unknown expression type {expression?.GetType().Name ?? "null"}", nameof(expression));
        }
    }

    private static void WriteOperand(StringBuilder text, ConditionExpr operand, string printed, int minimumPrecedence)
    {
        if (PrecedenceOf(operand) < minimumPrecedence)
        {
            text.Append('(').Append(printed).Append(')');
        }
        else
        {
            text.Append(printed);
        }
    }

    private static int PrecedenceOf(ConditionExpr expression) => expression switch
    {
        BinaryExpr binary => ConditionOperators.Precedence(binary.Operator),
        UnaryExpr => ConditionOperators.UnaryPrecedence,
        // A negative literal prints as "-5", which reads back as a unary minus.
        LiteralExpr { Literal: IntegerLiteral { Value: < 0 } } => ConditionOperators.UnaryPrecedence,
        _ => ConditionOperators.PrimaryPrecedence,
    };
}
