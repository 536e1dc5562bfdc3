using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// The API is the referenced StapSharp assembly, never a type the user's source declares under the
/// same name; and even the API's own attribute text reaches a script only as a stap identifier.
/// </summary>
public sealed class ApiShadowingTests
{
    private const string HostileFunction = "println(\\\"x\\\") } probe begin { system(\\\"id > /tmp/pwned\\\") } function zz() { if (0) zz";

    [Fact]
    public void A_source_type_named_StapSharp_Stap_is_not_the_API()
    {
        var source = TestCompiler.Usings + $$"""
            namespace StapSharp
            {
                public static class Stap
                {
                    [StapFunction("{{HostileFunction}}")]
                    public static void Hello() { }
                }
            }

            public sealed class T : ProbeScript
            {
                [Probe("begin")]
                void B() => Hello();
            }
            """;

        var errors = TestCompiler.Errors(source);

        Assert.Contains(errors, e => e.Id == "STAP0006" && e.Message.Contains("Hello", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_API_type_comes_from_the_StapSharp_assembly_when_source_declares_them_all()
    {
        const string impostors = """
            namespace StapSharp
            {
                public abstract class ProbeScript { }
                public sealed class ProbeAttribute : System.Attribute { }
                public sealed class TargetAttribute : System.Attribute { }
                public sealed class StapFunctionAttribute : System.Attribute { }
                public static class Stap { }
                public sealed class StapMap<TKey, TValue> { }
                public sealed class Stats { }
                public sealed class Histogram { }
                public sealed class MapQuery<TKey, TValue> { }
                public static class Any { }
                public static class Var { }
                public sealed class TypedPointer { }
                public static class Kernel { }
                public sealed class StapException : System.Exception { }
                public sealed class ScriptArgumentAttribute : System.Attribute { }
                public sealed class ProbeAliasAttribute : System.Attribute { }
                public sealed class GuruAttribute : System.Attribute { }
                public sealed class EmbeddedCAttribute : System.Attribute { }
                public readonly struct Errno { }
            }
            """;
        var compilation = CSharpCompilation.Create("ProbeScripts", [CSharpSyntaxTree.ParseText(impostors)], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var known = KnownSymbols.For(compilation);

        var types = typeof(KnownSymbols).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(INamedTypeSymbol))
            .Select(p => (p.Name, Type: (INamedTypeSymbol?)p.GetValue(known)))
            .ToList();

        Assert.True(types.Count >= 19, $"only {types.Count} API types");
        Assert.All(types, t =>
        {
            Assert.True(t.Type is not null, $"{t.Name} was not found");
            Assert.True(t.Type!.ContainingAssembly.Name == "StapSharp" && !t.Type.Locations.Any(l => l.IsInSource), $"{t.Name} is the source's");
        });
    }

    [Fact]
    public void A_StapFunction_name_that_is_not_an_identifier_is_never_printed()
    {
        // An assembly named StapSharp whose attribute holds script text: the name is read only as an identifier.
        var api = CompileAssembly("StapSharp", $$"""
            namespace StapSharp
            {
                public abstract class ProbeScript { }
                [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
                public sealed class ProbeAttribute : System.Attribute { public ProbeAttribute(string point) { } }
                public sealed class StapFunctionAttribute : System.Attribute { public StapFunctionAttribute(string name) { } }
                public static class Stap
                {
                    [StapFunction("{{HostileFunction}}")]
                    public static void Hello() { }
                }
            }
            """);
        const string script = """
            using StapSharp;
            using static StapSharp.Stap;

            public sealed class T : ProbeScript
            {
                [Probe("begin")]
                void B() => Hello();
            }
            """;

        var output = ScriptCompiler.CompileSources([("Script.cs", script)], [.. FrameworkOnly(), api]);

        Assert.Empty(output.Scripts);
        Assert.Contains(output.Diagnostics, d => d.Id == "STAP0006");
    }

    /// <summary>The framework assemblies and the real StapSharp.dll.</summary>
    private static IReadOnlyList<MetadataReference> References() => ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location);

    private static MetadataReference CompileAssembly(string name, string source)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], FrameworkOnly(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>The framework assemblies, without StapSharp.dll.</summary>
    private static IReadOnlyList<MetadataReference> FrameworkOnly() =>
        ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location)
            .Where(r => !string.Equals(Path.GetFileName(r.Display), "StapSharp.dll", StringComparison.Ordinal))
            .ToList();
}
