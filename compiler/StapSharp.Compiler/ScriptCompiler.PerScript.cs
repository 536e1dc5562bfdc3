using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler;

public static partial class ScriptCompiler
{
    /// <summary>
    /// Translates every probe script whose own declarations are free of C# errors, and skips the
    /// others without a word (their C# errors are the C# compiler's to report). For hosts inside
    /// the C# compiler or an IDE, where the code being typed is rarely error-free as a whole and
    /// may refer to generated members that do not exist yet.
    /// </summary>
    public static CompilationOutput CompileWhereValid(Compilation compilation, CancellationToken cancellationToken = default) =>
        Compile(compilation, type => !HasCSharpErrors(compilation, type, cancellationToken));

    /// <summary>
    /// <see cref="CompileWhereValid(Compilation, CancellationToken)"/> for one probe script: its script
    /// and the problems it reports, as the whole compilation's translation would give them for it (its
    /// file name checked against the scripts before it). Probes outside any script are not its to report.
    /// </summary>
    public static CompilationOutput CompileWhereValid(Compilation compilation, INamedTypeSymbol script, CancellationToken cancellationToken = default) =>
        Compile(compilation, type => !HasCSharpErrors(compilation, type, cancellationToken), script);

    /// <summary>The probe scripts of a compilation (non-abstract classes deriving from the API's ProbeScript), in the order they are translated.</summary>
    public static IReadOnlyList<INamedTypeSymbol> ProbeScriptsOf(Compilation compilation) =>
        Discovery.ProbeScriptDiscovery.Find(compilation, Binding.KnownSymbols.For(compilation));

    /// <summary>
    /// <see cref="CompileWhereValid(Compilation, CancellationToken)"/>'s problems that belong to no script: probe
    /// methods in types that are not probe scripts (and are free of C# errors), so no script would run them.
    /// </summary>
    public static IReadOnlyList<StapDiagnostic> ProbesOutsideScripts(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var known = Binding.KnownSymbols.For(compilation);
        return known.ProbeScript is null ? [] :
            [.. Discovery.ProbeScriptDiscovery.ReportProbesOutsideScripts(compilation, known, type => !HasCSharpErrors(compilation, type, cancellationToken))];
    }

    /// <summary>Errors in the declarations of the type or of a base class it takes probes and fields from.</summary>
    private static bool HasCSharpErrors(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken) =>
        Discovery.ProbeScriptDiscovery.Hierarchy(type, Binding.KnownSymbols.For(compilation)).SelectMany(t => t.DeclaringSyntaxReferences).Any(reference =>
            compilation.GetSemanticModel(reference.SyntaxTree)
                .GetDiagnostics(reference.Span, cancellationToken)
                .Any(d => d.Severity == DiagnosticSeverity.Error));
}
