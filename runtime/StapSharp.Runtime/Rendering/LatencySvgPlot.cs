using System.Globalization;
using System.Text;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Rendering;

/// <summary>
/// A standalone SVG chart of a latency distribution: a histogram on a logarithmic time axis (ten bins
/// per decade, so shapes spanning nanoseconds to seconds stay readable), the cumulative share as a
/// line on a 0–100 % axis, and dashed markers at p50, p90, p99 and p99.9. Plain SVG text, no scripts
/// or external resources, so it opens in any browser and embeds in reports.
/// </summary>
public static class LatencySvgPlot
{
    private const int BinsPerDecade = 10;
    private static readonly double[] MarkedPercentiles = [50, 90, 99, 99.9];

    /// <summary>Plots latency samples given in nanoseconds; values below 1 ns are drawn at 1 ns.</summary>
    /// <exception cref="ArgumentException">There are no samples.</exception>
    public static string Render(SampleRecorder samplesNanoseconds, string title = "Latency distribution", int width = 880, int height = 440)
    {
        if (samplesNanoseconds.Count == 0)
        {
            throw new ArgumentException("No samples to plot.", nameof(samplesNanoseconds));
        }

        double low = Math.Max(1, samplesNanoseconds.Min), high = Math.Max(low + 1, samplesNanoseconds.Max + 1);
        int firstDecade = (int)Math.Floor(Math.Log10(low));
        int lastDecade = (int)Math.Ceiling(Math.Log10(high));
        var bins = new List<PlotBin>();
        for (int step = firstDecade * BinsPerDecade; step < lastDecade * BinsPerDecade; step++)
        {
            double from = Math.Pow(10, (double)step / BinsPerDecade), to = Math.Pow(10, (double)(step + 1) / BinsPerDecade);
            // Samples are integers: the bin [from, to) holds the integers from ceil(from) to ceil(to) - 1.
            long count = samplesNanoseconds.CountLessThan((long)Math.Ceiling(to)) - samplesNanoseconds.CountLessThan((long)Math.Ceiling(from));
            if (step == firstDecade * BinsPerDecade)
            {
                count += samplesNanoseconds.CountLessThan((long)Math.Ceiling(from));
            }

            bins.Add(new PlotBin(from, to, count));
        }
        // Decade rounding can leave a run of empty bins after the maximum; keep one as a margin.
        while (bins.Count > 1 && bins[^1].Count == 0 && bins[^2].Count == 0)
        {
            bins.RemoveAt(bins.Count - 1);
        }

        var markers = MarkedPercentiles
            .Select(p => new PlotMarker("p" + p.ToString(CultureInfo.InvariantCulture), Math.Max(1, samplesNanoseconds.Percentile(p))))
            .ToList();
        string subtitle = $"n = {ValueFormat.Integer(samplesNanoseconds.Count)}  ·  min {ValueFormat.Nanoseconds(samplesNanoseconds.Min)}  ·  " +
            string.Join("  ·  ", markers.Select(m => $"{m.Label} {ValueFormat.Nanoseconds(m.Value)}")) +
            $"  ·  max {ValueFormat.Nanoseconds(samplesNanoseconds.Max)}";
        return new SvgChart(width, height, title, subtitle, bins, markers, $"events per bin ({BinsPerDecade} per decade)").ToSvg();
    }

    /// <summary>Plots the positive buckets of a log2 histogram of nanosecond values (no percentile markers: buckets are too coarse).</summary>
    /// <exception cref="ArgumentException">The histogram has no positive values.</exception>
    public static string Render(Log2Histogram histogramNanoseconds, string title = "Latency distribution", int width = 880, int height = 440)
    {
        var bins = histogramNanoseconds.Buckets
            .Where(b => b.Low >= 1)
            .Select(b => new PlotBin(b.Low, b.High == long.MaxValue ? b.High : b.High + 1.0, b.Count))
            .SkipWhile(b => b.Count == 0).Reverse().SkipWhile(b => b.Count == 0).Reverse()
            .ToList();
        if (bins.Count == 0)
        {
            throw new ArgumentException("No positive values to plot.", nameof(histogramNanoseconds));
        }

        string subtitle = $"n = {ValueFormat.Integer(histogramNanoseconds.TotalCount)}  ·  power-of-two buckets";
        return new SvgChart(width, height, title, subtitle, bins, [], "events per power-of-two bucket").ToSvg();
    }

