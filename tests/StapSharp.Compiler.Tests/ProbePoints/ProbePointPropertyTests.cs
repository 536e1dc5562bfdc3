using CsCheck;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>Properties over random ASTs and random text.</summary>
public class ProbePointPropertyTests
{
    [Fact]
    public void Printed_ASTs_parse_back_to_the_same_AST_and_text() =>
        ProbePointGenerators.List.Sample(list =>
        {
            var printed = ProbePointPrinter.Print(list);

            var reparsed = ProbePointParserAssert.Parses(printed);

            Assert.Equal(printed, ProbePointPrinter.Print(reparsed));
            Assert.Equal(list, reparsed);
        }, iter: 3000);

    [Fact]
    public void Random_text_never_throws_and_what_parses_prints_as_probe_points_only() =>
        ProbePointGenerators.ProbeLikeText.Sample(text =>
        {
            var result = ProbePointParser.Parse(text);

            if (result.Error is { } error)
            {
                Assert.Null(result.Points);
                Assert.InRange(error.Offset, 0, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                return;
            }

            var printed = ProbePointPrinter.Print(result.Points!);
            Assert.Equal(result.Points, ProbePointParserAssert.Parses(printed));
            Assert.DoesNotContain('\n', printed);
            Assert.DoesNotContain('\r', printed);
            var outsideStrings = WithoutStringLiterals(printed);
            Assert.DoesNotContain(';', outsideStrings);
            Assert.DoesNotContain("%{", outsideStrings);
            Assert.DoesNotContain('$', outsideStrings);
            Assert.DoesNotContain('@', outsideStrings);
            Assert.Equal(CountBraces(result.Points!), outsideStrings.Count(c => c == '{'));
        }, iter: 20000);

    [Theory]
    [InlineData("begin { system(\"id\") } probe end")]
    [InlineData("begin {} probe end")]
    [InlineData("begin } probe end {")]
    [InlineData("kernel.function(\"x\") { exit() }")]
    public void Handler_bodies_never_parse(string text) =>
        Assert.False(ProbePointParser.Parse(text).Success);

    /// <summary>The printed text with every string literal's body removed (the quotes stay).</summary>
    private static string WithoutStringLiterals(string printed)
    {
        var kept = new System.Text.StringBuilder();
        var inString = false;
        for (var i = 0; i < printed.Length; i++)
        {
            var c = printed[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }
            kept.Append(c);
            if (c == '"')
            {
                inString = true;
            }
        }
        Assert.False(inString, $"unterminated string in printed text: {printed}");
        return kept.ToString();
    }

    /// <summary>The brace groups and the {Name} script-argument references, each of which prints one '{'.</summary>
    private static int CountBraces(ProbePointList list) => list.Points.Sum(CountBraces);

    private static int CountBraces(ProbePoint point) =>
        point.Components.OfType<BraceGroupComponent>().Sum(group => 1 + group.Alternatives.Sum(CountBraces))
        + point.Components.Count(component => component is ArgumentComponent or NamedComponent { Argument: ArgumentLiteral });
}
