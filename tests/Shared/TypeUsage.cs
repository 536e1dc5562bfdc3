using System.Reflection;

namespace StapSharp.Tests.Shared;

/// <summary>What the compiled types of a layer name, for the tests that keep layers apart.</summary>
internal static class TypeUsage
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>True when <paramref name="type"/> is in namespace <paramref name="name"/> or one under it.</summary>
    public static bool InNamespace(Type type, string name) =>
        type.Namespace is { } ns && (ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal));

    /// <summary>Every type <paramref name="type"/> names in its declaration and its members' signatures, generic arguments included.</summary>
    public static IEnumerable<Type> UsedTypes(Type type)
    {
        IEnumerable<Type?> named =
        [
            type.BaseType,
            .. type.GetInterfaces(),
            .. type.GetFields(Declared).Select(field => field.FieldType),
            .. type.GetProperties(Declared).Select(property => property.PropertyType),
            .. type.GetMethods(Declared).SelectMany(method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType)),
            .. type.GetConstructors(Declared).SelectMany(constructor => constructor.GetParameters().Select(p => p.ParameterType)),
            .. type.GetEvents(Declared).Select(e => e.EventHandlerType),
        ];
        return named.OfType<Type>().SelectMany(Expand);
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            return Expand(type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            return type.GetGenericArguments().SelectMany(Expand).Prepend(type);
        }

        return [type];
    }
}
