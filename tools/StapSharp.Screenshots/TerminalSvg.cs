using System.Globalization;
using System.Text;
using System.Xml;

namespace StapSharp.Screenshots;

/// <summary>
/// Terminal output (text with ANSI escape sequences, as Spectre.Console writes it) drawn as an SVG terminal window: each
/// line a row of monospace text, SGR colours (the 16 named, the 256-colour palette, 24-bit) and bold kept, every other
/// escape (cursor moves, erasing, OSC titles) dropped. For pictures of the live view and reports in the docs.
/// </summary>
public static class TerminalSvg
{
    /// <summary>Width and height of one character cell, in SVG units (a 14 px monospace font).</summary>
    public const double CellWidth = 8.4, CellHeight = 18;

    private const double Padding = 14, TitleBar = 28;
    private const string Background = "#1e1e2e", Foreground = "#d4d4d4";

    /// <summary>xterm's 16 colours, as VS Code's dark terminal draws them.</summary>
    private static readonly string[] Named =
    [
        "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ];

    /// <summary>One run of characters in one style.</summary>
    public sealed record Span(string Text, string? Color, bool Bold);

    /// <summary>The lines of <paramref name="ansi"/>, each as runs of styled text; escapes that are not colours are dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<Span>> Parse(string ansi)
    {
        var lines = new List<IReadOnlyList<Span>>();
        var line = new List<Span>();
        var text = new StringBuilder();
        string? color = null;
        var bold = false;

        void Cut()
        {
            if (text.Length > 0)
            {
                line.Add(new Span(text.ToString(), color, bold));
                text.Clear();
            }
        }

        for (var i = 0; i < ansi.Length; i++)
        {
            var c = ansi[i];
            if (c == '\e' && i + 1 < ansi.Length && ansi[i + 1] == '[')
            {
                var end = i + 2;
                while (end < ansi.Length && ansi[end] is >= '0' and <= '?')
                {
                    end++;
                }

                if (end < ansi.Length && ansi[end] == 'm')
                {
                    Cut();
                    (color, bold) = Apply(ansi[(i + 2)..end], color, bold);
                }

                i = end;
            }
            else if (c == '\e' && i + 1 < ansi.Length && ansi[i + 1] == ']')
            {
                // OSC (a title, a link): up to BEL or ST.
                var end = ansi.IndexOfAny(['\a', '\e'], i + 2);
                i = end < 0 ? ansi.Length : ansi[end] == '\e' ? end + 1 : end;
            }
            else if (c == '\n')
            {
                Cut();
                lines.Add(line);
                line = [];
            }
            else if (c == '\t')
            {
                text.Append(' ', 8 - (line.Sum(s => s.Text.Length) + text.Length) % 8);
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }

        Cut();
        if (line.Count > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The SVG of <paramref name="ansi"/> in a window <paramref name="columns"/> characters wide, titled <paramref name="title"/>.</summary>
    public static string Render(string ansi, int columns, string title)
    {
        var lines = Parse(ansi);
        var width = (2 * Padding) + (columns * CellWidth);
        var height = TitleBar + (2 * Padding) + (Math.Max(lines.Count, 1) * CellHeight);
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = false, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            xml.WriteAttributeString("width", Number(width));
            xml.WriteAttributeString("height", Number(height));
            xml.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
            xml.WriteAttributeString("font-family", "DejaVu Sans Mono, Menlo, Consolas, monospace");
            xml.WriteAttributeString("font-size", "14");
            Rect(xml, 0, 0, width, height, Background, radius: 8);
            foreach (var (x, fill) in new[] { (18.0, "#ff5f57"), (38.0, "#febc2e"), (58.0, "#28c840") })
            {
                xml.WriteStartElement("circle");
                xml.WriteAttributeString("cx", Number(x));
                xml.WriteAttributeString("cy", Number(TitleBar / 2));
                xml.WriteAttributeString("r", "6");
                xml.WriteAttributeString("fill", fill);
                xml.WriteEndElement();
            }

            Text(xml, width / 2, (TitleBar / 2) + 5, title, "#9a9a9a", anchorMiddle: true);
            for (var row = 0; row < lines.Count; row++)
            {
                var y = TitleBar + Padding + (row * CellHeight) + 13;
                xml.WriteStartElement("text");
                xml.WriteAttributeString("x", Number(Padding));
                xml.WriteAttributeString("y", Number(y));
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteAttributeString("fill", Foreground);
                var column = 0;
                foreach (var span in lines[row])
                {
                    // Each run is placed at its column, so the grid holds whatever the font's widths.
                    xml.WriteStartElement("tspan");
                    xml.WriteAttributeString("x", Number(Padding + (column * CellWidth)));
                    if (span.Color is { } color)
                    {
                        xml.WriteAttributeString("fill", color);
                    }

                    if (span.Bold)
                    {
                        xml.WriteAttributeString("font-weight", "bold");
                    }

                    xml.WriteString(span.Text);
                    xml.WriteEndElement();
                    column += span.Text.Length;
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return output.ToString() + "\n";
    }

    /// <summary>The colour and weight after the SGR parameters <paramref name="parameters"/> (e.g. "1;38;5;208").</summary>
    private static (string? Color, bool Bold) Apply(string parameters, string? color, bool bold)
    {
        var codes = parameters.Length == 0 ? [0] : parameters.Split(';').Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        for (var i = 0; i < codes.Length; i++)
        {
            switch (codes[i])
            {
                case 0:
                    (color, bold) = (null, false);
                    break;
                case 1:
                    bold = true;
                    break;
                case 22:
                    bold = false;
                    break;
                case 39:
                    color = null;
                    break;
                case >= 30 and <= 37:
                    color = Named[codes[i] - 30];
                    break;
                case >= 90 and <= 97:
                    color = Named[codes[i] - 90 + 8];
                    break;
                case 38 when i + 2 < codes.Length && codes[i + 1] == 5:
                    color = Palette(codes[i + 2]);
                    i += 2;
                    break;
                case 38 when i + 4 < codes.Length && codes[i + 1] == 2:
                    color = string.Create(CultureInfo.InvariantCulture, $"#{Byte(codes[i + 2]):x2}{Byte(codes[i + 3]):x2}{Byte(codes[i + 4]):x2}");
                    i += 4;
                    break;
                case 48 when i + 2 < codes.Length && codes[i + 1] == 5:
                    i += 2; // backgrounds are not drawn
                    break;
                case 48 when i + 4 < codes.Length && codes[i + 1] == 2:
                    i += 4;
                    break;
                default:
                    break;
            }
        }

        return (color, bold);
    }

    /// <summary>xterm's 256-colour palette: the 16 named, a 6×6×6 cube, 24 greys.</summary>
    private static string? Palette(int index)
    {
        if (index is < 0 or > 255)
        {
            return null;
        }

        if (index < 16)
        {
            return Named[index];
        }

        if (index >= 232)
        {
            var grey = 8 + ((index - 232) * 10);
            return string.Create(CultureInfo.InvariantCulture, $"#{grey:x2}{grey:x2}{grey:x2}");
        }

        int[] levels = [0, 95, 135, 175, 215, 255];
        var cube = index - 16;
        return string.Create(CultureInfo.InvariantCulture, $"#{levels[cube / 36]:x2}{levels[cube / 6 % 6]:x2}{levels[cube % 6]:x2}");
    }

    private static int Byte(int value) => Math.Clamp(value, 0, 255);

    private static void Rect(XmlWriter xml, double x, double y, double width, double height, string fill, double radius)
    {
        xml.WriteStartElement("rect");
        xml.WriteAttributeString("x", Number(x));
        xml.WriteAttributeString("y", Number(y));
        xml.WriteAttributeString("width", Number(width));
        xml.WriteAttributeString("height", Number(height));
        xml.WriteAttributeString("rx", Number(radius));
        xml.WriteAttributeString("fill", fill);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string text, string fill, bool anchorMiddle)
    {
        xml.WriteStartElement("text");
        xml.WriteAttributeString("x", Number(x));
        xml.WriteAttributeString("y", Number(y));
        xml.WriteAttributeString("fill", fill);
        if (anchorMiddle)
        {
            xml.WriteAttributeString("text-anchor", "middle");
        }

        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
