using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

internal static class ProbePointParserAssert
{
    /// <summary>Parses <paramref name="text"/>, failing the test with the parser's error if it does not parse.</summary>
    public static ProbePointList Parses(string text)
    {
        var result = ProbePointParser.Parse(text);
        Assert.True(result.Error is null, $"'{text}' did not parse: {result.Error}");
        Assert.NotNull(result.Points);
        return result.Points;
    }

    /// <summary>Parses <paramref name="text"/>, expecting an error, and returns it.</summary>
    public static ProbePointError Fails(string text)
    {
        var result = ProbePointParser.Parse(text);
        Assert.True(result.Points is null, $"'{text}' parsed as {result.Points}");
        Assert.NotNull(result.Error);
        return result.Error;
    }
}
