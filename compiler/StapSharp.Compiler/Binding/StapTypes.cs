using Microsoft.CodeAnalysis;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Binding;

/// <summary>Which C# types have a SystemTap equivalent, and why the others do not.</summary>
internal static class StapTypes
{
    /// <summary>The stap type of a C# scalar type, or null with the advice to give.</summary>
    public static StapType? Map(ITypeSymbol? type, out string advice)
    {
        advice = string.Empty;
        switch (type?.SpecialType)
        {
            case SpecialType.System_Int64:
            case SpecialType.System_Boolean:
                return StapType.Long;
            case SpecialType.System_String:
                return StapType.String;
            case SpecialType.System_Void:
                return StapType.Void;
            case SpecialType.System_Int32:
            case SpecialType.System_Int16:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
                advice = "stap computes every integer in 64 bits, so its overflow differs from C#'s; use long";
                return null;
            case SpecialType.System_UInt64:
                advice = "stap's long is signed; use long (printf %u prints it unsigned)";
                return null;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                advice = "stap has no floating point; scale to an integer long (e.g. microseconds instead of seconds)";
                return null;
            case SpecialType.System_Char:
                advice = "stap has no char type; use a one-character string or its code as a long";
                return null;
            default:
                advice = "a probe script holds only long, bool and string values (arrays are StapMap fields)";
                return null;
        }
    }
}
