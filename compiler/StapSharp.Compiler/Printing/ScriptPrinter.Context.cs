using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Printing;

/// <summary>Printing of the probe-context constructs: target variables, @-operators, %( %) conditions, try/catch, aliases, embedded C.</summary>
public sealed partial class ScriptPrinter
{
    private void PrintGuruNotice(Script script)
    {
        if (script.Guru)
        {
            // Guru mode also lets a script write target variables; only say embedded C where there is some.
            Line(script.EmbeddedFunctions.Count + script.EmbeddedBlocks.Count > 0
                ? "# Guru mode: this script holds embedded C and is built with stap -g."
                : "# Guru mode: this script is built with stap -g.", script.Span);
        }
    }

    private void PrintEmbeddedC(Script script)
    {
        if (script.EmbeddedFunctions.Count + script.EmbeddedBlocks.Count > 0 && !script.Guru)
        {
            throw new UnsafeScriptTextException("the translator produced embedded C in a script without [Guru]");
        }

        foreach (var block in script.EmbeddedBlocks)
        {
            Line(string.Empty, SourceSpan.None);
            PrintCBlock(block.Code, block.Span);
        }

        foreach (var function in script.EmbeddedFunctions)
        {
            Line(string.Empty, SourceSpan.None);
            Line(FunctionHead(function.Name, function.ReturnType, function.Parameters), function.Span);
            PrintCBlock(function.Code, function.Span);
        }
    }

    /// <summary><c>%{</c>, the code indented, <c>%}</c>; code that would close the block early is refused.</summary>
    private void PrintCBlock(string code, SourceSpan span)
    {
        Line("%{", span);
        foreach (var line in PrintChecks.EmbeddedC(code).Split('\n'))
        {
            Line("  " + line.TrimEnd('\r'), span);
        }

        Line("%}", span);
    }

    private void PrintAliases(Script script)
    {
        foreach (var alias in script.Aliases)
        {
            Line(string.Empty, SourceSpan.None);
            PrintProbeHead($"probe {PrintChecks.AliasName(alias.Name)} {(alias.Epilogue ? "+=" : "=")} ", alias.Points);
            PrintBlock(alias.Body);
        }
    }

    private void PrintTryCatch(TryCatch tryCatch)
    {
        Line("try", tryCatch.Span);
        PrintBlock(tryCatch.Body);
        Line(tryCatch.MessageVariable is { } message ? $"catch ({PrintChecks.Variable(message)})" : "catch", tryCatch.Handler.Span);
        PrintBlock(tryCatch.Handler);
    }

    private sealed partial class ExpressionText
    {
        public string Visit(TargetRead read) => View("$" + PrintChecks.TargetPath(read.Path), read.View);

        public string Visit(TapsetGlobalRead read) =>
            PrintChecks.TapsetGlobal(read.Name) + (read.Keys.Count == 0 ? string.Empty : $"[{string.Join(", ", read.Keys.Select(Bare))}]");

        public string Visit(ScriptArgumentExpression argument) => StapSpelling.ScriptArgument(argument.Position, isString: false);

        public string Visit(TargetSummary summary) => "$$" + summary.Kind.ToString().ToLowerInvariant();

        public string Visit(CastRead cast) =>
            View($"@cast({Bare(cast.Pointer)}, {StapLiteral.Quote(cast.TypeName)}{(cast.Module is null ? string.Empty : ", " + StapLiteral.Quote(cast.Module))})->{PrintChecks.TargetPath(cast.Path)}", cast.View);

        public string Visit(AtOperator at) => $"@{at.Kind.ToString().ToLowerInvariant()}({Bare(at.Operand)})";

        public string Visit(LibraryMacro macro) =>
            $"{macro.Kind.Spelling()}({string.Join(", ", macro.Arguments.Select(Bare).Concat(macro.Member is null ? [] : [PrintChecks.TargetPath(macro.Member)]).Concat((macro.Functions ?? []).Select(PrintChecks.CalledFunction)))})";

        // Branches in parentheses: %( %) pastes tokens, so a branch must not bind to its neighbours.
        public string Visit(ConditionalCompilationExpression conditional) =>
            $"%( {ConditionText(conditional.Condition)} %? {Expr(conditional.Then)} %: {Expr(conditional.Else)} %)";
    }

    private static string View(string read, TargetView view) => view switch
    {
        TargetView.Text => read + "$",
        TargetView.DeepText => read + "$$",
        TargetView.Address => "&" + read,
        _ => read,
    };

    private static string ConditionText(BuildCondition condition) =>
        string.Join(" || ", condition.AnyOf.Select(all => string.Join(" && ", all.Select(c => $"{PrintChecks.BuildSubject(c.Subject)} {c.Operator.Spelling()} {LiteralText(c.Value)}"))));

    /// <summary><c>%( $# >= N %? $N %: default %)</c>, or <c>$N</c> alone when the argument is required.</summary>
    private static string ScriptArgumentText(ScriptArgumentRef argument, Literal? fallback)
    {
        var read = StapSpelling.ScriptArgument(argument.Position, argument.Type == StapType.String);
        return fallback is null ? read : StapSpelling.ScriptArgumentOr(argument.Position, read, LiteralText(fallback));
    }
}
