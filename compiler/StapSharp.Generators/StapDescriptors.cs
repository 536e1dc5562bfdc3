using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Generators;

/// <summary>The translator's catalogue as Roslyn descriptors: same ids, titles and severities.</summary>
internal static class StapDescriptors
{
    /// <summary>Problems the translator finds (STAP0001-0399): the script cannot be emitted as written.</summary>
    public const string TranslationCategory = "StapSharp.Translation";

    /// <summary>Valid C# and a valid script that still does not do what was meant (STAP0400-0449).</summary>
    public const string UsageCategory = "StapSharp.Usage";

    /// <summary>The catalogue every id is documented in, as a path in the repository.</summary>
    public const string CataloguePath = "compiler/StapSharp.Compiler/Diagnostics/README.md";

    /// <summary>The repository's address, as the build stamped it from Directory.Build.props' RepositoryUrl.</summary>
    private static readonly string? RepositoryUrl = typeof(StapDescriptors).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value;

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById =
        DiagnosticCatalog.All.ToImmutableDictionary(d => d.Id, Create);

    /// <summary>Every catalogue id, for the analyzer that reports the translator's own diagnostics.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = [.. DiagnosticCatalog.All.Select(d => ById[d.Id])];

    public static DiagnosticDescriptor For(StapDiagnosticDescriptor descriptor) => ById[descriptor.Id];

    public static DiagnosticDescriptor? ForId(string id) => ById.TryGetValue(id, out var descriptor) ? descriptor : null;

    public static string CategoryOf(string id) =>
        int.TryParse(id.AsSpan(4), out var number) && number is >= 400 and <= 449 ? UsageCategory : TranslationCategory;

    /// <summary>An id's anchor in the catalogue: its row starts with <c>&lt;a id="stap0003"&gt;&lt;/a&gt;</c>.</summary>
    public static string AnchorOf(string id) => id.ToLowerInvariant();

    /// <summary>Where an id is explained: its row of the catalogue on the repository's main branch.</summary>
    public static string? HelpLinkOf(string id) =>
        RepositoryUrl is null ? null : $"{RepositoryUrl.TrimEnd('/')}/blob/main/{CataloguePath}#{AnchorOf(id)}";

    public static DiagnosticSeverity SeverityOf(StapSeverity severity) => severity switch
    {
        StapSeverity.Error => DiagnosticSeverity.Error,
        StapSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private static DiagnosticDescriptor Create(StapDiagnosticDescriptor descriptor)
    {
        var category = CategoryOf(descriptor.Id);
        // The translator reports its own ids with the message already filled in; the analyzers of
        // this assembly fill in the catalogue's format themselves.
        var format = category == UsageCategory ? descriptor.MessageFormat : "{0}";
        return new DiagnosticDescriptor(descriptor.Id, descriptor.Title, format, category,
            SeverityOf(descriptor.Severity), isEnabledByDefault: true,
            description: $"See {CataloguePath} for every id, an example and the fix.",
            helpLinkUri: HelpLinkOf(descriptor.Id));
    }
}
