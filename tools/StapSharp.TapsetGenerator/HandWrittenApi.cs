using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StapSharp.TapsetGenerator;

/// <summary>A hand-written method of <c>StapSharp.Stap</c>, with the stap function it stands for if it names one.</summary>
internal sealed record HandWrittenMethod(string? StapName, string CSharpName, int Arity, bool IsVariadic)
{
    /// <summary>Whether a call with this many arguments can bind to this method.</summary>
    public bool Accepts(int arity) => arity == Arity || (IsVariadic && arity >= Arity);

    /// <summary>Whether a call of the stap function with this many arguments already has this member.</summary>
    public bool Covers(string stapName, int arity) => StapName == stapName && Accepts(arity);
}

/// <summary>
/// The hand-written API, read as syntax from runtime/StapSharp (every .cs file but the generated ones): the
/// members of <c>Stap</c> with their <c>[StapFunction]</c> names, and every name a generated member must not take.
/// </summary>
internal sealed class HandWrittenApi
{
    public const string GeneratedFileSuffix = ".g.cs";

    private HandWrittenApi(IReadOnlyList<HandWrittenMethod> methods, IReadOnlySet<string> takenNames)
    {
        Methods = methods;
        TakenNames = takenNames;
    }

    public IReadOnlyList<HandWrittenMethod> Methods { get; }

    /// <summary>Names of Stap's hand-written members and of the types of the StapSharp namespace.</summary>
    public IReadOnlySet<string> TakenNames { get; }

    public static HandWrittenApi Read(string runtimeFolder)
    {
        var functions = new List<HandWrittenMethod>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var files = Directory.GetFiles(runtimeFolder, "*.cs").Where(f => !f.EndsWith(GeneratedFileSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var type in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                taken.Add(type.Identifier.ValueText);
            }

            foreach (var stap in root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Identifier.ValueText == "Stap"))
            {
                foreach (var member in stap.Members)
                {
                    taken.UnionWith(NamesOf(member));
                    if (member is MethodDeclarationSyntax method)
                    {
                        var parameters = method.ParameterList.Parameters;
                        var variadic = parameters.Any(p => p.Modifiers.Any(SyntaxKind.ParamsKeyword));
                        functions.Add(new HandWrittenMethod(StapName(method), method.Identifier.ValueText, parameters.Count - (variadic ? 1 : 0), variadic));
                    }
                }
            }
        }

        return new HandWrittenApi(functions, taken);
    }

    public bool Covers(string stapName, int arity) => Methods.Any(f => f.Covers(stapName, arity));

    /// <summary>Whether a hand-written method named <paramref name="csharpName"/> for anything but <paramref name="stapName"/> takes calls with this many arguments.</summary>
    public bool Overlaps(string csharpName, string stapName, int arity) =>
        Methods.Any(m => m.CSharpName == csharpName && m.StapName != stapName && m.Accepts(arity));

    /// <summary>The C# name the hand-written members give a stap function, if they name it.</summary>
    public string? CSharpNameOf(string stapName) => Methods.FirstOrDefault(f => f.StapName == stapName)?.CSharpName;

    private static IEnumerable<string> NamesOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => [method.Identifier.ValueText],
        PropertyDeclarationSyntax property => [property.Identifier.ValueText],
        BaseTypeDeclarationSyntax type => [type.Identifier.ValueText],
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
        _ => [],
    };

    private static string? StapName(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => a.Name.ToString() is "StapFunction" or "StapFunctionAttribute")
            .Select(a => a.ArgumentList?.Arguments.FirstOrDefault()?.Expression)
            .OfType<LiteralExpressionSyntax>()
            .Select(l => l.Token.ValueText)
            .FirstOrDefault();
}
