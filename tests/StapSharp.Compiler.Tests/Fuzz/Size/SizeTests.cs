using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz.Size;

/// <summary>
/// Inputs that grow (<see cref="GrowingShapes"/>): the script must grow linearly with them (the bytes
/// each unit adds stay the same; timing is left to benchmarks), and far past any sensible size the
/// translator must end normally, with a diagnostic or a script of linear size, never a crash, a
/// stack overflow or an output that explodes.
/// </summary>
public sealed class SizeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The sizes the growth is measured at: below the translator's nesting limit (256 levels), so each is
    /// translated. Kernel conditions are not measured: past 64 comparisons they are a diagnostic.
    /// </summary>
    private static readonly int[] Sizes = [40, 80, 160];

    /// <summary>Far past what anyone writes: the translator must refuse it with a diagnostic, or translate it linearly.</summary>
    private static int Huge(GrowingShape shape) => shape.Name == "kernel condition" ? 40 : 3_000;

    /// <summary>The most bytes a unit may add to the script, whatever the shape (a nested loop adds ~280: its header, braces and 32 levels of indentation).</summary>
    private const int MaxBytesPerUnit = 512;

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
    public void The_script_grows_linearly(string name)
    {
        var shape = GrowingShapes.Named(name);
        var sizes = Sizes;
        var bytes = sizes.Select(n => Translated(shape, n)).ToArray();
        var perUnit = Enumerable.Range(1, sizes.Length - 1).Select(i => (double)(bytes[i] - bytes[i - 1]) / (sizes[i] - sizes[i - 1])).ToArray();
        output.WriteLine($"{name}: {string.Join(", ", sizes.Zip(bytes, (n, b) => $"{n} → {b} bytes"))}; bytes per unit {string.Join(", ", perUnit.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(perUnit[^1] <= 1.2 * perUnit[0] + 8, $"{name}: each unit adds {perUnit[^1]:F1} bytes at {sizes[^1]} but {perUnit[0]:F1} at {sizes[1]}: the output grows faster than the input");
        Assert.True(perUnit[^1] <= MaxBytesPerUnit, $"{name}: each unit adds {perUnit[^1]:F1} bytes");
    }

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

    /// <summary>
    /// The script's size for the shape at n, translated in this process on a thread with a large stack:
    /// these sizes are meant to measure growth, not to find the stack's end (the child-process test does that).
    /// </summary>
    private static int Translated(GrowingShape shape, int n)
    {
        Translation? translation = null;
        var thread = new Thread(() => translation = TranslationChecks.Translate("Grown.cs", shape.Source(n)), 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        TranslationChecks.AssertAccepted(translation!);
        return translation!.Output!.Scripts.Sum(s => s.Text.Length);
    }
}
