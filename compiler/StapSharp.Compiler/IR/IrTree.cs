using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace StapSharp.Compiler.IR;

/// <summary>
/// Walks the IR: every node below a node, read from the records' own properties, so a node type
/// added to the IR is walked without a change here.
/// </summary>
internal static class IrTree
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ChildProperties = new();

    /// <summary>The nodes below <paramref name="root"/> (not the root itself), parents before children.</summary>
    public static IEnumerable<object> Descendants(object root)
    {
        var pending = new Stack<object>();
        PushChildren(root, pending);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            PushChildren(node, pending);
        }
    }

    private static void PushChildren(object node, Stack<object> pending)
    {
        // Pushed in reverse so that children come out in declaration order.
        var children = new List<object>();
        foreach (var property in ChildProperties.GetOrAdd(node.GetType(), PropertiesHoldingNodes))
            Collect(property.GetValue(node), children);
        for (var i = children.Count - 1; i >= 0; i--)
            pending.Push(children[i]);
    }

    private static void Collect(object? value, List<object> children)
    {
        switch (value)
        {
            case null or string:
                return;
            case IEnumerable items:
                foreach (var item in items)
                    Collect(item, children);
                return;
            default:
                if (IsNode(value.GetType()))
                    children.Add(value);
                return;
        }
    }

    private static PropertyInfo[] PropertiesHoldingNodes(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && MayHoldNodes(p.PropertyType))
            .ToArray();

    private static bool MayHoldNodes(Type type) =>
        IsNode(type) || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));

    private static bool IsNode(Type type) =>
        type.IsClass && type.Namespace == typeof(IrTree).Namespace;
}
