using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Lowering;

namespace StapSharp.Compiler.Binding;

/// <summary>Operators: which C# operators mean the same in stap, and the IR operator each becomes.</summary>
internal sealed partial class ExpressionBinder
{
    private static readonly Dictionary<SyntaxKind, BinaryOperator> LongOperators = new()
    {
        [SyntaxKind.AddExpression] = BinaryOperator.Add,
        [SyntaxKind.SubtractExpression] = BinaryOperator.Subtract,
        [SyntaxKind.MultiplyExpression] = BinaryOperator.Multiply,
        [SyntaxKind.DivideExpression] = BinaryOperator.Divide,
        [SyntaxKind.ModuloExpression] = BinaryOperator.Remainder,
        [SyntaxKind.LeftShiftExpression] = BinaryOperator.ShiftLeft,
        [SyntaxKind.RightShiftExpression] = BinaryOperator.ShiftRight,
        [SyntaxKind.UnsignedRightShiftExpression] = BinaryOperator.UnsignedShiftRight,
        [SyntaxKind.BitwiseAndExpression] = BinaryOperator.BitwiseAnd,
        [SyntaxKind.BitwiseOrExpression] = BinaryOperator.BitwiseOr,
        [SyntaxKind.ExclusiveOrExpression] = BinaryOperator.ExclusiveOr,
        [SyntaxKind.LogicalAndExpression] = BinaryOperator.LogicalAnd,
        [SyntaxKind.LogicalOrExpression] = BinaryOperator.LogicalOr,
        [SyntaxKind.LessThanExpression] = BinaryOperator.Less,
        [SyntaxKind.LessThanOrEqualExpression] = BinaryOperator.LessOrEqual,
        [SyntaxKind.GreaterThanExpression] = BinaryOperator.Greater,
        [SyntaxKind.GreaterThanOrEqualExpression] = BinaryOperator.GreaterOrEqual,
        [SyntaxKind.EqualsExpression] = BinaryOperator.Equal,
        [SyntaxKind.NotEqualsExpression] = BinaryOperator.NotEqual,
    };

    private static readonly Dictionary<SyntaxKind, AssignmentOperator> CompoundOperators = new()
    {
        [SyntaxKind.SimpleAssignmentExpression] = AssignmentOperator.Assign,
        [SyntaxKind.AddAssignmentExpression] = AssignmentOperator.Add,
        [SyntaxKind.SubtractAssignmentExpression] = AssignmentOperator.Subtract,
        [SyntaxKind.MultiplyAssignmentExpression] = AssignmentOperator.Multiply,
        [SyntaxKind.DivideAssignmentExpression] = AssignmentOperator.Divide,
        [SyntaxKind.ModuloAssignmentExpression] = AssignmentOperator.Remainder,
        [SyntaxKind.LeftShiftAssignmentExpression] = AssignmentOperator.ShiftLeft,
        [SyntaxKind.RightShiftAssignmentExpression] = AssignmentOperator.ShiftRight,
        [SyntaxKind.AndAssignmentExpression] = AssignmentOperator.BitwiseAnd,
        [SyntaxKind.OrAssignmentExpression] = AssignmentOperator.BitwiseOr,
        [SyntaxKind.ExclusiveOrAssignmentExpression] = AssignmentOperator.ExclusiveOr,
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

        return Shifts.IsShift(op)
            ? Shifts.Lower(span, op, left, right)
            : new Binary(span, StapType.Long, op, left, right);
    }

    private Expression BindStringBinary(BinaryExpressionSyntax binary, BinaryOperator op, Expression left, Expression right)
    {
        var span = SpanOf(binary);
        if (left.Type != right.Type)
        {
            Diagnostics.Report(DiagnosticCatalog.ImplicitStringConversion, binary);
            return Error(binary, op == BinaryOperator.Add ? StapType.String : StapType.Long);
        }

        return op switch
        {
            BinaryOperator.Add => new Binary(span, StapType.String, BinaryOperator.Concatenate, left, right),
            BinaryOperator.Equal or BinaryOperator.NotEqual => new Binary(span, StapType.Long, op, left, right),
            _ => Unsupported(binary, $"The operator '{binary.OperatorToken.Text}' on strings", "strings support + (concatenation), == and !="),
        };
    }

