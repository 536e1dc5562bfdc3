using System.Globalization;
using System.Text;
using System.Xml;
using StapSharp.Runtime.Stacks;

namespace StapSharp.Runtime.Rendering;

/// <summary>
/// A standalone SVG flame graph of <see cref="FoldedStacks"/>: the root (<c>all</c>) along the bottom, each frame
/// above its caller as wide as its share of the samples, the frames of one caller side by side in alphabetical
/// (ordinal) order, so equal stacks merge however the samples arrived. Each frame has a tooltip (<c>&lt;title&gt;</c>)
/// with its sample count and share, and its name elided to the width it has. Frames narrower than
/// <see cref="MinFrameWidth"/> are left out with what is above them. Plain SVG text, no scripts or external
/// resources, every text XML-escaped.
/// </summary>
public static class FlameGraphSvg
{
    /// <summary>The root frame's name.</summary>
    public const string RootName = "all";

    /// <summary>Frames narrower than this many pixels are not drawn.</summary>
    public const double MinFrameWidth = 0.1;

    private const int FrameHeight = 16;
    private const double FontSize = 12;
    private const double CharWidth = FontSize * 0.6;
    private const double Side = 10;
    private const double Top = 58;
    private const double Bottom = 10;
    private const string Font = "font-family=\"Verdana, 'DejaVu Sans', sans-serif\"";

    /// <summary>The flame graph of <paramref name="stacks"/>.</summary>
    /// <exception cref="ArgumentException">There are no stacks.</exception>
    public static string Render(FoldedStacks stacks, string title = "Flame graph", int width = 1200)
    {
        if (stacks.Count == 0)
        {
            throw new ArgumentException("No stacks to draw.", nameof(stacks));
        }

        var root = new Node(RootName);
        foreach (var (frames, count) in stacks.Stacks())
        {
            root.Add(frames, count);
        }

        var depth = root.Depth();
        var height = (int)Math.Ceiling(Top + depth * FrameHeight + Bottom);
        var svg = new StringBuilder();
        var scale = (width - 2 * Side) / root.Count;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" {Font}>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#f8f8f0\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(width / 2.0)}\" y=\"24\" font-size=\"17\" text-anchor=\"middle\" fill=\"#2f2f2f\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F(width / 2.0)}\" y=\"44\" font-size=\"12\" text-anchor=\"middle\" fill=\"#666666\">{Escape($"{ValueFormat.Integer(root.Count)} samples, {ValueFormat.Integer(stacks.Count)} distinct stacks")}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"frames\" font-size=\"{F(FontSize)}\">\n");
        // Depth first with an explicit stack: a deep stack is no deep recursion.
        var pending = new Stack<(Node Node, double X, int Level)>();
        pending.Push((root, Side, 0));
        while (pending.TryPop(out var item))
        {
            var (node, x, level) = item;
            var frameWidth = node.Count * scale;
            if (frameWidth < MinFrameWidth)
            {
                continue;
            }

            DrawFrame(svg, node, x, height - Bottom - (level + 1) * FrameHeight, frameWidth, (double)node.Count / root.Count);
            var childX = x;
            var children = node.Children.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).ToList();
            var starts = new List<(Node, double, int)>(children.Count);
            foreach (var child in children)
            {
                starts.Add((child, childX, level + 1));
                childX += child.Count * scale;
            }

            // Pushed in reverse, so they are drawn left to right.
            for (var i = starts.Count - 1; i >= 0; i--)
            {
                pending.Push(starts[i]);
            }
        }

        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static void DrawFrame(StringBuilder svg, Node node, double x, double y, double width, double share)
    {
        var tooltip = $"{node.Name} ({ValueFormat.Integer(node.Count)} samples, {(share * 100).ToString("0.##", CultureInfo.InvariantCulture)}%)";
        svg.Append(CultureInfo.InvariantCulture,
            $"<g><title>{Escape(tooltip)}</title><rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(width)}\" height=\"{FrameHeight - 1}\" fill=\"{Colour(node.Name)}\" rx=\"2\"/>");
        var label = Elide(node.Name, width - 6);
        if (label.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 3)}\" y=\"{F(y + FrameHeight - 4.5)}\">{Escape(label)}</text>");
        }

        svg.Append("</g>\n");
    }

    /// <summary>As much of <paramref name="name"/> as fits <paramref name="width"/> pixels, ".." ending a cut one; empty when under three characters fit.</summary>
    internal static string Elide(string name, double width)
    {
        var fits = (int)Math.Floor(width / CharWidth);
        if (fits >= name.Length)
        {
            return name;
        }

        if (fits < 3)
        {
            return "";
        }

        var cut = fits - 2;
        // Never half a surrogate pair.
        if (char.IsHighSurrogate(name[cut - 1]))
        {
            cut--;
        }

        return name[..cut] + "..";
    }

    /// <summary>A warm colour chosen by the name, so a function has one colour wherever it appears.</summary>
    private static string Colour(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var red = 205 + (int)(hash % 51);
        var green = (int)((hash >> 8) % 231);
        var blue = (int)((hash >> 16) % 56);
        return $"#{red:x2}{green:x2}{blue:x2}";
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text as XML character data: markup characters as entities, what XML cannot hold (a control character, a lone surrogate) as U+FFFD.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                escaped.Append(c).Append(text[++i]);
                continue;
            }

            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ when !XmlConvert.IsXmlChar(c) || char.IsControl(c) => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>A frame of the merged stacks: its samples (its own and its callees') and its callees by name.</summary>
    private sealed class Node(string name)
    {
        public string Name { get; } = name;

        public long Count { get; private set; }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public void Add(string[] frames, long count)
        {
            var node = this;
            node.Count += count;
            foreach (var frame in frames)
            {
                if (!node.Children.TryGetValue(frame, out var child))
                {
                    node.Children[frame] = child = new Node(frame);
                }

                child.Count += count;
                node = child;
            }
        }

        /// <summary>How many levels this frame and those above it take.</summary>
        public int Depth()
        {
            var deepest = 0;
            var pending = new Stack<(Node Node, int Level)>();
            pending.Push((this, 1));
            while (pending.TryPop(out var item))
            {
                deepest = Math.Max(deepest, item.Level);
                foreach (var child in item.Node.Children.Values)
                {
                    pending.Push((child, item.Level + 1));
                }
            }

            return deepest;
        }
    }
}
