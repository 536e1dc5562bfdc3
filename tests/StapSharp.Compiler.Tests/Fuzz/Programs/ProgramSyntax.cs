using System.Text;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>The C# types a generated probe script computes with.</summary>
internal enum ValueKind
{
    Long,
    Bool,
    String,
}

/// <summary>
/// A generated C# expression. The printer adds only the parentheses C#'s precedence needs, so the
/// translator sees (and must keep) C#'s precedence and associativity, not ours.
/// </summary>
internal abstract record Expr(ValueKind Kind)
{
    /// <summary>C#'s binding strength: higher binds tighter (primary 15 ... conditional 2).</summary>
    public abstract int Precedence { get; }

    /// <summary>True when the expression holds no variable or call: C# folds it to a constant.</summary>
    public abstract bool IsConstant { get; }

    public override string ToString() => CSharp.Of(this);
}

/// <summary>A literal or any other atom written as it is (<c>long.MaxValue</c>, <c>"a\n"</c>, <c>0x1F</c>).</summary>
internal sealed record Atom(ValueKind Kind, string Text, bool Constant = true) : Expr(Kind)
{
    public override int Precedence => Text.StartsWith('-') ? 14 : 15;

    public override bool IsConstant => Constant;
}

/// <summary>A local, parameter or global.</summary>
internal sealed record Name(ValueKind Kind, string Identifier) : Expr(Kind)
{
    public override int Precedence => 15;

    public override bool IsConstant => false;
}

internal sealed record Unary(ValueKind Kind, string Operator, Expr Operand) : Expr(Kind)
{
    public override int Precedence => 14;

    public override bool IsConstant => Operand.IsConstant;
}

internal sealed record Binary(ValueKind Kind, string Operator, Expr Left, Expr Right) : Expr(Kind)
{
    public override int Precedence => CSharp.BinaryPrecedence(Operator);

    public override bool IsConstant => Left.IsConstant && Right.IsConstant;
}