    private Expression BindPrefix(PrefixUnaryExpressionSyntax prefix)
    {
        var span = SpanOf(prefix);
        switch (prefix.Kind())
        {
            case SyntaxKind.PreIncrementExpression:
            case SyntaxKind.PreDecrementExpression:
                var target = BindAssignable(prefix.Operand, prefix, prefix.OperatorToken.Text);
                return new Crement(span, StapType.Long, CrementOf(prefix.Kind()), Prefix: true, target);
            case SyntaxKind.UnaryMinusExpression:
                return new Unary(span, StapType.Long, UnaryOperator.Negate, Bind(prefix.Operand, StapType.Long));
            case SyntaxKind.BitwiseNotExpression:
                return new Unary(span, StapType.Long, UnaryOperator.BitwiseNot, Bind(prefix.Operand, StapType.Long));
            case SyntaxKind.LogicalNotExpression:
                return _calls.TryBindNegatedMatch(prefix) ?? new Unary(span, StapType.Long, UnaryOperator.LogicalNot, Bind(prefix.Operand, StapType.Long));
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

        var target = BindAssignable(postfix.Operand, postfix, postfix.OperatorToken.Text);
        return new Crement(SpanOf(postfix), StapType.Long, CrementOf(postfix.Kind()), Prefix: false, target);
    }

    private static CrementOperator CrementOf(SyntaxKind kind) =>
        kind is SyntaxKind.PreIncrementExpression or SyntaxKind.PostIncrementExpression ? CrementOperator.Increment : CrementOperator.Decrement;

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

        var target = BindAssignable(assignment.Left, assignment, assignment.OperatorToken.Text);
        var value = Bind(assignment.Right, target.Type);
        if (target.Type == StapType.String)
        {
            AssignmentOperator? onString = op switch
            {
                AssignmentOperator.Assign => AssignmentOperator.Assign,
                AssignmentOperator.Add => AssignmentOperator.Append,
                _ => null,
            };
            if (onString is not { } stringOp)
            {
                return Unsupported(assignment, $"The operator '{assignment.OperatorToken.Text}' on a string", "strings support = and += (append)");
            }

            op = stringOp;
        }

        return new Assignment(span, target.Type, op, target, value);
    }

    /// <summary>
    /// The target of an assignment or ++/-- (<paramref name="operation"/>): a local, a global, a map element, or a
    /// <c>[Target] ref</c> parameter where stap lets the body write its target variable (<see cref="TargetWriteRules"/>).
    /// </summary>
    private Expression BindAssignable(ExpressionSyntax syntax, ExpressionSyntax operation, string operatorText)
    {
        var written = syntax;
        while (written is ParenthesizedExpressionSyntax parenthesized)
        {
            written = parenthesized.Expression;
        }

        if (written is IdentifierNameSyntax identifier && Model.GetSymbolInfo(identifier).Symbol is IParameterSymbol parameter &&
            _context.TargetParameters.TryGetValue(parameter, out var path))
        {
            // Written, not read: a procfs .read probe may set $value (and append to it) but not read it.
            var type = ScalarType(identifier, parameter.Type);
            _context.TargetWrites.CheckWrite(operation, path, type, operatorText, parameter);
            return new TargetVariable(SpanOf(identifier), type, path);
        }

        var target = Bind(syntax);
        switch (target)
        {
            case VariableRef or ArrayElement:
                return target;
            case TapsetGlobalRead tapsetGlobal:
                TapsetGlobals.ReportWrite(operation, written is ElementAccessExpressionSyntax element ? element.Expression : written, tapsetGlobal.Name);
                return target;
            case MacroParameter:
                Diagnostics.Report(DiagnosticCatalog.MacroParameterAssigned, operation, Model.GetEnclosingSymbol(operation.SpanStart)?.Name ?? string.Empty, written.ToString());
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
