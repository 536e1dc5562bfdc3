using System.CommandLine;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Files;
using StapSharp.Cli.Output;
using StapSharp.Compiler.Printing;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp decode CAPTURE</c>: a module's output saved with <c>run -o FILE</c>, read later, on any machine and without
/// stap, as `run` prints it (typed events as a table, JSON lines, CSV or text, or aggregated). The capture names its own
/// event types: the module writes their names, fields and kinds at the start of its output, so nothing else is needed.
/// A damaged frame is counted and skipped; the frames after it decode.
/// </summary>
internal static class DecodeCommand
{
    /// <summary>How much of a capture's start is read for its event types, before decoding: the header comes first and is small.</summary>
    private const int SchemaProbeBytes = 4 << 20;

    public static Command Create()
    {
        var capture = new Argument<string>("capture") { Description = "A script's output saved with `stapsharp run ... -o FILE`" };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "How to print events: table, jsonl, csv or text, as `run` prints them. Default: table on a terminal, jsonl otherwise " +
                          "(text for a capture without events)",
            DefaultValueFactory = _ => OutputFormat.Auto,
        };
        var aggregate = new AggregateCommandLine();
        var command = new Command("decode", "Print a saved capture (run -o FILE) as typed events, or aggregate them; no stap needed") { capture, format };
        aggregate.AddTo(command, format, output: null);
        command.SetAction((parse, cancel) => DecodeAsync(
            parse.GetValue(capture)!, parse.GetValue(format), aggregate.Request(parse), parse.GetValue(aggregate.Svg), cancel));
        return command;
    }

    private static async Task<int> DecodeAsync(string path, OutputFormat format, AggregateRequest request, string? svgFile, CancellationToken cancel)
    {
        var (svg, svgName) = svgFile is { } file ? StagedOutput.ForFile(file, "--svg") : (null, "");
        using var svgRemovedUnlessCommitted = svg;
        if (path.Length == 0)
        {
            throw new UserError("the capture's path is empty: name the file `run -o FILE` wrote");
        }

        var shown = path;
        await using var stream = OpenCapture(path, shown);
        var aggregator = request.IsEmpty ? null : new EventAggregator(AggregatePlan.Resolve(request, await TypesAsync(stream, shown, cancel)));

        using var stdoutStream = Console.OpenStandardOutput();
        using var stdout = new StreamWriter(stdoutStream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        var printer = new RunPrinter(format, stpPath: "", new SourceMap([]), stdout, stdoutStream, Console.Error,
            stdoutIsTerminal: !Console.IsOutputRedirected, aggregator);
        // Never drops: a capture is read as fast as it is printed.
        await using var events = EventSession.FromCapture(stream, new EventSessionOptions { MaxWaitWhenFull = Timeout.InfiniteTimeSpan }, cancel);
        var summary = await events.DispatchAsync(printer.Handlers(), cancel);
        printer.Complete(summary);
        if (svg is not null && aggregator is not null)
        {
            AggregateSvg.Keep(svg, svgName, aggregator);
        }

        return ExitCodes.Success;
    }

    /// <summary>The capture, opened if it is a regular file (a FIFO or a device is refused, as every input is).</summary>
    private static FileStream OpenCapture(string path, string shown)
    {
        try
        {
            var (handle, _) = RegularFile.Open(Path.GetFullPath(path), shown);
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            throw new UserError($"{shown}: cannot read: {FileErrors.Reason(error)}");
        }
    }

    /// <summary>The event types the capture's header declares, for the aggregate options' field names; the stream is left at its start.</summary>
    private static async Task<IReadOnlyList<OutputEventType>> TypesAsync(FileStream stream, string shown, CancellationToken cancel)
    {
        var start = new byte[(int)Math.Min(SchemaProbeBytes, stream.Length)];
        await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancel);
        stream.Position = 0;
        var types = WireReader.SchemaAtStart(start) is { } schema ? new OutputEvents().TypesOf(schema) : [];
        return types.Count > 0
            ? types
            : throw new UserError($"{shown}: declares no event types, so there is nothing to aggregate (a capture of typed events starts with their header)");
    }
}
