using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>A row of a printed histogram: a bucket, or the "~" marking elided empty buckets.</summary>
internal readonly record struct HistogramRow(HistogramBucket Bucket, bool IsElision);

/// <summary>
/// Chooses the rows stap prints: the non-empty range widened by two empty buckets on each side
/// (not below the 0 bucket of a log histogram unless there are negatives; under/overflow only when
/// non-empty), with runs of empty buckets more than two away from data replaced by one "~" row.
/// </summary>
internal static class HistogramLayout
{
    private const int Margin = 2;

    public static List<HistogramRow> VisibleRows(IHistogram histogram)
    {
        var buckets = histogram.Buckets;
        int low = -1, high = 0;
        for (int i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Count == 0)
            {
                continue;
            }

            if (low < 0)
            {
                low = i;
            }

            high = i;
        }
        var rows = new List<HistogramRow>();
        if (low < 0)
        {
            return rows;
        }

        int zeroBucket = histogram.IsLogarithmic ? Log2Histogram.ZeroBucket : -1;
        for (int step = 0; step < Margin; step++)
        {
            if (low > 0 && low != zeroBucket)
            {
                low--;
            }

            if (high < buckets.Count - 1)
            {
                high++;
            }
        }
        if (!histogram.IsLogarithmic)
        {
            if (low == 0 && buckets[0].Count == 0)
            {
                low++;
            }

            if (high == buckets.Count - 1 && buckets[high].Count == 0)
            {
                high--;
            }
        }

        bool eliding = false;
        for (int i = low; i <= high; i++)
        {
            if (IsFarFromData(buckets, i, low, high))
            {
                eliding = true;
                continue;
            }
            if (eliding)
            {
                rows.Add(new HistogramRow(default, IsElision: true));
                eliding = false;
            }
            rows.Add(new HistogramRow(buckets[i], IsElision: false));
        }
        return rows;
    }

    private static bool IsFarFromData(IReadOnlyList<HistogramBucket> buckets, int index, int low, int high)
    {
        for (int k = Math.Max(low, index - Margin); k <= Math.Min(high, index + Margin); k++)
        {
            if (buckets[k].Count != 0)
            {
                return false;
            }
        }
        return true;
    }
}
