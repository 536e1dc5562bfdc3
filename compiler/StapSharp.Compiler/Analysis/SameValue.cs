using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.Compiler.Analysis;

/// <summary>
/// Whether two expressions read the same value, decided by what they name (symbols and constants), never by how they
/// are spelled: <c>count</c> and <c>this.count</c> are the same field, <c>a[(k, 1)]</c> and <c>a[(k,1)]</c> the same
/// element, and a local that shadows a field is not the field.
/// </summary>
internal static class SameValue
{
    public static bool Equal(ExpressionSyntax left, ExpressionSyntax right, SemanticModel model)
    {
        left = Strip(left);
        right = Strip(right);
        if (model.GetConstantValue(left) is { HasValue: true } leftConstant)
        {
            return model.GetConstantValue(right) is { HasValue: true } rightConstant && Equals(leftConstant.Value, rightConstant.Value);
        }

        return (left, right) switch
        {
            (IdentifierNameSyntax or MemberAccessExpressionSyntax, IdentifierNameSyntax or MemberAccessExpressionSyntax) =>
                SameSymbol(left, right, model) && SameReceiver(left, right, model),
            (ElementAccessExpressionSyntax a, ElementAccessExpressionSyntax b) =>
                Equal(a.Expression, b.Expression, model) && Pairwise(a.ArgumentList.Arguments, b.ArgumentList.Arguments, model),
            (TupleExpressionSyntax a, TupleExpressionSyntax b) => Pairwise(a.Arguments, b.Arguments, model),
            (InvocationExpressionSyntax a, InvocationExpressionSyntax b) =>
                SameSymbol(a, b, model) && SameReceiver(a.Expression, b.Expression, model) && Pairwise(a.ArgumentList.Arguments, b.ArgumentList.Arguments, model),
            (CastExpressionSyntax a, CastExpressionSyntax b) =>
                SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(a).Type, model.GetTypeInfo(b).Type) && Equal(a.Expression, b.Expression, model),
            (BinaryExpressionSyntax a, BinaryExpressionSyntax b) =>
                a.Kind() == b.Kind() && Equal(a.Left, b.Left, model) && Equal(a.Right, b.Right, model),
            (PrefixUnaryExpressionSyntax a, PrefixUnaryExpressionSyntax b) =>
                a.Kind() == b.Kind() && a.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression
                    or SyntaxKind.BitwiseNotExpression or SyntaxKind.LogicalNotExpression && Equal(a.Operand, b.Operand, model),
            _ => false,
        };
    }

    /// <summary>True when <paramref name="value"/> is read somewhere in <paramref name="expression"/> (or is it).</summary>
    public static bool Mentions(ExpressionSyntax expression, ExpressionSyntax value, SemanticModel model) =>
        expression.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(e => Equal(e, value, model));

    public static ExpressionSyntax Strip(ExpressionSyntax syntax) =>
        syntax is ParenthesizedExpressionSyntax p ? Strip(p.Expression) : syntax;

    private static bool SameSymbol(ExpressionSyntax left, ExpressionSyntax right, SemanticModel model) =>
        model.GetSymbolInfo(left).Symbol is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, model.GetSymbolInfo(right).Symbol);

    /// <summary>
    /// An instance member read through two receivers is the same value only when the receivers are; <c>this.x</c> and
    /// <c>x</c> have the same (implicit) receiver, and a static member or a local has none that matters.
    /// </summary>
    private static bool SameReceiver(ExpressionSyntax left, ExpressionSyntax right, SemanticModel model)
    {
        var leftReceiver = ExplicitReceiver(left, model);
        var rightReceiver = ExplicitReceiver(right, model);
        return leftReceiver is null && rightReceiver is null
            || leftReceiver is not null && rightReceiver is not null && Equal(leftReceiver, rightReceiver, model);
    }

    private static ExpressionSyntax? ExplicitReceiver(ExpressionSyntax expression, SemanticModel model) =>
        expression is MemberAccessExpressionSyntax access
            && access.Expression is not ThisExpressionSyntax
            && model.GetSymbolInfo(access.Expression).Symbol is not (ITypeSymbol or INamespaceSymbol)
            && model.GetSymbolInfo(access).Symbol is { IsStatic: false }
                ? access.Expression
                : null;

    private static bool Pairwise(SeparatedSyntaxList<ArgumentSyntax> left, SeparatedSyntaxList<ArgumentSyntax> right, SemanticModel model) =>
        left.Count == right.Count && left.Zip(right).All(pair => Equal(pair.First.Expression, pair.Second.Expression, model));
}
