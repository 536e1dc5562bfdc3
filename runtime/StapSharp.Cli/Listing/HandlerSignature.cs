using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Runtime.Listing;

namespace StapSharp.Cli.Listing;

/// <summary>
/// The C# probe handler for a listed probe point, to paste into a probe class:
/// <c>[Probe("syscall.mkdir")] void Mkdir(string pathname, long mode, ...)</c>. Context variables become
/// parameters of their own type; target variables of integer or pointer type become <c>[Target] long</c>
/// parameters. Left out: stap's internal variables (<c>__nr</c>), target variables of struct type (no
/// long holds them; read their members with <c>Var</c>), and in a <c>.return</c> point the target
/// variables other than <c>$return</c> (stap would hand them the entry value: read them with <c>Entry</c>).
/// </summary>
public static class HandlerSignature
{
    public static string For(ProbeListing listing) =>
        $"[Probe({SymbolDisplay.FormatLiteral(listing.Point, quote: true)})] void {MethodName(listing.Point)}({string.Join(", ", Parameters(listing))})";

    /// <summary>The handler's parameters (<c>string pathname</c>, <c>[Target] long regs</c>), as <see cref="For"/> prints them and the editor offers them.</summary>
    public static IReadOnlyList<string> Parameters(ProbeListing listing)
    {
        var isReturn = listing.Point.EndsWith(".return", StringComparison.Ordinal);
        return listing.Variables
            .Where(v => !v.Name.StartsWith("__", StringComparison.Ordinal))
            .Where(v => !isReturn || !v.IsTarget || v.Name == "return")
            .Select(Parameter)
            .OfType<string>()
            .ToList();
    }

    private static string? Parameter(ProbeVariable variable)
    {
        var name = SyntaxFacts.GetKeywordKind(variable.Name) == SyntaxKind.None ? variable.Name : "@" + variable.Name;
        if (!variable.IsTarget)
        {
            return variable.Type is "long" or "string" ? $"{variable.Type} {name}" : null;
        }

        return HoldsInLong(variable.Type) ? $"[Target] long {name}" : null;
    }

    /// <summary>Integers, enums and pointers; not a struct or union held by value.</summary>
    private static bool HoldsInLong(string cType) =>
        cType.EndsWith('*') || !(cType.StartsWith("struct ", StringComparison.Ordinal) || cType.StartsWith("union ", StringComparison.Ordinal) || cType.Contains('['));

    /// <summary>The probed function's or tracepoint's name (<c>kernel.function("do_mkdirat@fs/namei.c:4168")</c>: DoMkdirat, <c>kernel.trace("block:block_rq_complete")</c>: BlockRqComplete), else the point's last name (<c>syscall.mkdir</c>: Mkdir).</summary>
    private static string MethodName(string point)
    {
        var quote = point.IndexOf('"', StringComparison.Ordinal);
        var source = quote >= 0 ? point[(quote + 1)..].Split('"', '@')[0].Split(':')[^1] : point.Split('.', '(')
            .LastOrDefault(part => part.Length > 0 && part != "return" && part != "call" && char.IsAsciiLetter(part[0])) ?? string.Empty;
        var name = new StringBuilder();
        foreach (var word in System.Text.RegularExpressions.Regex.Split(source, "[^A-Za-z0-9]+"))
        {
            if (word.Length > 0)
            {
                name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
        }

        if (point.EndsWith(".return", StringComparison.Ordinal) && name.Length > 0)
        {
            name.Append("Return");
        }

        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name.ToString() : "Handler";
    }
}
