using System.Globalization;
using System.Text;

namespace StapSharp.Compiler.Tests.Fuzz.Differential;

/// <summary>A stap value: a 64-bit long or a string of bytes.</summary>
internal readonly record struct StapValue(long Long, byte[]? Bytes)
{
    public bool IsString => Bytes is not null;

    public static StapValue Of(long value) => new(value, null);

    public static StapValue Of(byte[] value) => new(0, value);

    public override string ToString() => IsString ? "\"" + TranslationChecks.Visible(Encoding.UTF8.GetString(Bytes!)) + "\"" : Long.ToString(CultureInfo.InvariantCulture);

    public bool Equals(StapValue other) => IsString ? other.IsString && Bytes!.AsSpan().SequenceEqual(other.Bytes) : !other.IsString && Long == other.Long;

    public override int GetHashCode() => IsString ? Bytes!.Length : Long.GetHashCode();
}

/// <summary>stap stopped the probe with a run-time error (division by zero).</summary>
internal sealed class StapRuntimeError(string message) : Exception(message);

/// <summary>stap would not build the script: a call of an unknown function, a value of the wrong type.</summary>
internal sealed class StapSemanticError(string message) : Exception(message);

/// <summary>
/// Evaluates stap expressions as the module stap builds would, for the operators and functions a
/// pure C# method translates to. The semantics come from stap 4.8's translator and runtime:
/// translate.cxx emits C int64 arithmetic (the kernel is built with -fno-strict-overflow, so it
/// wraps), masks shift counts with 63 and does <c>&gt;&gt;&gt;</c> on the unsigned value;
/// runtime/linux/arith.c's _stp_div64/_stp_mod64 raise "division by 0", give <c>-x</c> for
/// <c>x / -1</c> and 0 for <c>x % ±1</c>; conditions are "not 0"; strings are bytes, cut at
/// MAXSTRINGLEN - 1 = 511; strlen counts bytes; sprintf is stap's printf.
/// </summary>
internal sealed class StapEvaluator(IReadOnlyDictionary<string, (IReadOnlyList<string> Parameters, StapExpression Body)> functions)
{
    private const int MaxStringBytes = 511;

    public StapValue Call(string function, IReadOnlyList<StapValue> arguments)
    {
        var (parameters, body) = functions[function];
        var locals = new Dictionary<string, StapValue>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            locals[parameters[i]] = arguments[i];
        }

