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
    /// <summary>The file name to write it to: the class name with .stp, unique in its compilation (STAP0015 otherwise).</summary>
    public string FileName => FileNameFor(ClassName);

    public static string FileNameFor(string className) => className + ".stp";

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

    /// <summary>The kernel, module and program debuginfo stap needs to resolve the script, with the probes that need it.</summary>
    public Debuginfo.DebuginfoNeeds Debuginfo { get; init; } = global::StapSharp.Compiler.Debuginfo.DebuginfoNeeds.None;
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

    /// <summary>
    /// <see cref="Compile(Compilation)"/> for a compilation a source generator ran over, as a project's build does:
    /// its C# errors are those of the whole compilation, <paramref name="generated"/> sources included (host code
    /// reads the generated members), while the translator sees the sources as the user wrote them.
    /// </summary>
    public static CompilationOutput Compile(Compilation compilation, IReadOnlyCollection<SyntaxTree> generated) =>
        Compile(compilation, translates: null, only: null, generated);

    /// <param name="translates">Which scripts to translate; null: all, when the whole compilation is free of C# errors.</param>
    /// <param name="only">The one script to translate and report on, or null for all of them and the probes outside any.</param>
    /// <param name="generated">Sources a generator added to <paramref name="compilation"/>: checked for C# errors, not translated.</param>
    private static CompilationOutput Compile(Compilation compilation, Func<INamedTypeSymbol, bool>? translates, INamedTypeSymbol? only = null, IReadOnlyCollection<SyntaxTree>? generated = null)
    {
        try
        {
            return CompileChecked(compilation, translates, only, generated ?? []);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return new CompilationOutput([], [DiagnosticCatalog.InternalError.At(SourceSpan.None, compilation.AssemblyName ?? "the sources", error.GetType().Name, error.Message)]);
        }
    }

    private static CompilationOutput CompileChecked(Compilation compilation, Func<INamedTypeSymbol, bool>? translates, INamedTypeSymbol? only, IReadOnlyCollection<SyntaxTree> generated)
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

        if (generated.Count > 0)
        {
            // A generated constant would become a stap global: the translator reads only what the user wrote.
            compilation = compilation.RemoveSyntaxTrees(generated);
        }

        var known = KnownSymbols.For(compilation);
        if (known.ProbeScript is null)
        {
            return new CompilationOutput([], translates is null ? [ProbeScriptDiscovery.ReportNoScript(compilation, known)] : []);
        }

        var scripts = new List<CompiledScript>();
        var diagnostics = only is not null ? [] : ProbeScriptDiscovery.ReportProbesOutsideScripts(compilation, known, t => translates?.Invoke(t) ?? true).ToList();
        var found = ProbeScriptDiscovery.Find(compilation, known);
        if (found.Count == 0 && translates is null && diagnostics.Count == 0)
        {
            // Sources that translate to nothing are reported, not an empty success; not in an IDE, where a project may hold only base classes.
            diagnostics.Add(ProbeScriptDiscovery.ReportNoScript(compilation, known));
        }

        var fileNames = new Dictionary<string, INamedTypeSymbol>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in found)
        {
            if (only is not null && !SymbolEqualityComparer.Default.Equals(type, only))
            {
                // Another script matters to this one only as an earlier, translated owner of its file name.
                if (string.Equals(type.Name, only.Name, StringComparison.OrdinalIgnoreCase) && Translates(type, [], translates))
                {
                    fileNames.TryAdd(CompiledScript.FileNameFor(type.Name), type);
                }

                continue;
            }

            if (!Translates(type, diagnostics, translates))
            {
                continue;
            }

            try
            {
                var bag = new StapDiagnosticBag();
                CheckFileName(type, fileNames, bag);
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

            if (only is not null)
            {
                break;
            }
        }

        // Scripts sharing a base class report its problems once.
        return new CompilationOutput(scripts, InSourceOrder(PragmaSuppression.Unsuppressed(compilation, diagnostics.Distinct())));
    }

    /// <summary>Whether a script is translated: always for a whole valid compilation, else when not nested too deep (reported) and <paramref name="translates"/> agrees.</summary>
    private static bool Translates(INamedTypeSymbol type, List<StapDiagnostic> diagnostics, Func<INamedTypeSymbol, bool>? translates)
    {
        if (translates is null)
        {
            return true;
        }

        // Before anything binds the script (its C# errors included): see NestingLimit.
        var tooDeep = type.DeclaringSyntaxReferences.SelectMany(reference => NestingLimit.Check(reference.GetSyntax())).ToList();
        diagnostics.AddRange(tooDeep);
        return tooDeep.Count == 0 && translates(type);
    }

    /// <summary>
    /// Two scripts must not share a file (one would overwrite the other): the later class is an error.
    /// Compared ignoring case, as some file systems do and as stap's module names are lower case.
    /// </summary>
    private static void CheckFileName(INamedTypeSymbol type, Dictionary<string, INamedTypeSymbol> fileNames, StapDiagnosticBag bag)
    {
        var fileName = CompiledScript.FileNameFor(type.Name);
        if (fileNames.TryGetValue(fileName, out var first))
        {
            bag.Report(DiagnosticCatalog.ScriptFileNameClash, type.Locations[0], type.ToDisplayString(), fileName, first.ToDisplayString());
        }
        else
        {
            fileNames[fileName] = type;
        }
    }

    /// <summary>The script's text, or null after reporting text the printer refused (a translator bug, never emitted).</summary>
    private static PrintedScript? Print(INamedTypeSymbol type, IReadOnlyList<INamedTypeSymbol> hierarchy, IR.Script script, StapDiagnosticBag bag)
    {
        // The origin names the files of the class and its bases, escaped by the printer like any comment text.
        var origin = string.Join(", ", hierarchy.SelectMany(t => t.Locations).Select(l => Path.GetFileName(l.SourceTree?.FilePath ?? string.Empty)).Distinct());
        try
        {
            return ScriptPrinter.Print(script, origin);
        }
        catch (UnsafeScriptTextException unsafeText)
        {
            bag.Report(DiagnosticCatalog.UnsafeScriptText, type.Locations[0], type.ToDisplayString(), unsafeText.Message);
            return null;
        }
    }

    /// <summary>Binds and prints one probe script; null when it has errors (they are in <paramref name="bag"/>).</summary>
    private static CompiledScript? Translate(Compilation compilation, KnownSymbols known, INamedTypeSymbol type, StapDiagnosticBag bag)
    {
        var hierarchy = ProbeScriptDiscovery.Hierarchy(type, known);
        var script = ScriptBinder.Bind(compilation, known, type, bag);
        Semantics.MeaningDifferences.Check(hierarchy, compilation, bag);
        StapRules.FormatArgumentLimit.Check(script, bag);
        StapRules.ForeachChanges.Check(script, bag);
        if (bag.HasErrors || Print(type, hierarchy, script, bag) is not { } printed)
        {
            return null;
        }

        return new CompiledScript(type.Name, type.ToDisplayString(), printed.Text, printed.Map)
        {
            Events = script.Events,
            EnumNames = EventEnumNames.Of(script.Events, compilation),
            RequiresGuru = script.Guru,
            Debuginfo = global::StapSharp.Compiler.Debuginfo.DebuginfoAnalysis.Of(script),
            Arguments = script.Globals.Where(g => g.Argument is not null)
                .Select(g => new ScriptArgumentInfo(g.Argument!.Position, g.Name, g.Argument.Type == IR.StapType.String, g.Initializer is not null))
                .OrderBy(a => a.Position).ToList(),
        };
    }

    private static List<StapDiagnostic> InSourceOrder(IEnumerable<StapDiagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Span.FilePath, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column).ToList();
}
