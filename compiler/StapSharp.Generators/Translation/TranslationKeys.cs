using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StapSharp.Generators.Translation;

/// <summary>
/// The key of a probe script's translation: a hash of every source the translation could read, so two
/// compilations that give a script the same key give it the same script and diagnostics.
/// </summary>
/// <remarks>
/// What a script reads is found by name, conservatively: its declarations, then every declaration
/// declaring a name they use, and so on; the usings, namespaces and directives of each file involved;
/// the files with global usings or assembly attributes; and the compilation's options and references.
/// A declaration the script cannot name (another probe script, an unrelated class) is not part of it.
/// </remarks>
internal sealed class TranslationKeys
{
    private static readonly ConditionalWeakTable<Compilation, TranslationKeys> Cache = new();

    private readonly Dictionary<string, SourceSummary> _filesByPath = new(StringComparer.Ordinal);
    /// <summary>Ignoring case: two scripts whose names differ only in case share a file name, so each reads the other.</summary>
    private readonly Dictionary<string, List<SourceDeclaration>> _declarationsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SourceSummary> _globalFiles = [];
    private readonly string _environment;

    private TranslationKeys(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees.Where(t => !ProbeScripts.IsGeneratedScript(t)))
        {
            var summary = SourceSummary.Of(tree, cancellationToken);
            _filesByPath[summary.FilePath] = summary;
            if (summary.IsGlobal)
            {
                _globalFiles.Add(summary);
            }

            foreach (var declaration in summary.Declarations)
            {
                foreach (var name in declaration.DeclaredNames)
                {
                    if (!_declarationsByName.TryGetValue(name, out var list))
                    {
                        _declarationsByName[name] = list = [];
                    }

                    list.Add(declaration);
                }
            }
        }

        _environment = string.Join("\n",
            compilation.AssemblyName,
            OptionsOf(compilation.Options),
            string.Join("|", compilation.References.Select(r => $"{r.Display}#{SerialOf(r)}")));
    }

    /// <summary>The options that can change the C# errors the translator skips scripts for, or its reading of the code.</summary>
    private static string OptionsOf(CompilationOptions options) => string.Join("|",
        options.OutputKind, options.Platform, options.CheckOverflow, options.NullableContextOptions,
        options is CSharpCompilationOptions csharp ? csharp.AllowUnsafe : null,
        options.GeneralDiagnosticOption, options.WarningLevel,
        string.Join(",", options.SpecificDiagnosticOptions.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")),
        options.SyntaxTreeOptionsProvider is { } perTree ? SerialOf(perTree) : 0);

    private static readonly ConditionalWeakTable<object, StrongBox<long>> Serials = new();
    private static long lastSerial;

    /// <summary>
    /// A number that changes when a reference's content does: the metadata of a file (a file rebuilt
    /// at the same path is new metadata) or the compilation of a project reference.
    /// </summary>
    private static long SerialOf(MetadataReference reference)
    {
        object identity = reference;
        try
        {
            identity = reference switch
            {
                CompilationReference project => project.Compilation,
                PortableExecutableReference file => file.GetMetadataId(),
                _ => reference,
            };
        }
        catch (Exception error) when (error is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            // Unreadable metadata: the reference object stands for itself.
        }

        return SerialOf(identity);
    }

    /// <summary>A number for an object, the same while it lives (options and metadata have no content hash of their own).</summary>
    private static long SerialOf(object identity) =>
        Serials.GetValue(identity, _ => new StrongBox<long>(Interlocked.Increment(ref lastSerial))).Value;

    /// <summary>The keys of one compilation's scripts, from summaries of its files made once per syntax tree.</summary>
    public static TranslationKeys For(Compilation compilation, CancellationToken cancellationToken) =>
        Cache.GetValue(compilation, c => new TranslationKeys(c, cancellationToken));

    public string KeyOf(INamedTypeSymbol script, string metadataName)
    {
        var closure = new HashSet<SourceDeclaration>();
        var files = new SortedSet<string>(_globalFiles.Select(f => f.FilePath), StringComparer.Ordinal);
        var pending = new Stack<SourceDeclaration>();
        foreach (var reference in script.DeclaringSyntaxReferences)
        {
            if (_filesByPath.TryGetValue(reference.SyntaxTree.FilePath, out var file) &&
                file.Declarations.FirstOrDefault(d => d.Start <= reference.Span.Start && reference.Span.End <= d.End) is { } declaration)
            {
                pending.Push(declaration);
            }
        }

        foreach (var global in _globalFiles)
        {
            Reach(global.HeaderNames);
        }

        while (pending.Count > 0)
        {
            var declaration = pending.Pop();
            if (!closure.Add(declaration))
            {
                continue;
            }

            if (files.Add(declaration.FilePath))
            {
                Reach(_filesByPath[declaration.FilePath].HeaderNames);
            }

            Reach(declaration.UsedNames);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(_environment);
        Append(metadataName);
        foreach (var path in files)
        {
            Append(_filesByPath[path].HeaderHash);
        }

        foreach (var declaration in closure.OrderBy(d => d.FilePath, StringComparer.Ordinal).ThenBy(d => d.Start))
        {
            Append(declaration.FilePath + "|" + declaration.Hash);
        }

        return Convert.ToHexString(hash.GetHashAndReset());

        void Reach(IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                if (_declarationsByName.TryGetValue(name, out var declarations))
                {
                    foreach (var declaration in declarations)
                    {
                        pending.Push(declaration);
                    }
                }
            }
        }

        void Append(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
    }
}
