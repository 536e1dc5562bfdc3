using StapSharp.Cli.Output;

namespace StapSharp.Cli.Flame;

/// <summary>
/// The output of a run with <c>--folded</c> or <c>--flame</c>: every event goes into the <see cref="StackFolder"/>, and
/// on to the aggregate view when <c>--group-by</c> and the like ask for one; without it the events are not printed and
/// text lines pass through to stdout as they come.
/// </summary>
internal sealed class StackFoldingOutput(StackFolder folder, IEventOutput? aggregate, TextWriter stdout) : IEventOutput
{
    public void Declare(IReadOnlyList<OutputEventType> types) => aggregate?.Declare(types);

    public void Event(OutputEvent e)
    {
        folder.Add(e);
        aggregate?.Event(e);
    }

    public void Text(string line)
    {
        if (aggregate is null)
        {
            stdout.WriteLine(line);
        }
        else
        {
            aggregate.Text(line);
        }
    }

    public void Flush()
    {
        aggregate?.Flush();
        stdout.Flush();
    }

    public void Complete()
    {
        aggregate?.Complete();
        stdout.Flush();
    }
}
