using StapSharp.Compiler.Bound;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary><c>Println($"...")</c> → <c>printf("...\n", ...)</c>: one call, formatted by stap.</summary>
internal static class PrintLowering
{
    public static Expression Lower(BoundPrint print)
    {
        var (format, arguments) = InterpolationLowering.Format(print.Text, print.NewLine ? "\n" : string.Empty);
        return new FormatCall(print.Span, StapType.Void, "printf", format, arguments);
    }
}
