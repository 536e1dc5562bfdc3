using Spectre.Console;
using StapSharp.Cli.Aggregate;
using StapSharp.Cli.Output;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Screenshots;

/// <summary>The live view of `stapsharp run --group-by/--percentiles/--histogram`, drawn by its own code from a saved capture.</summary>
public static class AggregateViews
{
    /// <summary>The terminal's width in the pictures.</summary>
    public const int Columns = 110;

    /// <summary>
    /// The frame the live view draws once every event of <paramref name="capturePath"/> is in, drawn by the view's own code:
    /// the text and escapes a colour terminal <paramref name="columns"/> wide gets for it.
    /// </summary>
    public static async Task<string> LiveFrameAsync(string capturePath, IReadOnlyList<string> groupBy, string? percentiles, string? histogram, int columns)
    {
        var terminal = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(terminal),
        });
        console.Profile.Width = columns;
        console.Profile.Height = 60;

        var events = new OutputEvents();
        EventAggregator? aggregator = null;
        await using (var session = EventSession.FromCapture(File.OpenRead(capturePath)))
        {
            await session.DispatchAsync(new EventHandlers()
                .OnSchema(schema => aggregator = new EventAggregator(
                    AggregatePlan.Resolve(new AggregateRequest(groupBy, null, percentiles, histogram, null), events.TypesOf(schema))))
                .OnRow(row => aggregator!.Add(events.From(row))));
        }

        if (aggregator is null)
        {
            throw new InvalidDataException($"{capturePath}: the capture holds no event types");
        }

        // What the live view draws at each refresh (AggregateEventOutput): the top groups and the histogram, one frame.
        console.Write(AggregateReport.View(aggregator, aggregator.Plan.Top ?? AggregateEventOutput.LiveRows));
        return terminal.ToString();
    }
}
