using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Lowering;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// Conditions on <c>StapSharp.Kernel</c> facts are decided when the script is built: an <c>if</c> or
/// <c>c ? a : b</c> whose condition reads them binds to a build-time test (stap's
/// <c>%( condition %? ... %: ... %)</c>, shaped by Lowering/BuildConditionLowering). Each comparison
/// is checked here; so is the size of the shape the test will take.
/// </summary>
internal static class PreprocessorBinder
{
    // \A and \z, not ^ and $: "$" also matches before a final line end, which must not get through.
    private static readonly Regex Version = new(@"\A[0-9][0-9A-Za-z.\-_+~*?]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex ConfigName = new(@"\ACONFIG_[A-Za-z0-9_]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex FactValue = new(@"\A[A-Za-z0-9.\-_+~*?]*\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// The build-time form of an <c>if</c> condition (<c>if (Kernel...) S else S</c> → <c>%( ... %? S %: S %)</c>);
    /// null when the condition reads no Kernel fact.
    /// </summary>
    public static BuildTest? TryBindCondition(ExpressionSyntax condition, BodyContext context, string advice = NestAdvice) =>
        ReadsBuildFacts(condition, context) ? BindCondition(condition, context, advice) : null;

    /// <summary>What to write instead of a condition too large for stap's form, where the condition guards code or a value.</summary>
    private const string NestAdvice = "nest the && parts instead, one inside the other: if (A || B) { if (C || D) { ... } }, or (A || B) ? ((C || D) ? x : y) : y";

    /// <summary><c>Kernel... ? a : b</c> → <c>%( ... %? a %: b %)</c>; null when the condition reads no Kernel fact.</summary>
    public static Expression? TryBindConditional(ConditionalExpressionSyntax conditional, ExpressionBinder expressions, BodyContext context)
    {
        if (!ReadsBuildFacts(conditional.Condition, context))
        {
            return null;
        }

        var condition = BindCondition(conditional.Condition, context);
        var whenTrue = expressions.Bind(conditional.WhenTrue);
        var whenFalse = expressions.Bind(conditional.WhenFalse, whenTrue.Type);
        return new BoundBuildConditionalExpression(ExpressionBinder.SpanOf(conditional), whenTrue.Type, condition, whenTrue, whenFalse);
    }

    /// <summary>A Kernel member read anywhere else: reported, with a placeholder; null for other members.</summary>
    public static Expression? ReportOutsideCondition(ExpressionSyntax syntax, ISymbol symbol, BodyContext context)
    {
        if (!KnownSymbols.Is(symbol.ContainingType, context.Known.Kernel))
        {
            return null;
        }

        context.Diagnostics.Report(DiagnosticCatalog.BuildFactOutsideCondition, syntax, syntax.ToString());
        return ExpressionBinder.Error(syntax, StapTypes.Map((symbol as IMethodSymbol)?.ReturnType ?? (symbol as IPropertySymbol)?.Type, out _) ?? StapType.Long);
    }

    private static bool ReadsBuildFacts(ExpressionSyntax condition, BodyContext context)
    {
        var kernel = context.Known.Kernel;
        return condition.DescendantNodesAndSelf()
            .Where(n => n is MemberAccessExpressionSyntax or IdentifierNameSyntax)
            .Any(n => KnownSymbols.Is(context.Model.GetSymbolInfo(n).Symbol?.ContainingType, kernel));
    }

    /// <summary>
    /// Comparisons a condition may spread into. Spreading &amp;&amp; over || multiplies: (a || b) &amp;&amp; (c || d)
    /// is four conjunctions, and n such pairs are 2^n, so the size is counted before the condition is lowered.
    /// </summary>
    public const int MaxComparisons = 64;

    private static BuildTest BindCondition(ExpressionSyntax condition, BodyContext context, string advice = NestAdvice)
    {
        var test = Test(condition, context);
        var comparisons = BuildConditionLowering.ComparisonCount(test);
        if (comparisons > MaxComparisons)
        {
            var count = comparisons == long.MaxValue ? "more than 2^63" : comparisons.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Diagnostics.Report(DiagnosticCatalog.BuildConditionTooLarge, condition, count, MaxComparisons, advice);
            return new BuildInvalidTest();
        }

        return test;
    }

    /// <summary>The condition as C# wrote it: !, &amp;&amp; and || over comparisons.</summary>
    private static BuildTest Test(ExpressionSyntax syntax, BodyContext context)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Test(parenthesized.Expression, context);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                return new BuildNot(Test(unary.Operand, context));
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression):
                return new BuildOr(Test(binary.Left, context), Test(binary.Right, context));
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression):
                return new BuildAnd(Test(binary.Left, context), Test(binary.Right, context));
            default:
                return Comparison(syntax, context) ?? new BuildInvalidTest();
        }
    }

    private static BuildTest? Comparison(ExpressionSyntax syntax, BodyContext context)
    {
        var model = context.Model;
        var span = ExpressionBinder.SpanOf(syntax);
        switch (syntax)
        {
            case InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { Name: "VersionAtLeast" or "VersionBelow" or "SystemTapAtLeast" } method
                                                           && IsKernel(method, context):
                var version = Constant(invocation.ArgumentList.Arguments[0].Expression, Version, "a version such as \"5.10\"", context);
                var subject = method.Name == "SystemTapAtLeast" ? "systemtap_v" : "kernel_v";
                var atLeast = method.Name != "VersionBelow";
                return version is null ? null : new BuildFactTest(new BuildComparison(subject, atLeast ? ComparisonOperator.GreaterOrEqual : ComparisonOperator.Less, Literal.String(span, version)));
            case MemberAccessExpressionSyntax member when model.GetSymbolInfo(member).Symbol is IPropertySymbol { Name: "GuruMode" } guru && IsKernel(guru, context):
                return new BuildGuruModeTest(span);
            case BinaryExpressionSyntax binary when ComparisonOf(binary) is { } comparison
                                                    && (IsArgumentCount(binary.Left, context) || IsArgumentCount(binary.Right, context)):
                return ArgumentCountTest(binary, comparison, context);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                var equal = binary.IsKind(SyntaxKind.EqualsExpression);
                var (factSyntax, valueSyntax) = IsKernelMember(binary.Left, context) ? (binary.Left, binary.Right) : (binary.Right, binary.Left);
                if (!IsKernelMember(factSyntax, context))
                {
                    break;
                }

                if (FactOf(factSyntax, context) is not { } fact)
                {
                    return null;
                }

                var value = Constant(valueSyntax, FactValue, "a constant string such as \"x86_64\" or \"y\"", context);
                return value is null ? null : new BuildFactTest(new BuildComparison(fact, equal ? ComparisonOperator.Equal : ComparisonOperator.NotEqual, Literal.String(ExpressionBinder.SpanOf(valueSyntax), value)));
        }

        context.Diagnostics.Report(DiagnosticCatalog.BadBuildCondition, syntax,
            $"'{syntax}' is not a build-time fact: a condition on Kernel facts may only combine Kernel.VersionAtLeast/VersionBelow/SystemTapAtLeast(\"...\"), " +
            "Kernel.GuruMode, Kernel.ArgumentCount compared with a constant number, and Kernel.Arch/Release/Runtime/Config(\"CONFIG_...\") == or != \"constant\" with &&, || and !; test run-time values in an if inside it");
        return null;
    }

    /// <summary><c>Kernel.ArgumentCount OP N</c> (or <c>N OP Kernel.ArgumentCount</c>) → <c>$# OP N</c>, with a constant N.</summary>
    private static BuildTest? ArgumentCountTest(BinaryExpressionSyntax binary, ComparisonOperator comparison, BodyContext context)
    {
        var countOnLeft = IsArgumentCount(binary.Left, context);
        var valueSyntax = countOnLeft ? binary.Right : binary.Left;
        if (context.Model.GetConstantValue(valueSyntax) is not { HasValue: true, Value: int or long or short or sbyte or byte or ushort or uint } constant
            || Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture) is not (>= 0 and var count))
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadBuildCondition, valueSyntax,
                $"'{valueSyntax}' must be a constant number of arguments such as 1: stap compares $# while building the script");
            return null;
        }

        // 1 > Kernel.ArgumentCount is $# < 1: stap's %( %) wants the fact first.
        var op = countOnLeft ? comparison : comparison switch
        {
            ComparisonOperator.Less => ComparisonOperator.Greater,
            ComparisonOperator.Greater => ComparisonOperator.Less,
            ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
            ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
            _ => comparison,
        };
        return new BuildFactTest(new BuildComparison("$#", op, Literal.Long(ExpressionBinder.SpanOf(valueSyntax), count)));
    }

    private static ComparisonOperator? ComparisonOf(BinaryExpressionSyntax binary) => binary.Kind() switch
    {
        SyntaxKind.EqualsExpression => ComparisonOperator.Equal,
        SyntaxKind.NotEqualsExpression => ComparisonOperator.NotEqual,
        SyntaxKind.LessThanExpression => ComparisonOperator.Less,
        SyntaxKind.LessThanOrEqualExpression => ComparisonOperator.LessOrEqual,
        SyntaxKind.GreaterThanExpression => ComparisonOperator.Greater,
        SyntaxKind.GreaterThanOrEqualExpression => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };

    private static bool IsArgumentCount(ExpressionSyntax syntax, BodyContext context) =>
        context.Model.GetSymbolInfo(syntax).Symbol is IPropertySymbol { Name: "ArgumentCount" } property && IsKernel(property, context);

    /// <summary>The preprocessor word a string-valued Kernel fact stands for, or null.</summary>
    private static string? FactOf(ExpressionSyntax syntax, BodyContext context)
    {
        var symbol = context.Model.GetSymbolInfo(syntax).Symbol;
        if (symbol is null || !IsKernel(symbol, context))
        {
            return null;
        }

        switch (symbol.Name)
        {
            case "Arch":
                return "arch";
            case "Release":
                return "kernel_vr";
            case "Runtime":
                return "runtime";
            case "Config" when syntax is InvocationExpressionSyntax invocation:
                return Constant(invocation.ArgumentList.Arguments[0].Expression, ConfigName, "an option name such as \"CONFIG_SMP\"", context);
            default:
                context.Diagnostics.Report(DiagnosticCatalog.BadBuildCondition, syntax,
                    $"'{syntax}' cannot be compared with == or !=: compare Kernel.Arch, Kernel.Release, Kernel.Runtime or Kernel.Config(\"CONFIG_...\")");
                return null;
        }
    }

    private static bool IsKernelMember(ExpressionSyntax syntax, BodyContext context) =>
        context.Model.GetSymbolInfo(syntax).Symbol is { } symbol && IsKernel(symbol, context);

    private static bool IsKernel(ISymbol symbol, BodyContext context) =>
        KnownSymbols.Is(symbol.ContainingType, context.Known.Kernel);

    private static string? Constant(ExpressionSyntax syntax, Regex shape, string expected, BodyContext context)
    {
        var value = context.Model.GetConstantValue(syntax) is { HasValue: true, Value: string s } ? s : null;
        if (value is null || !shape.IsMatch(value))
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadBuildCondition, syntax,
                $"'{syntax}' must be {expected}: stap compares it while building the script");
            return null;
        }

        return value;
    }
}
