using System.Globalization;
using System.Text;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>
/// Prints a histogram exactly as stap's <c>print(@hist_log(x))</c> / <c>@hist_linear</c> does: a
/// 50-column bar of '@' scaled to the largest bucket, right-aligned labels and counts, "~" for
/// elided empty buckets. Use it when output must diff against real stap output.
/// </summary>
public static class StapHistogramText
{
    private const int BarWidth = 50;

    /// <summary>The stap text, ending with an empty line as stap's does.</summary>
    public static string Format(IHistogram histogram)
    {
        var rows = HistogramLayout.VisibleRows(histogram);
        if (rows.Count == 0)
        {
            return "";
        }

        long largest = rows.Max(r => r.Bucket.Count);
        long scale = largest <= BarWidth ? 1 : (largest + BarWidth - 1) / BarWidth;
        int countWidth = Digits(largest);
        int labelWidth = Math.Max(5, rows.Where(r => !r.IsElision).Max(r => r.Bucket.Label.Length));

        var text = new StringBuilder();
        text.Append("value".PadLeft(labelWidth)).Append(" |").Append('-', BarWidth).Append(" count\n");
        foreach (var row in rows)
        {
            if (row.IsElision)
            {
                text.Append(' ', labelWidth).Append(" ~\n");
                continue;
            }
            int bar = (int)(row.Bucket.Count / scale);
            text.Append(row.Bucket.Label.PadLeft(labelWidth)).Append(" |").Append('@', bar)
                .Append(row.Bucket.Count.ToString(CultureInfo.InvariantCulture).PadLeft(BarWidth - bar + 1 + countWidth)).Append('\n');
        }
        return text.Append('\n').ToString();
    }

    private static int Digits(long value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
