using Microsoft.CodeAnalysis;

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

    /// <summary>Errors in the declarations of the type or of a base class it takes probes and fields from.</summary>
    private static bool HasCSharpErrors(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken) =>
        Discovery.ProbeScriptDiscovery.Hierarchy(type, Binding.KnownSymbols.For(compilation)).SelectMany(t => t.DeclaringSyntaxReferences).Any(reference =>
            compilation.GetSemanticModel(reference.SyntaxTree)
                .GetDiagnostics(reference.Span, cancellationToken)
                .Any(d => d.Severity == DiagnosticSeverity.Error));
}
