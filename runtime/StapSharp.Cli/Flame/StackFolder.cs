using System.Text;
using StapSharp.Cli.Output;
using StapSharp.Runtime.Stacks;

namespace StapSharp.Cli.Flame;

/// <summary>
/// The stacks of a run's events, folded by a <see cref="StackPlan"/>: one sample per event, its stack fields' frames
/// root first (a field's text is innermost first, as SystemTap writes it), the fields one above the other in the plan's
/// order. Events of other types, and events whose stack fields are all empty, are counted apart.
/// </summary>
internal sealed class StackFolder(StackPlan plan)
{
    public FoldedStacks Stacks { get; } = new();

    /// <summary>Events of types without stack fields.</summary>
    public long Others { get; private set; }

    /// <summary>Events whose stack fields were all empty (a user stack taken in a kernel thread, say).</summary>
    public long Empty { get; private set; }

    public void Add(OutputEvent e)
    {
        if (!plan.FieldsByType.TryGetValue(e.Type.FullName, out var fields))
        {
            Others++;
            return;
        }

        var rootFirst = new List<string>();
        foreach (var field in fields)
        {
            var text = e.Values[field] switch
            {
                string s => s,
                // Not valid UTF-8: what is not becomes U+FFFD, which the folded text escapes.
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => "",
            };
            var frames = StapStackText.Frames(text, e.IsTruncated(field));
            frames.Reverse();
            rootFirst.AddRange(frames);
        }

        if (rootFirst.Count == 0)
        {
            Empty++;
            return;
        }

        Stacks.Add(rootFirst);
    }
}
