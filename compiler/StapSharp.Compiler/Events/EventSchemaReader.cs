using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StapSharp.Compiler.Binding;
using StapSharp.Compiler.Diagnostics;

namespace StapSharp.Compiler.Events;

/// <summary>
/// Reads an event record's schema from its symbol: the primary-constructor parameters, in order,
/// each with a wire code. Reports every reason the type cannot be an event instead.
/// </summary>
internal static class EventSchemaReader
{
    /// <summary>The positional constructor and fields of <paramref name="type"/>, or null after reporting why it cannot be an event.</summary>
    /// <param name="usage">Where the type is used (the Emit argument): the place to report when the type is not in source.</param>
    public static (IMethodSymbol Constructor, IReadOnlyList<EventFieldSchema> Fields)? Read(ITypeSymbol type, Location usage, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var name = type.ToDisplayString();
        var location = type.Locations.FirstOrDefault(l => l.IsInSource) ?? usage;
        if (type is not INamedTypeSymbol named || !named.IsRecord)
        {
            diagnostics.Report(DiagnosticCatalog.BadEventType, location, name,
                $"an event is a record; declare it with its fields as constructor parameters: public record {type.Name}(long Pid, string Name)");
            return null;
        }

        if (IsGeneric(named))
        {
            diagnostics.Report(DiagnosticCatalog.BadEventType, location, name,
                "it is generic (or nested in a generic type), and an event's field types are fixed: declare a non-generic record");
            return null;
        }

        if (!IsReachable(named))
        {
            diagnostics.Report(DiagnosticCatalog.BadEventType, location, name,
                "it is private or protected, and the host's generated decoder must create it: make it internal or public");
            return null;
        }

        var constructor = PrimaryConstructor(named);
        if (constructor is null)
        {
            var advice = named.Locations.Any(l => l.IsInSource)
                ? $"it has no positional constructor: list its fields as parameters, public record {type.Name}(long Pid, string Name)"
                : "it is declared in another assembly: declare it in the probe script's project, with its fields as constructor parameters";
            diagnostics.Report(DiagnosticCatalog.BadEventType, location, name, advice);
            return null;
        }

        var fields = new List<EventFieldSchema>();
        foreach (var parameter in constructor.Parameters)
        {
            if (Field(parameter, name, known, diagnostics) is { } field)
            {
                fields.Add(field);
            }
        }

        return fields.Count == constructor.Parameters.Length ? (constructor, fields) : null;
    }

    /// <summary>The record's full name as <c>Type.FullName</c> prints it: namespace, then nested types joined with '+'.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static string CSharpName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static EventFieldSchema? Field(IParameterSymbol parameter, string eventName, KnownSymbols known, StapDiagnosticBag diagnostics)
    {
        var type = parameter.Type;
        var location = parameter.Locations.FirstOrDefault() ?? Location.None;
        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            diagnostics.Report(DiagnosticCatalog.BadEventField, location, parameter.Name, eventName, type.ToDisplayString(),
                "an event field is a plain value: remove ref, in, out or params");
            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Int64: return new EventFieldSchema(parameter.Name, WireFieldKind.Int64);
            case SpecialType.System_Int32: return new EventFieldSchema(parameter.Name, WireFieldKind.Int32);
            case SpecialType.System_UInt64: return new EventFieldSchema(parameter.Name, WireFieldKind.UInt64);
            case SpecialType.System_Boolean: return new EventFieldSchema(parameter.Name, WireFieldKind.Boolean);
            case SpecialType.System_String: return new EventFieldSchema(parameter.Name, WireFieldKind.String);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            if (IsGeneric(enumType) || !IsReachable(enumType))
            {
                diagnostics.Report(DiagnosticCatalog.BadEventField, location, parameter.Name, eventName, type.ToDisplayString(),
                    "the enum is nested in a generic type or is private: declare it at namespace level, or make it internal");
                return null;
            }

            return new EventFieldSchema(parameter.Name, WireFieldKind.Enum, FullName(enumType), CSharpName(enumType));
        }

        if (KnownSymbols.Is(type, known.Errno))
        {
            return new EventFieldSchema(parameter.Name, WireFieldKind.Errno);
        }

        diagnostics.Report(DiagnosticCatalog.BadEventField, location, parameter.Name, eventName, type.ToDisplayString(), AdviceFor(type));
        return null;
    }

    private static string AdviceFor(ITypeSymbol type) => type switch
    {
        { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } => "an event field always has a value: use long, or a string that is \"\" when unset",
        { SpecialType: SpecialType.System_Int16 or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 } =>
            "events carry long, int and ulong integers: use int or long",
        { SpecialType: SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal } =>
            "stap has no floating point: carry an integer in a unit that fits (e.g. nanoseconds as long)",
        _ => "an event field is long, int, ulong, bool, string, an enum or StapSharp.Errno",
    };

    /// <summary>The constructor declared by the record's parameter list (not the copy constructor, not an explicit one).</summary>
    private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type) =>
        type.InstanceConstructors.FirstOrDefault(c =>
            c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is RecordDeclarationSyntax { ParameterList: not null }));

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether code elsewhere in the assembly (the generated decoder) can name the type.</summary>
    private static bool IsReachable(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