internal sealed record Conditional(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(WhenTrue.Kind)
{
    public override int Precedence => 2;

    public override bool IsConstant => false;
}

/// <summary>An argument, positional or named (<c>b: x</c>).</summary>
internal sealed record Argument(string? Name, Expr Value);

/// <summary><c>Target(args)</c>: a method of the script, of <c>Stap</c>, of a map or a statistic.</summary>
internal sealed record Call(ValueKind Kind, string Target, IReadOnlyList<Argument> Arguments) : Expr(Kind)
{
    public override int Precedence => 15;

    public override bool IsConstant => false;
}

/// <summary>Any other expression, printed as written (map reads, queries, aggregates): primary, never constant.</summary>
internal sealed record Raw(ValueKind Kind, string Text) : Expr(Kind)
{
    public override int Precedence => 15;

    public override bool IsConstant => false;
}

/// <summary>An interpolated string: text parts (already escaped for C#) and holes.</summary>
internal sealed record Interpolated(IReadOnlyList<InterpolationPart> Parts) : Expr(ValueKind.String)
{
    public override int Precedence => 15;

    public override bool IsConstant => false;
}

internal abstract record InterpolationPart;

/// <summary>Text of an interpolated string, as it is written in the C# source (<c>{{</c> for a brace).</summary>
internal sealed record InterpolationText(string Source) : InterpolationPart;

/// <summary><c>{value,alignment:format}</c>.</summary>
internal sealed record InterpolationHole(Expr Value, int? Alignment, string? Format) : InterpolationPart;

/// <summary>A generated statement.</summary>
internal abstract record Stmt;

internal sealed record Block(IReadOnlyList<Stmt> Statements) : Stmt;

/// <summary><c>type name = value;</c></summary>
internal sealed record LocalDeclaration(string Type, string Identifier, Expr Value) : Stmt;

internal sealed record ExpressionStatement(string Text) : Stmt;

internal sealed record If(Expr Condition, Stmt Then, Stmt? Else) : Stmt;

internal sealed record While(Expr Condition, Stmt Body) : Stmt;

/// <summary><c>for (long i = start; condition; increment) body</c>.</summary>
internal sealed record For(string Variable, Expr Start, Expr Condition, string Increment, Stmt Body) : Stmt;

/// <summary><c>foreach (header in collection) body</c>.</summary>
internal sealed record Foreach(string Header, string Collection, Stmt Body) : Stmt;

internal sealed record TryCatch(Stmt Body, string Variable, Stmt Handler) : Stmt;

/// <summary><c>break;</c>, <c>continue;</c>, <c>return;</c> or <c>return value;</c>.</summary>
internal sealed record Jump(string Keyword, Expr? Value = null) : Stmt;

/// <summary>A member of a probe class.</summary>
internal abstract record Member;

/// <summary>A field, written out (<c>static long x = 1;</c>, with attributes).</summary>
internal sealed record Field(string Text) : Member;

/// <summary>A method: attributes, signature, body (a block, or an expression with <c>=&gt;</c>).</summary>
internal sealed record Method(IReadOnlyList<string> Attributes, string Signature, Block? Body, Expr? ExpressionBody = null) : Member;

/// <summary>A probe class, its attributes, and the outer classes it is nested in.</summary>
internal sealed record ProbeClass(string Identifier, IReadOnlyList<string> Attributes, IReadOnlyList<Member> Members);

/// <summary>One generated source file: type declarations (event records, enums) and probe classes, in a namespace or not.</summary>
internal sealed record ProgramSource(string? Namespace, IReadOnlyList<string> OuterClasses, IReadOnlyList<string> Types, IReadOnlyList<ProbeClass> Classes)
{
    public override string ToString() => CSharp.Of(this);
}

/// <summary>Prints generated syntax as C#.</summary>
internal static class CSharp
{
    public static int BinaryPrecedence(string op) => op switch
    {
        "*" or "/" or "%" => 13,
        "+" or "-" => 12,
        "<<" or ">>" or ">>>" => 11,
        "<" or ">" or "<=" or ">=" => 10,
        "==" or "!=" => 9,
        "&" => 8,
        "^" => 7,
        "|" => 6,
        "&&" => 5,
        "||" => 4,
        _ => throw new ArgumentException($"not a binary operator: {op}"),
    };

    public static string Of(Expr expr) => expr switch
    {
        Atom atom => atom.Text,
        Name name => name.Identifier,
        Unary unary => unary.Operator + UnaryOperand(unary),
        Binary binary => $"{Operand(binary.Left, binary.Precedence, left: true)} {binary.Operator} {Operand(binary.Right, binary.Precedence, left: false)}",
        Conditional c => $"{Operand(c.Condition, 3, left: true)} ? {Operand(c.WhenTrue, 2, left: true)} : {Operand(c.WhenFalse, 2, left: true)}",
        Call call => $"{call.Target}({string.Join(", ", call.Arguments.Select(Of))})",
        Raw raw => raw.Text,
        Interpolated interpolated => "$\"" + string.Concat(interpolated.Parts.Select(Of)) + "\"",
        _ => throw new ArgumentException(expr.GetType().Name),
    };

    private static string Of(Argument argument) => (argument.Name is null ? string.Empty : argument.Name + ": ") + Of(argument.Value);

    private static string Of(InterpolationPart part) => part switch
    {
        InterpolationText text => text.Source,
        // A conditional in a hole needs parentheses: its ':' would start the format clause.
        InterpolationHole hole => "{" + (hole.Value is Conditional ? $"({Of(hole.Value)})" : Of(hole.Value)) +
                                  (hole.Alignment is { } a ? "," + a : string.Empty) + (hole.Format is { } f ? ":" + f : string.Empty) + "}",
        _ => throw new ArgumentException(part.GetType().Name),
    };

    /// <summary>An operand in parentheses when C# would otherwise bind it differently (binary operators are left-associative).</summary>
    private static string Operand(Expr operand, int precedence, bool left)
    {
        var text = Of(operand);
        return operand.Precedence < precedence || (!left && operand.Precedence == precedence) ? $"({text})" : text;
    }

    /// <summary>The operand of a prefix operator; "- -x" must not print as "--x".</summary>
    private static string UnaryOperand(Unary unary)
    {
        var text = Of(unary.Operand);
        var needsParentheses = unary.Operand.Precedence < unary.Precedence || text.StartsWith(unary.Operator, StringComparison.Ordinal) ||
                               (unary.Operator is "-" or "+" && text.Length > 0 && text[0] is '-' or '+');
        return needsParentheses ? $"({text})" : text;
    }

    public static string Of(ProgramSource source)
    {
        var output = new StringBuilder("using StapSharp;\nusing static StapSharp.Stap;\n\n");
        var indent = 0;
        if (source.Namespace is { } ns)
        {
            output.Append("namespace ").Append(ns).Append("\n{\n");
            indent++;
        }

        foreach (var type in source.Types)
        {
            Line(output, indent, type);
        }

        foreach (var outer in source.OuterClasses)
        {
            Line(output, indent, $"public static partial class {outer}");
            Line(output, indent++, "{");
        }

        foreach (var probeClass in source.Classes)
        {
            Print(output, indent, probeClass);
        }

        while (indent > 0)
        {
            Line(output, --indent, "}");
        }

        return output.ToString();
    }

    private static void Print(StringBuilder output, int indent, ProbeClass probeClass)
    {
        foreach (var attribute in probeClass.Attributes)
        {
            Line(output, indent, attribute);
        }

        Line(output, indent, $"public sealed class {probeClass.Identifier} : ProbeScript");
        Line(output, indent, "{");
        foreach (var member in probeClass.Members)
        {
            switch (member)
            {
                case Field field:
                    Line(output, indent + 1, field.Text);
                    break;
                case Method method:
                    output.Append('\n');
                    foreach (var attribute in method.Attributes)
                    {
                        Line(output, indent + 1, attribute);
                    }

                    if (method.ExpressionBody is { } body)
                    {
                        Line(output, indent + 1, $"{method.Signature} => {Of(body)};");
                    }
                    else if (method.Body is null)
                    {
                        Line(output, indent + 1, method.Signature); // extern: the signature ends with ';'
                    }
                    else
                    {
                        Line(output, indent + 1, method.Signature);
                        Print(output, indent + 1, method.Body);
                    }

                    break;
            }
        }

        Line(output, indent, "}");
    }

    private static void Print(StringBuilder output, int indent, Stmt statement)
    {
        switch (statement)
        {
            case Block block:
                Line(output, indent, "{");
                foreach (var inner in block.Statements)
                {
                    Print(output, indent + 1, inner);
                }

                Line(output, indent, "}");
                break;
            case LocalDeclaration local:
                Line(output, indent, $"{local.Type} {local.Identifier} = {Of(local.Value)};");
                break;
            case ExpressionStatement expression:
                Line(output, indent, expression.Text + ";");
                break;
            case If @if:
                Line(output, indent, $"if ({Of(@if.Condition)})");
                PrintBody(output, indent, @if.Then);
                if (@if.Else is { } otherwise)
                {
                    if (otherwise is If chained)
                    {
                        // else if: the chain stays flat, as people write it.
                        output.Append(' ', indent * 4).Append("else ");
                        var nested = new StringBuilder();
                        Print(nested, indent, chained);
                        output.Append(nested.ToString().TrimStart());
                    }
                    else
                    {
                        Line(output, indent, "else");
                        PrintBody(output, indent, otherwise);
                    }
                }

                break;
            case While loop:
                Line(output, indent, $"while ({Of(loop.Condition)})");
                PrintBody(output, indent, loop.Body);
                break;
            case For loop:
                Line(output, indent, $"for (long {loop.Variable} = {Of(loop.Start)}; {Of(loop.Condition)}; {loop.Increment})");
                PrintBody(output, indent, loop.Body);
                break;
            case Foreach loop:
                Line(output, indent, $"foreach ({loop.Header} in {loop.Collection})");
                PrintBody(output, indent, loop.Body);
                break;
            case TryCatch tryCatch:
                Line(output, indent, "try");
                PrintBody(output, indent, tryCatch.Body);
                Line(output, indent, $"catch (StapException {tryCatch.Variable})");
                PrintBody(output, indent, tryCatch.Handler);
                break;
            case Jump jump:
                Line(output, indent, jump.Value is null ? jump.Keyword + ";" : $"{jump.Keyword} {Of(jump.Value)};");
                break;
            default:
                throw new ArgumentException(statement.GetType().Name);
        }
    }

    /// <summary>A nested statement: a block as it is, anything else indented on its own line (an if in braces, so no else dangles).</summary>
    private static void PrintBody(StringBuilder output, int indent, Stmt body)
    {
        switch (body)
        {
            case Block:
                Print(output, indent, body);
                break;
            case If:
                Print(output, indent, new Block([body]));
                break;
            default:
                Print(output, indent + 1, body);
                break;
        }
    }

    private static void Line(StringBuilder output, int indent, string text) =>
        output.Append(' ', indent * 4).Append(text).Append('\n');
}
