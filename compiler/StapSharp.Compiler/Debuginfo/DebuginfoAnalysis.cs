using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Debuginfo;

/// <summary>
/// Finds what a bound script resolves through DWARF debuginfo: DWARF probe points
/// (<c>kernel.function</c>, <c>kernel.statement</c>, <c>module("m").function</c>, <c>process("p").function</c>,
/// also through the script's own aliases), <c>@cast</c> with the types of a kernel or module, and tapset
/// probes with their target variables and <c>@entry</c> (which need it when the tapset resolves them through
/// DWARF). Target variables of DWARF points need nothing more than the point does; those of tracepoints,
/// markers and other built-in points come without DWARF.
/// </summary>
internal static class DebuginfoAnalysis
{
    /// <summary>stap's own probe families; any other first component names a tapset or script alias.</summary>
    private static readonly HashSet<string> BuiltInFamilies = new(StringComparer.Ordinal)
    {
        "begin", "end", "error", "never", "kernel", "module", "process", "kprobe", "timer", "perf", "procfs",
        "netfilter", "java", "python2", "python3",
    };

    /// <summary>The second components of <c>kernel</c>, <c>module(…)</c> and <c>process(…)</c> points that stap resolves through DWARF.</summary>
    private static readonly HashSet<string> DwarfComponents = new(StringComparer.Ordinal) { "function", "statement", "library" };

    /// <summary>How a probe's context is provided, which decides what its target variables need.</summary>
    private enum ContextSource
    {
        /// <summary>A DWARF point: its target variables need what the point already needs.</summary>
        Dwarf,

        /// <summary>A tracepoint, marker, timer or other built-in point: target variables (if any) come without DWARF.</summary>
        WithoutDwarf,

        /// <summary>A tapset alias: whether its target variables need DWARF depends on how the tapset resolves it.</summary>
        Tapset,
    }

    public static DebuginfoNeeds Of(Script script)
    {
        var aliases = script.Aliases.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var functions = script.Functions.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var uses = new List<DebuginfoUse>();
        // The added probe never calls only functions the probes reach: their uses are found, and placed, through those.
        foreach (var probe in script.Probes.Where(p => !StapRules.NeverProbe.IsAdded(p)))
        {
            new ProbeAnalysis(aliases, functions, probe.Span, uses).Add(probe.Points, probe.Body, optional: false, through: null, new HashSet<string>());
        }

        return uses.Count == 0 ? DebuginfoNeeds.None : new DebuginfoNeeds(uses.Distinct().ToList());
    }

