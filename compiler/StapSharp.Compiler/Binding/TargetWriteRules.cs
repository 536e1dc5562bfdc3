using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// stap's rules for writing target variables, in one place: a procfs <c>.read</c> probe sets its file's <c>$value</c>
/// (with <c>=</c>, and <c>+=</c>, which is stap's <c>.=</c>) without guru mode and cannot read it; a <c>.write</c> probe
/// reads it and cannot set it; any other target variable is written only in guru mode (<c>[Guru]</c>) and only with
/// <c>=</c>, and only in a probe.
/// </summary>
internal sealed class TargetWriteRules
{
    /// <summary>The target variable a procfs probe reads or sets: the file's text.</summary>
    public const string ProcfsValue = "value";

    private readonly BodyContext _context;

    public TargetWriteRules(BodyContext context) => _context = context;

    private ProcfsAccess Procfs => _context.ProbeContext.Procfs;

    /// <summary>
    /// Reports a write of <c>$path</c> by <paramref name="operation"/> (an assignment, <c>++</c>/<c>--</c>, or <c>Var.Set</c>)
    /// that stap would reject or that would mean something else; true when it may be translated.
    /// </summary>
    /// <param name="parameter">The <c>[Target]</c> parameter written, which must be <c>ref</c>; null for <c>Var.Set</c>.</param>
    public bool CheckWrite(SyntaxNode operation, string path, StapType type, string operatorText, IParameterSymbol? parameter)
    {
        var diagnostics = _context.Diagnostics;
        if (!_context.IsProbe)
        {
            diagnostics.Report(DiagnosticCatalog.TargetWriteOutsideProbe, operation, operation.ToString());
            return false;
        }

        if (parameter is { RefKind: not RefKind.Ref })
        {
            diagnostics.Report(DiagnosticCatalog.TargetParameterNotRef, operation, operation.ToString(), parameter.Name, path, parameter.Type.ToDisplayString());
            return false;
        }

        if (path == ProcfsValue && Procfs != ProcfsAccess.None)
        {
            if (!CheckValueType(operation, type))
            {
                return false;
            }

            switch (Procfs)
            {
                case ProcfsAccess.Write:
                    diagnostics.Report(DiagnosticCatalog.ProcfsValueMisuse, operation, operation.ToString(),
                        "sets $value in a procfs .write probe, where it is read-only (what was written to the file): set it in a procfs(\"name\").read probe");
                    return false;
                case ProcfsAccess.Mixed:
                    diagnostics.Report(DiagnosticCatalog.ProcfsValueMisuse, operation, operation.ToString(),
                        "sets $value in a probe with both procfs .read and .write points, which stap rejects: write a .read probe that sets it and a .write probe that reads it");
                    return false;
                default:
                    return true;
            }
        }

        if (!_context.Script.Guru)
        {
            diagnostics.Report(DiagnosticCatalog.TargetWriteWithoutGuru, operation, operation.ToString(), path,
                path == ProcfsValue ? "; without it, only a procfs(\"name\").read probe sets its file's $value" : string.Empty);
            return false;
        }

        if (operatorText != "=")
        {
            diagnostics.Report(DiagnosticCatalog.TargetWriteOperator, operation, operation.ToString(), path, operatorText, Rewritten(operation, operatorText));
            return false;
        }

        return true;
    }

    /// <summary>Reports a read of <c>$path</c> that stap rejects: a procfs file's <c>$value</c> in a <c>.read</c> probe, or not as a string.</summary>
    public void CheckRead(SyntaxNode read, string path, StapType type)
    {
        if (path != ProcfsValue || Procfs == ProcfsAccess.None || !CheckValueType(read, type))
        {
            return;
        }

        if (Procfs is ProcfsAccess.Read or ProcfsAccess.Mixed)
        {
            _context.Diagnostics.Report(DiagnosticCatalog.ProcfsValueMisuse, read, read.ToString(),
                "reads $value in a procfs .read probe, where stap only sets it (=) and appends to it (+=): build the text in a local, read that, and assign it to $value");
        }
    }

    private bool CheckValueType(SyntaxNode at, StapType type)
    {
        if (type == StapType.String)
        {
            return true;
        }

        _context.Diagnostics.Report(DiagnosticCatalog.ProcfsValueMisuse, at, at.ToString(),
            "uses $value as a number, but in a procfs probe it is the file's text, a string: declare it [Target] ref string value to set it, or [Target] string value to read it");
        return false;
    }

    /// <summary>The same change written with <c>=</c>: <c>fd += 2</c> is <c>fd = fd + 2</c>, <c>fd++</c> is <c>fd = fd + 1</c>.</summary>
    private static string Rewritten(SyntaxNode operation, string operatorText) => operation switch
    {
        AssignmentExpressionSyntax assignment => $"{assignment.Left} = {assignment.Left} {operatorText.TrimEnd('=')} {assignment.Right}",
        PrefixUnaryExpressionSyntax prefix => $"{prefix.Operand} = {prefix.Operand} {operatorText[0]} 1",
        PostfixUnaryExpressionSyntax postfix => $"{postfix.Operand} = {postfix.Operand} {operatorText[0]} 1",
        _ => "x = x + 1",
    };
}
