using System.Globalization;
using System.Text;

namespace StapSharp.EndToEnd.Tests.Metrics;

/// <summary>One sample line of the Prometheus text format, its label values unescaped.</summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, long Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);
}

/// <summary>
/// A strict reader of the Prometheus text exposition format (the subset the tests need, written from its specification):
/// every line is a comment or a sample, a label value escapes only <c>\\</c>, <c>\"</c> and <c>\n</c>, and a line that
/// is anything else fails the test.
/// </summary>
internal static class Exposition
{
    public static List<ExpositionSample> Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new List<ExpositionSample>();
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* ", line);
                continue;
            }

            samples.Add(Sample(line));
        }

        return samples;
    }

    public static IReadOnlyDictionary<string, string> Types(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .ToDictionary(p => p[2], p => p[3], StringComparer.Ordinal);

    private static ExpositionSample Sample(string line)
    {
        var at = 0;
        while (at < line.Length && line[at] is not ('{' or ' '))
        {
            at++;
        }

        var name = line[..at];
        Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", name);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals];
                Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", label);
                Assert.Equal('"', line[equals + 1]);
                var value = new StringBuilder();
                at = equals + 2;
                for (; line[at] != '"'; at++)
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new Xunit.Sdk.XunitException($"\\{other} is no escape of the format: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[at]);
                    }
                }

                Assert.True(labels.TryAdd(label, value.ToString()), $"label {label} twice: {line}");
                at++;
                if (line[at] == ',')
                {
                    at++;
                }
            }

            at++;
        }

        Assert.Equal(' ', line[at]);
        return new ExpositionSample(name, labels, long.Parse(line[(at + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }
}