    private readonly record struct PlotBin(double From, double To, long Count);

    private readonly record struct PlotMarker(string Label, double Value);

    /// <summary>Lays out and writes one chart.</summary>
    private sealed class SvgChart(int width, int height, string title, string subtitle, List<PlotBin> bins, List<PlotMarker> markers, string barLegend)
    {
        private const string Font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\"";
        private const string BarColour = "#4c78a8";
        private const string CdfColour = "#e45756";
        private const string InkColour = "#2f2f2f";
        private const string GridColour = "#e6e6e6";

        private readonly double _left = 72, _right = width - 64, _top = 92, _bottom = height - 56;
        private readonly double _logFrom = Math.Log10(bins[0].From);
        private readonly double _logTo = Math.Log10(bins[^1].To);
        private readonly StringBuilder _svg = new();

        private double X(double value) => _left + (Math.Log10(value) - _logFrom) / (_logTo - _logFrom) * (_right - _left);

        private double Y(double fraction) => _bottom - fraction * (_bottom - _top);

        public string ToSvg()
        {
            long total = bins.Sum(b => b.Count);
            long peak = Math.Max(1, bins.Max(b => b.Count));
            double countTop = 4 * NiceTick(peak / 4.0);

            Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" {Font}>");
            Line($"<title>{Escape(title)}</title>");
            Line($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
            Line($"<text x=\"{_left}\" y=\"30\" font-size=\"18\" font-weight=\"600\" fill=\"{InkColour}\">{Escape(title)}</text>");
            Line($"<text x=\"{_left}\" y=\"56\" font-size=\"12\" fill=\"#666666\">{Escape(subtitle)}</text>");

            DrawCountGrid(countTop);
            DrawTimeAxis();
            DrawBars(countTop);
            DrawCumulative(total);
            DrawMarkers();
            DrawLegend();
            Line($"<rect x=\"{F(_left)}\" y=\"{F(_top)}\" width=\"{F(_right - _left)}\" height=\"{F(_bottom - _top)}\" fill=\"none\" stroke=\"#bbbbbb\"/>");
            Line("</svg>");
            return _svg.ToString();
        }

        private void DrawCountGrid(double countTop)
        {
            Line("<g class=\"count-axis\" font-size=\"11\" fill=\"#666666\">");
            for (int i = 0; i <= 4; i++)
            {
                double y = Y(i / 4.0);
                Line($"<line x1=\"{F(_left)}\" y1=\"{F(y)}\" x2=\"{F(_right)}\" y2=\"{F(y)}\" stroke=\"{GridColour}\"/>");
                Line($"<text x=\"{F(_left - 8)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Escape(ValueFormat.Integer((long)(countTop * i / 4)))}</text>");
                Line($"<text x=\"{F(_right + 8)}\" y=\"{F(y + 4)}\" fill=\"{CdfColour}\">{i * 25}%</text>");
            }
            Line($"<text transform=\"translate({F(_left - 54)} {F((_top + _bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\">events</text>");
            Line($"<text transform=\"translate({F(_right + 50)} {F((_top + _bottom) / 2)}) rotate(90)\" text-anchor=\"middle\" fill=\"{CdfColour}\">cumulative</text>");
            Line("</g>");
        }

        private void DrawTimeAxis()
        {
            Line("<g class=\"time-axis\" font-size=\"11\" fill=\"#666666\">");
            for (int decade = (int)Math.Ceiling(_logFrom - 1e-9); decade <= (int)Math.Floor(_logTo + 1e-9); decade++)
            {
                double value = Math.Pow(10, decade), x = X(value);
                Line($"<line x1=\"{F(x)}\" y1=\"{F(_top)}\" x2=\"{F(x)}\" y2=\"{F(_bottom)}\" stroke=\"{GridColour}\"/>");
                Line($"<text x=\"{F(x)}\" y=\"{F(_bottom + 18)}\" text-anchor=\"middle\">{Escape(ValueFormat.Nanoseconds(value))}</text>");
                for (int minor = 2; minor <= 9; minor++)
                {
                    double minorX = X(value * minor);
                    if (minorX > _right)
                    {
                        break;
                    }

                    Line($"<line x1=\"{F(minorX)}\" y1=\"{F(_bottom)}\" x2=\"{F(minorX)}\" y2=\"{F(_bottom + 4)}\" stroke=\"#999999\"/>");
                }
            }
            Line($"<text x=\"{F((_left + _right) / 2)}\" y=\"{F(_bottom + 40)}\" text-anchor=\"middle\">latency (log scale)</text>");
            Line("</g>");
        }

