using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz.Size;

/// <summary>
/// Inputs that grow (<see cref="GrowingShapes"/>) far past any sensible size, in a child process: the
/// translator must end normally, with a diagnostic or a script of linear size, never a crash, a stack
/// overflow or an output that explodes. (Growth up to the limits is measured by Robustness/OutputGrowthTests.)
/// </summary>
public sealed class SizeTests(ITestOutputHelper output)
{
    /// <summary>Far past what anyone writes: the translator must refuse it with a diagnostic, or translate it linearly.</summary>
    private static int Huge(GrowingShape shape) => shape.Name == "kernel condition" ? 40 : 3_000;

    /// <summary>The most bytes a unit may add to a script of linear size, whatever the shape.</summary>
    private const int MaxBytesPerUnit = 256;

    [Theory]
    [InlineData("statements")]
    [InlineData("probes")]
    [InlineData("globals")]
    [InlineData("nested ifs")]
    [InlineData("nested loops")]
    [InlineData("else-if chain")]
    [InlineData("nested parentheses")]
    [InlineData("long sum")]
    [InlineData("string concatenation")]
    [InlineData("nested conditionals")]
    [InlineData("kernel condition")]
    public void Far_past_any_real_size_there_is_a_diagnostic_not_a_crash(string name)
    {
        var shape = GrowingShapes.Named(name);
        var n = Huge(shape);
        var result = ChildTranslation.Run(shape.Source(n), TimeSpan.FromMinutes(3));
        output.WriteLine($"{name} at {n}: {result}");
        Assert.True(result.Completed, $"{name} at {n}: the translation did not end normally: {result}");
        var refused = result.Diagnostics.Any(d => d.EndsWith(" Error", StringComparison.Ordinal));
        Assert.True(refused || result.Bytes <= MaxBytesPerUnit * n,
            $"{name} at {n}: neither a diagnostic nor a script of linear size: {result.Bytes} bytes");
    }
}
