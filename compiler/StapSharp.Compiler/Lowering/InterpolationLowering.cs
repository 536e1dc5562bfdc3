using System.Globalization;
using System.Text;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// Interpolated strings become printf formats: <c>$"{name,-20} {n:x}"</c> → <c>sprintf("%-20s %x", name, n)</c>.
/// The text is escaped for printf (<c>%</c> → <c>%%</c>); the printer escapes it for a stap string.
/// </summary>
internal static class InterpolationLowering
{
    public static Expression Lower(BoundInterpolation interpolation)
    {
        var (format, arguments) = Format(interpolation, string.Empty);
        return new FormatCall(interpolation.Span, StapType.String, "sprintf", format, arguments);
    }

    /// <summary>The printf format of <paramref name="interpolation"/> followed by <paramref name="suffix"/>, and its arguments.</summary>
    public static (string Format, IReadOnlyList<Expression> Arguments) Format(BoundInterpolation interpolation, string suffix)
    {
        var format = new StringBuilder();
        var arguments = new List<Expression>();
        foreach (var part in interpolation.Parts)
        {
            switch (part)
            {
                case InterpolationText text:
                    format.Append(text.Text.Replace("%", "%%"));
                    break;
                case InterpolationHole hole:
                    format.Append('%').Append(hole.Width?.ToString(CultureInfo.InvariantCulture)).Append(Conversion(hole.Format));
                    arguments.Add(hole.Value);
                    break;
            }
        }

        return (format.Append(suffix).ToString(), arguments);
    }

    private static char Conversion(HoleFormat format) => format switch
    {
        HoleFormat.Text => 's',
        HoleFormat.Decimal => 'd',
        HoleFormat.LowerHex => 'x',
        HoleFormat.UpperHex => 'X',
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
