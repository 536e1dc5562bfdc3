using StapSharp.Compiler.Binding;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Tests.Printing;

/// <summary>stap 4.8's printf format rules, as the binder checks them.</summary>
public sealed class PrintfFormatTests
{
    [Theory]
    [InlineData("%d %s\n", "LS")]
    [InlineData("%-20s %6d %3d.%02d%%\n", "SLLL")]
    [InlineData("%*d", "LL")]
    [InlineData("%.*M", "LL")]
    [InlineData("%#x %#o %p %c %u %b %1b %ld", "LLLLLLLL")]
    [InlineData("no conversions %%", "")]
    public void Accepts_stap_formats_and_reports_argument_types(string format, string expected)
    {
        var (arguments, error) = PrintfFormat.Parse(format);
        Assert.Null(error);
        Assert.Equal(expected, string.Concat(arguments.Select(a => a == StapType.String ? 'S' : 'L')));
    }

    [Theory]
    [InlineData("%-+5d", "two flags")]
    [InlineData("%lld", "is not a stap conversion")]
    [InlineData("%f", "is not a stap conversion")]
    [InlineData("trailing %", "not finished")]
    public void Rejects_what_stap_rejects(string format, string message)
    {
        var (_, error) = PrintfFormat.Parse(format);
        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