        private void DrawBars(double countTop)
        {
            Line($"<g class=\"bars\" fill=\"{BarColour}\" fill-opacity=\"0.85\">");
            foreach (var bin in bins.Where(b => b.Count > 0))
            {
                double x0 = X(bin.From) + 0.5, x1 = X(bin.To) - 0.5, y = Y(bin.Count / countTop);
                Line($"<rect x=\"{F(x0)}\" y=\"{F(y)}\" width=\"{F(Math.Max(0.5, x1 - x0))}\" height=\"{F(_bottom - y)}\" rx=\"1\">" +
                     $"<title>{Escape(ValueFormat.Nanoseconds(bin.From))} – {Escape(ValueFormat.Nanoseconds(bin.To))}: {ValueFormat.Integer(bin.Count)}</title></rect>");
            }
            Line("</g>");
        }

        private void DrawCumulative(long total)
        {
            var points = new StringBuilder($"{F(X(bins[0].From))},{F(Y(0))}");
            long cumulative = 0;
            foreach (var bin in bins)
            {
                cumulative += bin.Count;
                points.Append(' ').Append(F(X(bin.To))).Append(',').Append(F(Y((double)cumulative / Math.Max(1, total))));
            }
            Line($"<polyline class=\"cdf\" points=\"{points}\" fill=\"none\" stroke=\"{CdfColour}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
        }

        private void DrawMarkers()
        {
            Line($"<g class=\"percentiles\" font-size=\"11\" fill=\"{InkColour}\">");
            double previousLabelEnd = double.NegativeInfinity;
            int row = 0;
            foreach (var marker in markers)
            {
                double x = X(marker.Value);
                string label = $"{marker.Label} {ValueFormat.Nanoseconds(marker.Value)}";
                // Stack labels that would overlap the previous one.
                row = x - 4 < previousLabelEnd ? row + 1 : 0;
                double labelY = _top - 8 - row * 13;
                previousLabelEnd = x + label.Length * 6.2;
                Line($"<line x1=\"{F(x)}\" y1=\"{F(labelY + 3)}\" x2=\"{F(x)}\" y2=\"{F(_bottom)}\" stroke=\"{InkColour}\" stroke-opacity=\"0.55\" stroke-dasharray=\"4 3\"/>");
                Line($"<text x=\"{F(x + 3)}\" y=\"{F(labelY)}\">{Escape(label)}</text>");
            }
            Line("</g>");
        }

        private void DrawLegend()
        {
            double x = _right - 250, y = 22;
            Line("<g class=\"legend\" font-size=\"11\" fill=\"#444444\">");
            Line($"<rect x=\"{F(x)}\" y=\"{F(y - 9)}\" width=\"12\" height=\"10\" fill=\"{BarColour}\" fill-opacity=\"0.85\"/>");
            Line($"<text x=\"{F(x + 18)}\" y=\"{F(y)}\">{Escape(barLegend)}</text>");
            Line($"<line x1=\"{F(x)}\" y1=\"{F(y + 12)}\" x2=\"{F(x + 12)}\" y2=\"{F(y + 12)}\" stroke=\"{CdfColour}\" stroke-width=\"2\"/>");
            Line($"<text x=\"{F(x + 18)}\" y=\"{F(y + 16)}\">cumulative share of events</text>");
            Line("</g>");
        }

        /// <summary>A whole tick step of 1, 2, 2.5 (from 10 up) or 5 times a power of ten, at least <paramref name="value"/>.</summary>
        private static double NiceTick(double value)
        {
            if (value <= 1)
            {
                return 1;
            }

            double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
            foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
            {
                if (step * power >= value && (step != 2.5 || power >= 10))
                {
                    return step * power;
                }
            }
            return 10 * power;
        }

        private void Line(string text) => _svg.Append(text).Append('\n');

        private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }
}