    /// <summary>The uses of one probe, all placed at its first <c>[Probe]</c> attribute.</summary>
    private sealed class ProbeAnalysis(
        IReadOnlyDictionary<string, List<ProbeAlias>> aliases,
        IReadOnlyDictionary<string, List<Function>> functions,
        SourceSpan probeSpan,
        List<DebuginfoUse> uses)
    {
        private SourceSpan _span = probeSpan;

        // An alias named by many points, or by aliases named many times, is analysed once per probe: linear, not
        // exponential, in a chain of aliases that each name the next twice. Its uses are added the first time.
        private readonly Dictionary<(string Alias, bool Optional), IReadOnlySet<ContextSource>> _analysedAliases = [];

        /// <summary>Adds the uses of <paramref name="points"/> and of <paramref name="body"/> read in their context; returns how the points provide that context.</summary>
        /// <param name="optional">The points are reached through an optional point.</param>
        /// <param name="through">The script alias whose points these are; null for the probe's own.</param>
        /// <param name="expanding">Aliases being expanded (a recursive alias is stap's error to report, not a loop here).</param>
        public IReadOnlySet<ContextSource> Add(IReadOnlyList<BoundProbePoint> points, Block body, bool optional, string? through, IReadOnlySet<string> expanding)
        {
            if (through is null && points.Count > 0)
            {
                _span = points[0].Span;
            }

            var sources = new HashSet<ContextSource>();
            var allOptional = points.Count > 0;
            foreach (var point in points.Select(p => p.Point))
            {
                var pointOptional = optional || point.Optionality != Optionality.None;
                allOptional &= pointOptional;
                sources.UnionWith(AddPoint(point, point.ToString(), pointOptional, through, expanding));
            }

            AddBody(body, sources, allOptional || optional);
            return sources;
        }

        private IEnumerable<ContextSource> AddPoint(ProbePoint point, string text, bool optional, string? through, IReadOnlySet<string> expanding)
        {
            var sources = new HashSet<ContextSource>();
            var matchedAlias = false;
            var necessity = optional ? DebuginfoNecessity.Optional : DebuginfoNecessity.Required;
            var construct = through is null ? text : $"{text} (in the alias {through})";
            foreach (var alias in aliases.Keys.Where(name => !expanding.Contains(name) && PointShapes.StartsWith(point, name.Split('.'))))
            {
                matchedAlias = true;
                if (_analysedAliases.TryGetValue((alias, optional), out var known))
                {
                    sources.UnionWith(known);
                    continue;
                }

                var inside = new HashSet<string>(expanding, StringComparer.Ordinal) { alias };
                var aliasSources = new HashSet<ContextSource>();
                foreach (var definition in aliases[alias])
                {
                    aliasSources.UnionWith(Add(definition.Points, definition.Body, optional, alias, inside));
                }

                _analysedAliases[(alias, optional)] = aliasSources;
                sources.UnionWith(aliasSources);
            }
            if (matchedAlias)
            {
                return sources;
            }

            foreach (var (first, second) in PointShapes.Heads(point))
            {
                var dwarf = second is not null && DwarfComponents.Contains(second.Name) && !PointShapes.Mentions(point, "absolute");
                switch (first.Name)
                {
                    case "kernel" when dwarf:
                        Use(DebuginfoOwner.Kernel, null, construct, necessity);
                        sources.Add(ContextSource.Dwarf);
                        break;
                    case "module" when dwarf:
                        if (first.Argument is StringLiteral { Value: var module } && !module.Contains('/'))
                        {
                            Use(DebuginfoOwner.KernelModule, module, construct, necessity);
                        }

                        sources.Add(ContextSource.Dwarf);
                        break;
                    case "process" when dwarf:
                        Use(DebuginfoOwner.Program, first.Argument is StringLiteral { Value: var program } ? program : "the target process", construct, necessity);
                        sources.Add(ContextSource.Dwarf);
                        break;
                    case var family when BuiltInFamilies.Contains(family):
                        sources.Add(ContextSource.WithoutDwarf);
                        break;
                    default:
                        // vfs.read resolves through kernel.function, syscall.mkdir through it where it can: the tapset decides.
                        Use(DebuginfoOwner.Kernel, null, construct, optional ? DebuginfoNecessity.Optional : DebuginfoNecessity.ThroughTapset);
                        sources.Add(ContextSource.Tapset);
                        break;
                }
            }
            return sources;
        }

        /// <summary>Target reads need DWARF where a tapset provides the context; casts to a kernel or module type always do.</summary>
        private void AddBody(Block body, IReadOnlySet<ContextSource> sources, bool optional)
        {
            var necessity = optional ? DebuginfoNecessity.Optional : DebuginfoNecessity.Required;
            if (sources.Contains(ContextSource.Tapset) && IrTree.DescendantsAndSelf(body).Select(TargetConstruct).FirstOrDefault(c => c is not null) is { } read)
            {
                Use(DebuginfoOwner.Kernel, null, read, optional ? DebuginfoNecessity.Optional : DebuginfoNecessity.ThroughTapset);
            }

            foreach (var node in Reachable(body))
            {
                var (module, construct) = node switch
                {
                    CastRead cast => (cast.Module ?? "kernel", $"@cast(…, \"{cast.TypeName}\", \"{cast.Module}\")"), // no module is stap's default, the kernel
                    // The type macros are @cast(0, type[, module]) inside.
                    LibraryMacro { Kind: LibraryMacroKind.TypeDefined or LibraryMacroKind.TypeMemberDefined or LibraryMacroKind.CastSizeof } macro =>
                        ("kernel", $"{macro.Kind.Spelling()}(…)"),
                    LibraryMacro { Kind: LibraryMacroKind.CastModuleSizeof, Arguments: [Literal { StringValue: { } name }, ..] } macro => (name, $"{macro.Kind.Spelling()}(\"{name}\", …)"),
                    _ => (null, null),
                };
                if (module is not null && CastOwner(module) is { } owner)
                {
                    Use(owner.Owner, owner.Name, construct!, necessity);
                }
            }
        }

        /// <summary>The nodes of <paramref name="body"/> and of the script functions it calls, directly or not.</summary>
        private IEnumerable<object> Reachable(Block body)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<object>([body]);
            while (pending.Count > 0)
            {
                foreach (var node in IrTree.DescendantsAndSelf(pending.Dequeue()))
                {
                    yield return node;
                    if (node is Call call && functions.TryGetValue(call.Function, out var called) && visited.Add(call.Function))
                    {
                        foreach (var function in called)
                        {
                            pending.Enqueue(function.Body);
                        }
                    }
                }
            }
        }

        private void Use(DebuginfoOwner owner, string? name, string construct, DebuginfoNecessity necessity) =>
            uses.Add(new DebuginfoUse(owner, name, _span, construct, necessity));
    }

    /// <summary>How a target read is written in stap; null for other nodes.</summary>
    private static string? TargetConstruct(object node) => node switch
    {
        TargetRead read => "$" + read.Path,
        TargetVariable variable => "$" + variable.Name,
        TargetSummary summary => "$$" + summary.Kind.ToString().ToLowerInvariant(),
        AtOperator { Kind: AtOperatorKind.Entry } => "@entry",
        _ => null,
    };

    /// <summary>
    /// Whose types a <c>@cast</c> module argument reads: none when a header alternative is given
    /// (<c>kernel&lt;linux/sched.h&gt;</c> compiles the type from headers), else the first module of the list.
    /// </summary>
    private static (DebuginfoOwner Owner, string? Name)? CastOwner(string module)
    {
        var alternatives = module.Split(':');
        if (alternatives.Any(a => a.Contains('<')))
        {
            return null;
        }

        var first = alternatives[0];
        return first == "kernel" ? (DebuginfoOwner.Kernel, null)
            : first.Contains('/') ? (DebuginfoOwner.Program, first)
            : (DebuginfoOwner.KernelModule, first);
    }
}
