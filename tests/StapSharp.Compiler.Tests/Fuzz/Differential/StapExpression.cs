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

    private readonly string _text;
    private int _position;

    private StapDumpExpressionReader(string text) => _text = text;

    public static StapExpression Read(string text)
    {
        var reader = new StapDumpExpressionReader(text);
        var expression = reader.Expression();
        reader.SkipSpace();
        if (reader._position != text.Length)
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
            _position++;
            var whenTrue = Primary();
            Expect(":");
            return new StapTernary(left, whenTrue, Primary());
        }

        foreach (var op in BinaryOperators)
        {
            if (At(op))
            {
                _position += op.Length;
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
            _position++;
            var inner = Expression();
            Expect(")");
            return inner;
        }

        if (At("\""))
        {
            return new StapString(StapScriptText.Value(StringLiteral()) ?? throw Error("a string literal with C escapes"));
        }

        if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || (_text[_position] == '-' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1]))))
        {
            return Number();
        }

        foreach (var op in new[] { "-", "!", "~", "+" })
        {
            if (At(op))
            {
                _position++;
                return new StapUnary(op, Primary());
            }
        }

        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        if (_position == start)
        {
            throw Error("an operand");
        }

        var name = _text[start.._position];
        if (!At("("))
        {
            return new StapName(name);
        }

        _position++;
        var arguments = new List<StapExpression>();
        SkipSpace();
        // The dump prints a printf-family format escaped once more than other literals.
        if (PrintFamily.Contains(name) && At("\""))
        {
            arguments.Add(new StapString(StapScriptText.DumpedFormatValue(StringLiteral()) ?? throw Error("a format literal")));
            SkipSpace();
            if (At(","))
            {
                _position++;
            }

            SkipSpace();
        }

        while (!At(")"))
        {
            arguments.Add(Expression());
            SkipSpace();
            if (At(","))
            {
                _position++;
            }
        }

        _position++;
        return new StapCall(name, arguments);
    }

    private StapNumber Number()
    {
        var start = _position;
        if (_text[_position] == '-')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiLetterOrDigit(_text[_position]))
        {
            _position++;
        }

        var literal = _text[start.._position];
        var negative = literal.StartsWith('-');
        var digits = negative ? literal[1..] : literal;
        var magnitude = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return new StapNumber(negative ? unchecked(-(long)magnitude) : unchecked((long)magnitude));
    }

    private string StringLiteral()
    {
        var start = _position++;
        while (_position < _text.Length && _text[_position] != '"')
        {
            _position += _text[_position] == '\\' ? 2 : 1;
        }

        _position++;
        return _text[start.._position];
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }

    private bool At(string token) => string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;

    private void Expect(string token)
    {
        SkipSpace();
        if (!At(token))
        {
            throw Error($"'{token}'");
        }

        _position += token.Length;
    }

    private FormatException Error(string expected) =>
        new($"stap dump expression, at {_position}: expected {expected} in: {_text}");
}
