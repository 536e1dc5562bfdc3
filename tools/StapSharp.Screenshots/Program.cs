using StapSharp.Screenshots;

// screenshots terminal COLUMNS TITLE < ANSI > SVG
// screenshots aggregate CAPTURE FOLDER: live.svg and histogram.svg of a capture of PythonCall events (samples/PythonCalls)
switch (args)
{
    case ["terminal", var columns, var title] when int.TryParse(columns, out var width) && width > 0:
        Console.Out.Write(TerminalSvg.Render(await Console.In.ReadToEndAsync(), width, title));
        return 0;
    case ["aggregate", var capture, var folder]:
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "live.svg"), TerminalSvg.Render(
            await AggregateViews.LiveFrameAsync(capture, ["Function"], percentiles: "LatencyNs", histogram: null, AggregateViews.Columns),
            AggregateViews.Columns, "stapsharp run PythonCallTrace.cs --group-by Function --percentiles LatencyNs"));
        await File.WriteAllTextAsync(Path.Combine(folder, "histogram.svg"), TerminalSvg.Render(
            await AggregateViews.LiveFrameAsync(capture, [], percentiles: null, histogram: "LatencyNs", AggregateViews.Columns),
            AggregateViews.Columns, "stapsharp run PythonCallTrace.cs --histogram LatencyNs"));
        return 0;
    default:
        Console.Error.WriteLine("usage: screenshots terminal COLUMNS TITLE < ANSI > SVG | screenshots aggregate CAPTURE FOLDER");
        return 64;
}
