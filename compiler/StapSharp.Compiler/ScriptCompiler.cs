using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Discovery;
using StapSharp.Compiler.Events;
using StapSharp.Compiler.Limits;
using StapSharp.Compiler.Printing;

namespace StapSharp.Compiler;

/// <summary>One emitted script: the .stp text of one probe-script class and its map back to C#.</summary>
public sealed record CompiledScript(string ClassName, string FullName, string Text, SourceMap Map)
{
    /// <summary>The file name to write it to: the class name with .stp.</summary>
    public string FileName => ClassName + ".stp";

    /// <summary>The event records the script emits, in id order (runtime/StapSharp/WIRE-FORMAT.md); empty without Emit.</summary>
    public IReadOnlyList<EventTypeSchema> Events { get; init; } = [];

    /// <summary>The member names of the enums in <see cref="Events"/>' fields: enum full name → value → name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>> EnumNames { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<long, string>>();

    /// <summary>C# source of the host decoders of <see cref="Events"/> (see <see cref="global::StapSharp.Compiler.Events.EventDecoderSource.Generate"/>); empty without events.</summary>
    public string EventDecoderSource => global::StapSharp.Compiler.Events.EventDecoderSource.Generate(Events);

    /// <summary>The script opted into guru mode ([Guru]): stap must be run with -g.</summary>
    public bool RequiresGuru { get; init; }

    /// <summary>The positional arguments the script reads (<c>$N</c>/<c>@N</c>), by position.</summary>
    public IReadOnlyList<ScriptArgumentInfo> Arguments { get; init; } = [];
}

/// <summary>A script argument: its position, the global it sets, whether it is text (@N) and whether it may be left out.</summary>
public sealed record ScriptArgumentInfo(int Position, string Global, bool IsString, bool HasDefault);

/// <summary>What a compilation produced: the scripts, and every problem found.</summary>
public sealed record CompilationOutput(IReadOnlyList<CompiledScript> Scripts, IReadOnlyList<StapDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == StapSeverity.Error);
}

/// <summary>
/// The translator's entry point: discover probe scripts → bind each to the Stap IR → print .stp.
/// A script with errors is not emitted; all errors are reported.
/// </summary>
public static partial class ScriptCompiler
{
    /// <summary>Compiles C# sources (path, text) against the given references (the BCL and StapSharp.dll).</summary>
    public static CompilationOutput CompileSources(IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference> references)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "ProbeScripts",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return Compile(compilation);
    }

    public static CompilationOutput Compile(Compilation compilation) => Compile(compilation, translates: null);

    /// <param name="translates">Which scripts to translate; null: all, when the whole compilation is free of C# errors.</param>
    private static CompilationOutput Compile(Compilation compilation, Func<INamedTypeSymbol, bool>? translates)
    {
        try
        {
            return CompileChecked(compilation, translates);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new CompilationOutput([], [DiagnosticCatalog.InternalError.At(SourceSpan.None, compilation.AssemblyName ?? "the sources", error.GetType().Name, error.Message)]);
        }
    }

    private static CompilationOutput CompileChecked(Compilation compilation, Func<INamedTypeSymbol, bool>? translates)
    {
        if (translates is null)
        {
            // Nesting first: Roslyn binds the whole compilation for its errors, and recurses per level too.
            var tooDeep = compilation.SyntaxTrees.SelectMany(tree => NestingLimit.Check(tree.GetRoot())).ToList();
            if (tooDeep.Count > 0)
            {
                return new CompilationOutput([], InSourceOrder(tooDeep));
            }
        }

        // C# errors first: a script that is not valid C# is not translated, but its C# errors are shown.
        var csharpErrors = translates is not null ? [] : compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => new StapDiagnostic(d.Id, StapSeverity.Error, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), SourceSpan.From(d.Location)))
            .ToList();
        if (csharpErrors.Count > 0)
        {
            return new CompilationOutput([], csharpErrors);
        }

        var known = KnownSymbols.For(compilation);
        if (known.ProbeScript is null)
        {
            return new CompilationOutput([], [DiagnosticCatalog.NoProbes.At(SourceSpan.None, "(none): the sources do not reference StapSharp.dll")]);
        }

        var scripts = new List<CompiledScript>();
        var diagnostics = new List<StapDiagnostic>();
        foreach (var type in ProbeScriptDiscovery.Find(compilation, known))
        {
            if (translates is not null)
            {
                // Before anything binds the script (its C# errors included): see NestingLimit.
                var tooDeep = type.DeclaringSyntaxReferences.SelectMany(reference => NestingLimit.Check(reference.GetSyntax())).ToList();
                diagnostics.AddRange(tooDeep);
                if (tooDeep.Count > 0 || !translates(type))
                {
                    continue;
                }
            }

            try
            {
                var bag = new DiagnosticBag();
                if (Translate(compilation, known, type, bag) is { } script)
                {
                    scripts.Add(script);
                }

                diagnostics.AddRange(bag.Items);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.From(type.Locations[0]), type.Name, error.GetType().Name, error.Message));
            }
        }

        return new CompilationOutput(scripts, InSourceOrder(diagnostics));
    }

    /// <summary>Binds and prints one probe script; null when it has errors (they are in <paramref name="bag"/>).</summary>
    private static CompiledScript? Translate(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, DiagnosticBag bag)
    {
        var script = ScriptBinder.Bind(compilation, known, type, bag);
        Semantics.MeaningDifferences.Check(type, compilation, bag);
        StapRules.FormatArgumentLimit.Check(script, bag);
        StapRules.ForeachChanges.Check(script, bag);
        if (bag.HasErrors)
        {
            return null;
        }

        var origin = string.Join(", ", type.Locations.Select(l => Path.GetFileName(l.SourceTree?.FilePath ?? string.Empty)).Distinct());
        var printed = ScriptPrinter.Print(script, origin);
        return new CompiledScript(type.Name, type.ToDisplayString(), printed.Text, printed.Map)
        {
            Events = script.Events,
            EnumNames = EventEnumNames.Of(script.Events, compilation),
            RequiresGuru = script.Guru,
            Arguments = script.Globals.Where(g => g.Argument is not null)
                .Select(g => new ScriptArgumentInfo(g.Argument!.Position, g.Name, g.Argument.Type == IR.StapType.String, g.Initializer is not null))
                .OrderBy(a => a.Position).ToList(),
        };
    }

    private static List<StapDiagnostic> InSourceOrder(IEnumerable<StapDiagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.FilePath, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();
}
