using System.Collections.Immutable;
using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// <c>foreach</c> over a map in every documented form: deconstructed keys and value (with discards),
/// a whole entry (<c>e.Key</c>, <c>e.Key.Item2</c>, <c>e.Value</c>), and LINQ-shaped collections
/// (<c>Matching</c>, one <c>OrderBy</c>/<c>OrderByDescending</c> on the value, a key part or an
/// aggregate, then <c>Take</c>).
/// </summary>
internal static class Loops
{
    public static Gen<(IReadOnlyList<Stmt>, Scope)> Foreach(Scope scope) =>
        Choose.Element(scope.Class.Maps).SelectMany(map => Choose.Weighted(
            (3, () => Deconstructed(map, scope)),
            (1, Choose.If(map.Keys.Count == 1 || scope.Features.EntryKeyParts, () => Entry(map, scope)))));

    /// <summary><c>foreach (var (k, v) in ...)</c> or <c>foreach (var ((k1, k2), v) in ...)</c>; any part may be a discard.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> Deconstructed(MapGlobal map, Scope scope) =>
        Gen.Select(Gen.Bool.Array[map.Keys.Count + 1], Collection(map, scope), (discards, collection) => (discards, collection)).SelectMany(shape =>
            Names(scope, map.Keys.Count + 1).SelectMany(names =>
            {
                var body = scope;
                var keyParts = new List<string>();
                for (var i = 0; i < map.Keys.Count; i++)
                {
                    var discarded = shape.discards[i];
                    keyParts.Add(discarded ? "_" : names[i]);
                    body = discarded ? body : body.Declare(new Variable(names[i], map.Keys[i], Assignable: false));
                }

                var valueName = shape.discards[^1] ? "_" : names[^1];
                if (valueName != "_")
                {
                    body = map.Value == MapValue.Stats
                        ? body.Take(valueName) with { LocalStats = body.LocalStats.Add(new StatsTarget(valueName, Expressions.StatsHistogram, NeverEmpty: true)) }
                        : body.Declare(new Variable(valueName, map.Value == MapValue.String ? ValueKind.String : ValueKind.Long, Assignable: false));
                }

                var keys = keyParts.Count == 1 ? keyParts[0] : "(" + string.Join(", ", keyParts) + ")";
                return Loop($"var ({keys}, {valueName})", shape.collection, map, scope, body);
            }));

    /// <summary><c>foreach (var e in ...)</c>: the body reads <c>e.Key</c> (or <c>e.Key.ItemN</c>) and <c>e.Value</c>.</summary>
    private static Gen<(IReadOnlyList<Stmt>, Scope)> Entry(MapGlobal map, Scope scope) =>
        Gen.Select(Collection(map, scope), Names(scope, 1), (collection, names) => (collection, entry: names[0])).SelectMany(shape =>
        {
            var body = scope.Take(shape.entry);
            for (var i = 0; i < map.Keys.Count; i++)
            {
                var key = map.Keys.Count == 1 ? $"{shape.entry}.Key" : $"{shape.entry}.Key.Item{i + 1}";
                body = body.Declare(new Variable(key, map.Keys[i], Assignable: false));
            }

            var value = $"{shape.entry}.Value";
            body = map.Value == MapValue.Stats
                ? body with { LocalStats = body.LocalStats.Add(new StatsTarget(value, Expressions.StatsHistogram, NeverEmpty: true)) }
                : body.Declare(new Variable(value, map.Value == MapValue.String ? ValueKind.String : ValueKind.Long, Assignable: false));
            return Loop("var " + shape.entry, shape.collection, map, scope, body);
        });

    private static Gen<(IReadOnlyList<Stmt>, Scope)> Loop(string header, string collection, MapGlobal map, Scope scope, Scope body) =>
        Statements.Block(body with { InLoop = true, IteratedMaps = body.IteratedMaps.Add(map.Name) }).Select(block =>
            ((IReadOnlyList<Stmt>)[new Foreach(header, collection, block.Block)], scope.After(block.Scope)));

    /// <summary>The map, or a query on it: Matching, one sort, Take, in stap's order.</summary>
    private static Gen<string> Collection(MapGlobal map, Scope scope) =>
        Gen.Select(
            map.Keys.Count > 1 ? Gen.Frequency((3, Gen.Const((string?)null)), (1, Expressions.Pattern(map, scope).Select(p => (string?)$".Matching({p})"))) : Gen.Const((string?)null),
            Gen.Frequency((2, Gen.Const((string?)null)), (3, Sort(map))),
            // stap checks the limit as part of the iteration: it may not change the map either.
            Gen.Frequency((2, Gen.Const((string?)null)), (1, Expressions.Long(scope with { IteratedMaps = scope.IteratedMaps.Add(map.Name) }, 1).Select(n => (string?)$".Take({CSharp.Of(n)})"))),
            Names(scope, 1),
            (matching, sort, take, lambda) => map.Name + matching + sort?.Replace("λ", lambda[0], StringComparison.Ordinal) + take);

    /// <summary>One sort column: the value, a key part, or (for a map of Stats) an aggregate; λ stands for the lambda's parameter.</summary>
    private static Gen<string?> Sort(MapGlobal map)
    {
        var columns = new List<string>();
        if (map.Value == MapValue.Stats)
        {
            columns.AddRange(["λ.Value.Count()", "λ.Value.Sum()", "λ.Value.Min()", "λ.Value.Max()", "λ.Value.Avg()"]);
        }
        else
        {
            columns.Add("λ.Value");
        }

        if (map.Keys.Count == 1)
        {
            columns.Add("λ.Key");
        }
        else
        {
            columns.AddRange(Enumerable.Range(1, map.Keys.Count).Select(i => $"λ.Key.Item{i}"));
        }

        return Gen.Select(Gen.OneOf("OrderBy", "OrderByDescending"), Choose.Element(columns), (order, column) => (string?)$".{order}(λ => {column})");
    }

    /// <summary>Fresh names for loop variables (plain ones: the translator keeps foreach names as locals).</summary>
    private static Gen<string[]> Names(Scope scope, int count) =>
        FuzzNames.Variable(scope.Features, scope.Taken).SelectMany(first =>
            count == 1 ? Gen.Const(new[] { first }) : Names(scope.Take(first), count - 1).Select(rest => (string[])[first, .. rest]));
}
