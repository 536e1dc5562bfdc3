using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>Lowers C# statements to stap statements; reports the ones stap has no form for.</summary>
internal sealed class StatementBinder
{
    private readonly BodyContext _context;
    private readonly ExpressionBinder _expressions;

    public StatementBinder(BodyContext context)
    {
        _context = context;
        _expressions = new ExpressionBinder(context);
    }

    private StapDiagnosticBag Diagnostics => _context.Diagnostics;

    private static SourceSpan SpanOf(SyntaxNode node) => ExpressionBinder.SpanOf(node);

    /// <summary>A method body: a block, or an expression body (<c>=> expr</c>).</summary>
    public Block BindBody(BaseMethodDeclarationSyntax method)
    {
        if (method.Body is { } body)
        {
            return BindBlock(body);
        }

        if (method.ExpressionBody is { } arrow)
        {
            var span = SpanOf(arrow.Expression);
            var returnsValue = !_context.IsProbe && _context.ReturnType != StapType.Void;
            if (returnsValue)
            {
                return new Block(span, [new Return(span, _expressions.Bind(arrow.Expression, _context.ReturnType))]);
            }

            return new Block(span, BindExpressionStatements(arrow.Expression));
        }

        return new Block(SpanOf(method), []);
    }

    private Block BindBlock(BlockSyntax block)
    {
        var statements = new List<Statement>();
        foreach (var statement in block.Statements)
        {
            statements.AddRange(Bind(statement));
        }

        return new Block(SpanOf(block), statements);
    }

    /// <summary>One C# statement can lower to none (a declaration without value) or several (several declarators).</summary>
    private IEnumerable<Statement> Bind(StatementSyntax syntax)
    {
        switch (syntax)
        {
            case BlockSyntax block:
                return [BindBlock(block)];
            case LocalDeclarationStatementSyntax declaration:
                return BindDeclaration(declaration);
            case ExpressionStatementSyntax expression:
                return BindExpressionStatements(expression.Expression);
            case EmptyStatementSyntax:
                return [];
            case IfStatementSyntax @if:
                return [BindIf(@if)];
            case WhileStatementSyntax loop:
                return [new While(SpanOf(loop), _expressions.Bind(loop.Condition, StapType.Long), BindEmbedded(loop.Statement))];
            case ForStatementSyntax loop:
                return [BindFor(loop)];
            case ForEachStatementSyntax or ForEachVariableStatementSyntax:
                return [ForeachBinder.Bind((CommonForEachStatementSyntax)syntax, _context, _expressions, BindEmbedded)];
            case BreakStatementSyntax:
                return [new Break(SpanOf(syntax))];
            case ContinueStatementSyntax:
                return [new Continue(SpanOf(syntax))];
            case ReturnStatementSyntax @return:
                return [BindReturn(@return)];
            case DoStatementSyntax:
                return Unsupported(syntax, "A do-while loop", "stap has no do-while: use while (true) { ...; if (!condition) break; }");
            case SwitchStatementSyntax:
                return Unsupported(syntax, "A switch statement", "use if / else if");
            case ThrowStatementSyntax:
                return Unsupported(syntax, "throw", "call Error(\"message\") to raise a stap runtime error");
            case TryStatementSyntax @try:
                return [TryCatchBinder.Bind(@try, _context, BindBlock)];
            case LocalFunctionStatementSyntax:
                return Unsupported(syntax, "A local function", "make it a method of the probe script: it becomes a stap function");
            default:
                return Unsupported(syntax, $"'{syntax.Kind()}'", "stap has if, while, for, foreach over maps, break, continue and return");
        }
    }