        return Evaluate(body, locals);
    }

    private StapValue Evaluate(StapExpression expression, IReadOnlyDictionary<string, StapValue> locals) => expression switch
    {
        StapNumber n => StapValue.Of(n.Value),
        StapString s => StapValue.Of(Cut(s.Bytes)),
        StapName name => locals.TryGetValue(name.Name, out var value) ? value : throw new StapSemanticError($"no variable {name.Name}"),
        StapUnary u => Unary(u.Operator, Evaluate(u.Operand, locals).Long),
        StapTernary t => Evaluate(t.Condition, locals).Long != 0 ? Evaluate(t.WhenTrue, locals) : Evaluate(t.WhenFalse, locals),
        StapBinary { Operator: "&&" } b => StapValue.Of(Evaluate(b.Left, locals).Long != 0 && Evaluate(b.Right, locals).Long != 0 ? 1 : 0),
        StapBinary { Operator: "||" } b => StapValue.Of(Evaluate(b.Left, locals).Long != 0 || Evaluate(b.Right, locals).Long != 0 ? 1 : 0),
        StapBinary b => Binary(b.Operator, Evaluate(b.Left, locals), Evaluate(b.Right, locals)),
        StapCall call => CallOf(call, call.Arguments.Select(a => Evaluate(a, locals)).ToList()),
        _ => throw new InvalidOperationException(expression.GetType().Name),
    };

    private static StapValue Unary(string op, long value) => StapValue.Of(op switch
    {
        "-" => unchecked(-value),
        "!" => value == 0 ? 1 : 0,
        "~" => ~value,
        "+" => value,
        _ => throw new InvalidOperationException(op),
    });

    private static StapValue Binary(string op, StapValue left, StapValue right)
    {
        if (left.IsString != right.IsString)
        {
            throw new StapSemanticError($"{op} between a string and a long");
        }

        if (left.IsString)
        {
            return op switch
            {
                "." => StapValue.Of(Cut([.. left.Bytes!, .. right.Bytes!])),
                "==" => StapValue.Of(left.Bytes!.AsSpan().SequenceEqual(right.Bytes) ? 1 : 0),
                "!=" => StapValue.Of(left.Bytes!.AsSpan().SequenceEqual(right.Bytes) ? 0 : 1),
                _ => throw new InvalidOperationException($"{op} on strings"),
            };
        }

        var (x, y) = (left.Long, right.Long);
        return StapValue.Of(op switch
        {
            "+" => unchecked(x + y),
            "-" => unchecked(x - y),
            "*" => unchecked(x * y),
            "/" => y == 0 ? throw new StapRuntimeError("division by 0") : y == -1 ? unchecked(-x) : x / y,
            "%" => y == 0 ? throw new StapRuntimeError("division by 0") : y is 1 or -1 ? 0 : x % y,
            "<<" => x << (int)(y & 63),
            ">>" => x >> (int)(y & 63),
            ">>>" => (long)((ulong)x >> (int)(y & 63)),
            "&" => x & y,
            "|" => x | y,
            "^" => x ^ y,
            "<" => x < y ? 1 : 0,
            ">" => x > y ? 1 : 0,
            "<=" => x <= y ? 1 : 0,
            ">=" => x >= y ? 1 : 0,
            "==" => x == y ? 1 : 0,
            "!=" => x != y ? 1 : 0,
            _ => throw new InvalidOperationException(op),
        });
    }

    /// <summary>A function of the script (which, like stap, takes the place of a library function of that name), or one of stap's.</summary>
    private StapValue CallOf(StapCall call, IReadOnlyList<StapValue> arguments) => call.Function switch
    {
        var script when functions.ContainsKey(script) => Call(script, arguments),
        "strlen" => StapValue.Of(Text(arguments[0], call).Length),
        "sprintf" => StapValue.Of(Cut(Sprintf(Text(arguments[0], call), arguments.Skip(1).ToList()))),
        _ => throw new StapSemanticError($"no function {call.Function}"),
    };

    private static byte[] Text(StapValue value, StapCall call) =>
        value.Bytes ?? throw new StapSemanticError($"{call.Function} given a long where stap expects a string");

    /// <summary>stap's printf conversions as the translator emits them for interpolation: %[-][width](d|i|x|X|s), and %%.</summary>
    private static byte[] Sprintf(byte[] format, IReadOnlyList<StapValue> values)
    {
        var output = new List<byte>();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != (byte)'%')
            {
                output.Add(format[i]);
                continue;
            }

            i++;
            if (format[i] == (byte)'%')
            {
                output.Add((byte)'%');
                continue;
            }

            var left = format[i] == (byte)'-';
            if (left)
            {
                i++;
            }

            var width = 0;
            for (; char.IsAsciiDigit((char)format[i]); i++)
            {
                width = width * 10 + (format[i] - '0');
            }

            var value = values[next++];
            var text = (char)format[i] switch
            {
                'd' or 'i' => Encoding.ASCII.GetBytes(value.Long.ToString(CultureInfo.InvariantCulture)),
                'x' => Encoding.ASCII.GetBytes(value.Long.ToString("x", CultureInfo.InvariantCulture)),
                'X' => Encoding.ASCII.GetBytes(value.Long.ToString("X", CultureInfo.InvariantCulture)),
                's' => value.Bytes!,
                var other => throw new InvalidOperationException($"conversion %{other} is not modelled"),
            };
            var padding = Enumerable.Repeat((byte)' ', Math.Max(0, width - text.Length));
            output.AddRange(left ? [.. text, .. padding] : [.. padding, .. text]);
        }

        return [.. output];
    }

    private static byte[] Cut(byte[] bytes) => bytes.Length <= MaxStringBytes ? bytes : bytes[..MaxStringBytes];
}
