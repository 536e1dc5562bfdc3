using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// The printf conversions that write raw bytes (<c>%c</c>, <c>%b</c>, <c>%m</c>): in the output the host reads events
/// from, a zero byte is what marks an event frame, so printed text must never hold one (STAP0105).
/// </summary>
internal static class RawBytes
{
    public static void Report(StapDiagnosticBag diagnostics, SyntaxNode format, string conversion)
    {
        var (what, advice) = conversion[^1] switch
        {
            'c' => ("a raw byte", "print it through a string, Print(Sprintf(\"" + conversion + "\", n)) (a string never holds a zero byte), or as a number with %d or %x"),
            'b' => ("a number's raw bytes", "print it as a number with %d or %x, or send it to the host as an event field"),
            _ => ("raw memory", "print it as hex with %M, or read it into a string first"),
        };
        diagnostics.Report(DiagnosticCatalog.RawBytesInFormat, format, conversion, what, advice);
    }
}