    private IEnumerable<Statement> Unsupported(SyntaxNode syntax, string what, string advice)
    {
        Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, syntax, what, advice);
        return [];
    }

    private Statement BindEmbedded(StatementSyntax syntax)
    {
        // An Emit is several stap statements: they need a block of their own here.
        var statements = Bind(syntax).ToList();
        return statements is [not BoundEmit] ? statements[0] : new Block(SpanOf(syntax), statements);
    }

    private IEnumerable<Statement> BindDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.IsConst)
        {
            // Uses of a const are constants: they are inlined where they are read.
            return [];
        }

        var statements = new List<Statement>();
        foreach (var variable in declaration.Declaration.Variables)
        {
            if (_context.Model.GetDeclaredSymbol(variable) is not ILocalSymbol local)
            {
                continue;
            }

            var localType = StapTypes.Map(local.Type, out var advice);
            if (localType is not (StapType.Long or StapType.String))
            {
                if (!AggregateTypes.ReportOutsideGlobal(local.Type, variable.Identifier.GetLocation(), "a local", _context.Known, Diagnostics))
                {
                    Diagnostics.Report(DiagnosticCatalog.UnsupportedType, variable.Identifier.GetLocation(),
                        local.Type.ToDisplayString(), advice.Length > 0 ? advice : "locals are long, bool or string");
                }

                continue;
            }

            if (variable.Initializer is { } initializer)
            {
                var type = localType.Value;
                var name = _context.Locals.NameOf(local, local.Name);
                var span = SpanOf(variable);
                var value = _expressions.Bind(initializer.Value, type);
                statements.Add(new ExpressionStatement(span, new Assignment(span, type, AssignmentOperator.Assign, new VariableRef(span, type, name), value)));
            }
        }

        return statements;
    }

    /// <summary>An expression statement; an Emit lowers to several.</summary>
    private IReadOnlyList<Statement> BindExpressionStatements(ExpressionSyntax expression) =>
        _expressions.Calls.TryBindEmit(expression) ?? [BindExpressionStatement(expression)];

    private Statement BindExpressionStatement(ExpressionSyntax expression)
    {
        if (expression is InvocationExpressionSyntax invocation && _expressions.Calls.TryBindDeletion(invocation) is { } deletion)
        {
            return deletion;
        }

        if (expression is AssignmentExpressionSyntax reset && TryBindScalarDeletion(reset) is { } scalarDeletion)
        {
            return scalarDeletion;
        }

        return new ExpressionStatement(SpanOf(expression), _expressions.Bind(expression));
    }

    /// <summary>
    /// <c>x = default;</c> on a long or string global → <c>delete x</c>: both return the global to its unset value
    /// (0 or ""). Locals, parameters and target variables keep their assignment: C# has no unset local, and stap
    /// deletes neither a function's parameter nor a target variable.
    /// </summary>
    private Delete? TryBindScalarDeletion(AssignmentExpressionSyntax assignment)
    {
        var left = assignment.Left;
        while (left is ParenthesizedExpressionSyntax parenthesized)
        {
            left = parenthesized.Expression;
        }

        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ||
            assignment.Right.Kind() is not (SyntaxKind.DefaultLiteralExpression or SyntaxKind.DefaultExpression) ||
            _context.Model.GetSymbolInfo(left).Symbol is not IFieldSymbol field ||
            !_context.Script.Globals.TryGetValue(field, out var global) ||
            global is not { Array: null, ScalarType: StapType.Long or StapType.String })
        {
            return null;
        }

        return new Delete(SpanOf(assignment), new VariableRef(SpanOf(left), global.ScalarType, global.Name));
    }

    /// <summary>
    /// An if and its else-if chain, link by link in source order rather than by recursion: a long chain
    /// is ordinary C#. A link whose condition reads Kernel facts is decided when the script is built.
    /// </summary>
    private Statement BindIf(IfStatementSyntax first)
    {
        var links = new List<(IfStatementSyntax Syntax, BuildTest? BuildCondition, Expression? Condition, Statement Then)>();
        Statement? otherwise = null;
        for (var @if = first; ;)
        {
            var buildCondition = PreprocessorBinder.TryBindCondition(@if.Condition, _context);
            var condition = buildCondition is null ? _expressions.Bind(@if.Condition, StapType.Long) : null;
            var then = condition is not null && ProbeContextState.IsEntryGuard(condition)
                ? _context.ProbeContext.UnderEntryGuard(() => BindEmbedded(@if.Statement))
                : BindEmbedded(@if.Statement);
            links.Add((@if, buildCondition, condition, then));
            if (@if.Else?.Statement is IfStatementSyntax next)
            {
                @if = next;
                continue;
            }

            otherwise = @if.Else is { } clause ? BindEmbedded(clause.Statement) : null;
            break;
        }

        for (var i = links.Count - 1; i >= 0; i--)
        {
            var (syntax, buildCondition, condition, then) = links[i];
            otherwise = buildCondition is not null
                ? new BoundBuildConditional(SpanOf(syntax), buildCondition, then, otherwise)
                : new If(SpanOf(syntax), condition!, then, otherwise);
        }

        return otherwise!;
    }

    private Statement BindFor(ForStatementSyntax loop)
    {
        Expression? initializer = null;
        var declarators = loop.Declaration?.Variables.Count ?? 0;
        if (declarators + loop.Initializers.Count > 1 || loop.Incrementors.Count > 1)
        {
            Diagnostics.Report(DiagnosticCatalog.UnsupportedSyntax, loop, "Several initializers or incrementors in a for loop",
                "stap has no comma operator: initialise before the loop and update inside it");
        }
        else if (loop.Declaration is { } declaration && declaration.Variables[0] is { Initializer: { } init } variable &&
                 _context.Model.GetDeclaredSymbol(variable) is ILocalSymbol local)
        {
            var type = StapTypes.Map(local.Type, out var advice);
            if (type is not (StapType.Long or StapType.String))
            {
                Diagnostics.Report(DiagnosticCatalog.UnsupportedType, variable.Identifier.GetLocation(), local.Type.ToDisplayString(), advice);
            }
            else
            {
                var span = SpanOf(variable);
                initializer = new Assignment(span, type.Value, AssignmentOperator.Assign, new VariableRef(span, type.Value, _context.Locals.NameOf(local, local.Name)), _expressions.Bind(init.Value, type.Value));
            }
        }
        else if (loop.Initializers.Count == 1)
        {
            initializer = _expressions.Bind(loop.Initializers[0]);
        }

        var condition = loop.Condition is null ? null : _expressions.Bind(loop.Condition, StapType.Long);
        var increment = loop.Incrementors.Count == 1 ? _expressions.Bind(loop.Incrementors[0]) : null;
        return new For(SpanOf(loop), initializer, condition, increment, BindEmbedded(loop.Statement));
    }

    private Statement BindReturn(ReturnStatementSyntax @return)
    {
        var span = SpanOf(@return);
        if (_context.IsProbe)
        {
            return new Next(span);
        }

        return new Return(span, @return.Expression is null ? null : _expressions.Bind(@return.Expression, _context.ReturnType));
    }
}
