using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>Operators: which C# operators mean the same in stap, and how they are spelled there.</summary>
internal sealed partial class ExpressionBinder
{
    private static readonly Dictionary<SyntaxKind, string> LongOperators = new()
    {
        [SyntaxKind.AddExpression] = "+",
        [SyntaxKind.SubtractExpression] = "-",
        [SyntaxKind.MultiplyExpression] = "*",
        [SyntaxKind.DivideExpression] = "/",
        [SyntaxKind.ModuloExpression] = "%",
        [SyntaxKind.LeftShiftExpression] = "<<",
        [SyntaxKind.RightShiftExpression] = ">>",
        [SyntaxKind.UnsignedRightShiftExpression] = ">>>",
        [SyntaxKind.BitwiseAndExpression] = "&",
        [SyntaxKind.BitwiseOrExpression] = "|",
        [SyntaxKind.ExclusiveOrExpression] = "^",
        [SyntaxKind.LogicalAndExpression] = "&&",
        [SyntaxKind.LogicalOrExpression] = "||",
        [SyntaxKind.LessThanExpression] = "<",
        [SyntaxKind.LessThanOrEqualExpression] = "<=",
        [SyntaxKind.GreaterThanExpression] = ">",
        [SyntaxKind.GreaterThanOrEqualExpression] = ">=",
        [SyntaxKind.EqualsExpression] = "==",
        [SyntaxKind.NotEqualsExpression] = "!=",
    };

    private static readonly Dictionary<SyntaxKind, string> CompoundOperators = new()
    {
        [SyntaxKind.SimpleAssignmentExpression] = "=",
        [SyntaxKind.AddAssignmentExpression] = "+=",
        [SyntaxKind.SubtractAssignmentExpression] = "-=",
        [SyntaxKind.MultiplyAssignmentExpression] = "*=",
        [SyntaxKind.DivideAssignmentExpression] = "/=",
        [SyntaxKind.ModuloAssignmentExpression] = "%=",
        [SyntaxKind.LeftShiftAssignmentExpression] = "<<=",
        [SyntaxKind.RightShiftAssignmentExpression] = ">>=",
        [SyntaxKind.AndAssignmentExpression] = "&=",
        [SyntaxKind.OrAssignmentExpression] = "|=",
        [SyntaxKind.ExclusiveOrAssignmentExpression] = "^=",
    };

    private Expression BindBinary(BinaryExpressionSyntax binary)
    {
        var span = SpanOf(binary);
        if (!LongOperators.TryGetValue(binary.Kind(), out var op))
        {
            return Unsupported(binary, $"The operator '{binary.OperatorToken.Text}'", "stap has + - * / % << >> >>> & | ^ && || and comparisons");
        }

        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        if (left.Type == StapType.String || right.Type == StapType.String)
        {
            return BindStringBinary(binary, op, left, right);
        }

        return new Binary(span, StapType.Long, op, left, right);
    }

    private Expression BindStringBinary(BinaryExpressionSyntax binary, string op, Expression left, Expression right)
    {
        var span = SpanOf(binary);
        if (left.Type != right.Type)
        {
            Diagnostics.Report(DiagnosticCatalog.ImplicitStringConversion, binary);
            return Error(binary, op == "+" ? StapType.String : StapType.Long);
        }

        return op switch
        {
            "+" => new Binary(span, StapType.String, ".", left, right),
            "==" or "!=" => new Binary(span, StapType.Long, op, left, right),
            _ => Unsupported(binary, $"The operator '{op}' on strings", "strings support + (concatenation), == and !="),
        };
    }

    private Expression BindPrefix(PrefixUnaryExpressionSyntax prefix)
    {
        var span = SpanOf(prefix);
        switch (prefix.Kind())
        {
            case SyntaxKind.PreIncrementExpression:
            case SyntaxKind.PreDecrementExpression:
                var target = BindAssignable(prefix.Operand);
                return new Crement(span, StapType.Long, prefix.OperatorToken.Text, Prefix: true, target);
            case SyntaxKind.UnaryMinusExpression:
            case SyntaxKind.BitwiseNotExpression:
            case SyntaxKind.LogicalNotExpression:
                return new Unary(span, StapType.Long, prefix.OperatorToken.Text, Bind(prefix.Operand, StapType.Long));
            case SyntaxKind.UnaryPlusExpression:
                return Bind(prefix.Operand, StapType.Long);
            default:
                return Unsupported(prefix, $"The operator '{prefix.OperatorToken.Text}'", "stap has the prefix operators - ! ~ ++ --");
        }
    }

    private Expression BindPostfix(PostfixUnaryExpressionSyntax postfix)
    {
        if (postfix.Kind() is not (SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression))
        {
            return Unsupported(postfix, $"The operator '{postfix.OperatorToken.Text}'", "stap has the postfix operators ++ and --");
        }

        var target = BindAssignable(postfix.Operand);
        return new Crement(SpanOf(postfix), StapType.Long, postfix.OperatorToken.Text, Prefix: false, target);
    }

    private Expression BindAssignment(AssignmentExpressionSyntax assignment)
    {
        var span = SpanOf(assignment);
        if (!CompoundOperators.TryGetValue(assignment.Kind(), out var op))
        {
            return Unsupported(assignment, $"The operator '{assignment.OperatorToken.Text}'", "write the operation out: x = x >>> n");
        }

        if (assignment.Left is TupleExpressionSyntax or DeclarationExpressionSyntax)
        {
            return Unsupported(assignment, "Deconstruction", "assign each variable on its own");
        }

        var target = BindAssignable(assignment.Left);
        var value = Bind(assignment.Right, target.Type);
        if (target.Type == StapType.String)
        {
            op = op switch
            {
                "=" => "=",
                "+=" => ".=",
                _ => null!,
            };
            if (op is null)
            {
                return Unsupported(assignment, $"The operator '{assignment.OperatorToken.Text}' on a string", "strings support = and += (append)");
            }
        }

        return new Assignment(span, target.Type, op, target, value);
    }

    /// <summary>The target of an assignment or ++/--: a local, a global, a map element; never a target variable.</summary>
    private Expression BindAssignable(ExpressionSyntax syntax)
    {
        var target = Bind(syntax);
        switch (target)
        {
            case VariableRef or ArrayElement:
                return target;
            case TargetVariable:
                Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, syntax, "Writing a target variable",
                    "it changes kernel memory and needs guru mode; copy it into a local and change that");
                return target;
            default:
                if (target is not Literal)
                {
                    Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, syntax, $"Assigning to '{syntax}'",
                        "assign to a local, a static field, or a map element");
                }

                return target;
        }
    }
}
