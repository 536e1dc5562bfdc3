using System.Text;

namespace StapSharp.Cli.Metrics;

/// <summary>
/// Metric and label names made from the script's field names, and label values from its events: user data that must
/// not break the exposition format. A name keeps its ASCII letters, digits and underscores, every other character
/// becomes <c>_</c>; a label value is escaped as the format says (<c>\\</c>, <c>\"</c>, <c>\n</c>).
/// </summary>
internal static class MetricNames
{
    /// <summary>What every metric of a run is named with first.</summary>
    public const string Prefix = "stapsharp_";

    /// <summary>A Prometheus metric name: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static string Metric(string name)
    {
        var text = Replace(name, allowColon: true);
        return text.Length > 0 && char.IsAsciiDigit(text[0]) ? "_" + text : text;
    }

    /// <summary>
    /// An OpenTelemetry instrument name's part: ASCII letters, digits and underscores, short enough that the whole name
    /// stays within the 255 characters an instrument name may have.
    /// </summary>
    public static string Instrument(string name)
    {
        var part = Replace(name, allowColon: false);
        return part.Length <= 200 ? part : part[..200];
    }

    /// <summary>
    /// A label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, never one of <paramref name="taken"/> (the other labels of the
    /// same series, and <c>le</c>, <c>quantile</c>) and never starting with <c>__</c> (reserved for Prometheus).
    /// Each name given is added to <paramref name="taken"/>.
    /// </summary>
    public static string Label(string name, ISet<string> taken)
    {
        var label = Replace(name, allowColon: false);
        if (label.Length == 0 || char.IsAsciiDigit(label[0]) || label.StartsWith("__", StringComparison.Ordinal))
        {
            label = "field_" + label;
        }

        while (!taken.Add(label))
        {
            label += "_";
        }

        return label;
    }

    /// <summary>A label value between its double quotes.</summary>
    public static string EscapeLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\"\n") < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => escaped.Append("\\\\"),
                '"' => escaped.Append("\\\""),
                '\n' => escaped.Append("\\n"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>The text of a <c># HELP</c> line: <c>\\</c> and <c>\n</c> escaped.</summary>
    public static string EscapeHelp(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Replace(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return text.ToString();
    }
}
