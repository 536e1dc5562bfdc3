using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// <c>[ProbeAlias("name", "point")]</c> methods → <c>probe name = point { prologue }</c>
/// (<c>+=</c> with <c>Epilogue = true</c>). The body's locals keep their exact names: a probe that
/// uses the alias reads them as its parameters. Also tells which probes are return probes.
/// </summary>
internal static class ProbeAliasBinder
{
    public static bool IsAlias(IMethodSymbol method, Compilation compilation) =>
        method.GetAttributes().Any(a => KnownSymbols.Is(a.AttributeClass, KnownSymbols.For(compilation).ProbeAliasAttribute));

    /// <summary>One alias per (name, prologue/epilogue) among the method's attributes, all with the method's body.</summary>
    public static IEnumerable<ProbeAlias> Bind(IMethodSymbol method, BodyContext context, Func<Block> bindBody, ScriptSymbols script, IDictionary<string, bool> returnAliases)
    {
        var diagnostics = context.Diagnostics;
        var location = method.Locations[0];
        if (!method.ReturnsVoid)
        {
            diagnostics.Report(DiagnosticCatalog.BadProbeAlias, location, method.Name, "must return void: an alias body has no result");
        }

        var groups = method.GetAttributes()
            .Where(a => KnownSymbols.Is(a.AttributeClass, context.Known.ProbeAliasAttribute))
            .GroupBy(a => (Name: a.ConstructorArguments[0].Value as string ?? string.Empty, Epilogue: a.NamedArguments.Any(n => n.Key == "Epilogue" && n.Value.Value is true)))
            .ToList();
        var bound = new List<(string Name, bool Epilogue, List<BoundProbePoint> Points, Location Place)>();
        foreach (var group in groups)
        {
            var place = group.First().ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location;
            if (!StapNames.IsAliasName(group.Key.Name))
            {
                diagnostics.Report(DiagnosticCatalog.BadProbeAlias, place, method.Name,
                    $"names the alias '{group.Key.Name}': an alias name is an identifier or dotted identifiers such as \"myfs.read\", not a stap keyword");
                continue;
            }

            var points = group.SelectMany(a => ProbePointBinder.BindAttribute(a, 1, context.Model.Compilation, script, diagnostics)).ToList();
            returnAliases[group.Key.Name] = points.Count > 0 && points.All(p => IsReturnPoint(p.Point, returnAliases));
            bound.Add((group.Key.Name, group.Key.Epilogue, points, place));
        }

        // The one body serves every alias of the method: it is a return probe's when each of them is.
        context.ProbeContext.AllPointsReturn = bound.Count > 0 && bound.All(b => returnAliases[b.Name]);
        ClaimLocals(method, context);
        var body = bindBody();
        return bound.Where(b => b.Points.Count > 0)
            .Select(b => new ProbeAlias(b.Name, b.Points, SourceSpan.From(b.Place), body, b.Epilogue))
            .ToList();
    }

    /// <summary>A point is a return probe when it has a <c>return</c> component or starts with a return alias of this script.</summary>
    public static bool IsReturnPoint(ProbePoint point, IDictionary<string, bool> returnAliases)
    {
        if (point.HasReturnComponent)
        {
            return true;
        }

        var names = point.ComponentNames.ToList();

        for (var length = 1; length <= names.Count; length++)
        {
            if (returnAliases.TryGetValue(string.Join(".", names.Take(length)), out var isReturn) && isReturn)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The alias body's locals are the alias's variables: they keep their C# names exactly.</summary>
    private static void ClaimLocals(IMethodSymbol method, BodyContext context)
    {
        if (ScriptMembers.BodyOf(method) is not { } syntax)
        {
            return;
        }

        foreach (var declarator in syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (context.Model.GetDeclaredSymbol(declarator) is not ILocalSymbol local)
            {
                continue;
            }

            if (!context.Locals.TryClaimExact(local, local.Name))
            {
                context.Diagnostics.Report(DiagnosticCatalog.BadProbeAlias, declarator.Identifier.GetLocation(), method.Name,
                    $"declares '{local.Name}', which cannot be an alias variable: stap reserves it (a keyword, a print built-in or a tapset global), it is not plain ASCII, or it is a global of this script; rename it");
            }
        }
    }
}
