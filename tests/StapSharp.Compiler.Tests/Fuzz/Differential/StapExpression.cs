using System.Globalization;

namespace StapSharp.Compiler.Tests.Fuzz.Differential;

/// <summary>An expression as stap's parser read it (from its <c>-p1</c> parse-tree dump).</summary>
internal abstract record StapExpression;

internal sealed record StapNumber(long Value) : StapExpression;

/// <summary>A string literal: the bytes it stands for in the generated C.</summary>
internal sealed record StapString(byte[] Bytes) : StapExpression;

internal sealed record StapName(string Name) : StapExpression;

internal sealed record StapUnary(string Operator, StapExpression Operand) : StapExpression;

internal sealed record StapBinary(string Operator, StapExpression Left, StapExpression Right) : StapExpression;

internal sealed record StapTernary(StapExpression Condition, StapExpression WhenTrue, StapExpression WhenFalse) : StapExpression;

internal sealed record StapCall(string Function, IReadOnlyList<StapExpression> Arguments) : StapExpression;

/// <summary>
/// Reads the expressions of a <c>stap -p1</c> dump. stap prints every operand of an operator in
/// parentheses (staptree.cxx: <c>(l) op (r)</c>, <c>op(e)</c>, <c>(c)?(a):(b)</c>), so the tree can be
/// read back without knowing stap's precedence: what the dump shows is how stap's parser grouped the
/// script the translator wrote.
/// </summary>
internal sealed class StapDumpExpressionReader
{
    private static readonly string[] BinaryOperators =
        [">>>", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "&", "|", "^", "<", ">", "."];

    private static readonly HashSet<string> PrintFamily = ["printf", "sprintf", "printd", "sprintd", "printdln", "sprintdln"];

    private readonly string text;
    private int position;

    private StapDumpExpressionReader(string text) => this.text = text;

    public static StapExpression Read(string text)
    {
        var reader = new StapDumpExpressionReader(text);
        var expression = reader.Expression();
        reader.SkipSpace();
        if (reader.position != text.Length)
        {
            throw reader.Error("the end of the expression");
        }

        return expression;
    }

    private StapExpression Expression()
    {
        var left = Primary();
        SkipSpace();
        if (At("?"))
        {
            position++;
            var whenTrue = Primary();
            Expect(":");
            return new StapTernary(left, whenTrue, Primary());
        }

        foreach (var op in BinaryOperators)
        {
            if (At(op))
            {
                position += op.Length;
                return new StapBinary(op, left, Primary());
            }
        }

        return left;
    }

    private StapExpression Primary()
    {
        SkipSpace();
        if (At("("))
        {
            position++;
            var inner = Expression();
            Expect(")");
            return inner;
        }

        if (At("\""))
        {
            return new StapString(StapScriptText.Value(StringLiteral()) ?? throw Error("a string literal with C escapes"));
        }

        if (position < text.Length && (char.IsAsciiDigit(text[position]) || (text[position] == '-' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))))
        {
            return Number();
        }

        foreach (var op in new[] { "-", "!", "~", "+" })
        {
            if (At(op))
            {
                position++;
                return new StapUnary(op, Primary());
            }
        }

        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        if (position == start)
        {
            throw Error("an operand");
        }

        var name = text[start..position];
        if (!At("("))
        {
            return new StapName(name);
        }

        position++;
        var arguments = new List<StapExpression>();
        SkipSpace();
        // The dump prints a printf-family format escaped once more than other literals.
        if (PrintFamily.Contains(name) && At("\""))
        {
            arguments.Add(new StapString(StapScriptText.DumpedFormatValue(StringLiteral()) ?? throw Error("a format literal")));
            SkipSpace();
            if (At(","))
            {
                position++;
            }

            SkipSpace();
        }

        while (!At(")"))
        {
            arguments.Add(Expression());
            SkipSpace();
            if (At(","))
            {
                position++;
            }
        }

        position++;
        return new StapCall(name, arguments);
    }

    private StapNumber Number()
    {
        var start = position;
        if (text[position] == '-')
        {
            position++;
        }

        while (position < text.Length && char.IsAsciiLetterOrDigit(text[position]))
        {
            position++;
        }

        var literal = text[start..position];
        var negative = literal.StartsWith('-');
        var digits = negative ? literal[1..] : literal;
        var magnitude = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return new StapNumber(negative ? unchecked(-(long)magnitude) : unchecked((long)magnitude));
    }

    private string StringLiteral()
    {
        var start = position++;
        while (position < text.Length && text[position] != '"')
        {
            position += text[position] == '\\' ? 2 : 1;
        }

        position++;
        return text[start..position];
    }

    private void SkipSpace()
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private bool At(string token) => string.CompareOrdinal(text, position, token, 0, token.Length) == 0;

    private void Expect(string token)
    {
        SkipSpace();
        if (!At(token))
        {
            throw Error($"'{token}'");
        }

        position += token.Length;
    }

    private FormatException Error(string expected) =>
        new($"stap dump expression, at {position}: expected {expected} in: {text}");
}
