using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Debuginfo;

/// <summary>
/// What the expansions of a probe point's brace groups start with, computed without expanding them
/// (<c>{a,b}.{a,b}...</c> has exponentially many expansions): the work is bounded by the number of
/// components times the number of distinct beginnings.
/// </summary>
internal static class PointShapes
{
    /// <summary>The distinct first two named components over all expansions; <c>Second</c> is null for one-component points.</summary>
    public static IReadOnlySet<(NamedComponent First, NamedComponent? Second)> Heads(ProbePoint point)
    {
        var done = new HashSet<(NamedComponent, NamedComponent?)>();
        var open = Run(point.Components, new HashSet<NamedComponent?> { null }, done);
        foreach (var first in open.OfType<NamedComponent>())
        {
            done.Add((first, null));
        }

        return done;
    }

    /// <summary>True when some expansion begins with the components <paramref name="names"/> (plain names, no arguments).</summary>
    public static bool StartsWith(ProbePoint point, IReadOnlyList<string> names)
    {
        var reached = Match(point.Components, new HashSet<int> { 0 }, names);
        return reached.Contains(names.Count);
    }

    /// <summary>Whether a component named <paramref name="name"/> appears anywhere in the point, brace groups included.</summary>
    public static bool Mentions(ProbePoint point, string name) =>
        point.Components.Any(component => component switch
        {
            NamedComponent named => named.Name == name,
            BraceGroupComponent group => group.Alternatives.Any(alternative => Mentions(alternative, name)),
            _ => false,
        });

    /// <summary>Extends the open prefixes (none or one component) over <paramref name="components"/>; two-component prefixes go to <paramref name="done"/>.</summary>
    private static HashSet<NamedComponent?> Run(IReadOnlyList<PointComponent> components, HashSet<NamedComponent?> open, HashSet<(NamedComponent, NamedComponent?)> done)
    {
        foreach (var component in components)
        {
            if (open.Count == 0)
            {
                break;
            }

            if (component is NamedComponent named)
            {
                var next = new HashSet<NamedComponent?>();
                foreach (var first in open)
                {
                    if (first is null)
                    {
                        next.Add(named);
                    }
                    else
                    {
                        done.Add((first, named));
                    }
                }
                open = next;
            }
            else if (component is BraceGroupComponent group)
            {
                var next = new HashSet<NamedComponent?>();
                foreach (var alternative in group.Alternatives)
                {
                    next.UnionWith(Run(alternative.Components, open, done));
                }

                open = next;
            }
            else
            {
                // A component taken from a script argument ({Target}): what follows is not known here.
                open = [];
            }
        }
        return open;
    }

    /// <summary>How many of <paramref name="names"/> each expansion has matched; <c>names.Count</c> (all of them) stays matched.</summary>
    private static HashSet<int> Match(IReadOnlyList<PointComponent> components, HashSet<int> reached, IReadOnlyList<string> names)
    {
        foreach (var component in components)
        {
            var next = new HashSet<int>();
            if (component is NamedComponent named)
            {
                foreach (var position in reached)
                {
                    if (position == names.Count)
                    {
                        next.Add(position);
                    }
                    else if (named.Argument is null && named.Name == names[position])
                    {
                        next.Add(position + 1);
                    }
                }
            }
            else if (component is BraceGroupComponent group)
            {
                foreach (var alternative in group.Alternatives)
                {
                    next.UnionWith(Match(alternative.Components, reached, names));
                }
            }
            reached = next;
            if (reached.Count == 0)
            {
                break;
            }
        }
        return reached;
    }
}
