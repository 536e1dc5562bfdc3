using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.StapRules;

/// <summary>
/// stap's printf and sprintf take at most <see cref="MaxArguments"/> values ("too many arguments to
/// print", found only in pass 3): a Printf, an interpolated string or an Emit frame that needs more is
/// reported at its C# place. Splitting one printf into several is not done for the user: the print
/// buffer can be flushed between two printfs, so another CPU's output could come between the parts.
/// </summary>
internal static class FormatArgumentLimit
{
    public const int MaxArguments = 32;

    public static void Check(Script script, StapDiagnosticBag diagnostics)
    {
        foreach (var call in IrTree.All(script).OfType<FormatCall>().Where(c => c.Arguments.Count > MaxArguments))
        {
            diagnostics.Add(DiagnosticCatalog.TooManyFormatArguments.At(call.Span, call.Arguments.Count, MaxArguments));
        }
    }
}
