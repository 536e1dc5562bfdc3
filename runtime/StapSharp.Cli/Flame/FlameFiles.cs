using StapSharp.Cli.Files;
using StapSharp.Runtime.Rendering;
using StapSharp.Runtime.Sessions;

namespace StapSharp.Cli.Flame;

/// <summary>
/// The files of <c>--folded FILE</c> and <c>--flame FILE</c>: checked before the build, staged, and written from the
/// folded stacks once the module has run (nothing is written when no event had a stack).
/// </summary>
internal sealed class FlameFiles : IDisposable
{
    private readonly (StagedOutput Output, string Name)? _folded;
    private readonly (StagedOutput Output, string Name)? _flame;

    /// <summary>
    /// <paramref name="script"/> built with the kernel's symbols and unwind data (<c>stap -d kernel</c>): stap puts them
    /// into the module only for a script that probes the kernel's functions, and without them a kernel frame is an address.
    /// </summary>
    public static StapScript WithKernelSymbols(StapScript script) => script with { Options = [.. script.Options, "-d", "kernel"] };

    /// <exception cref="UserError">A path cannot be written (see <see cref="StagedOutput.ForFile"/>).</exception>
    public FlameFiles(StackRequest request)
    {
        _folded = request.FoldedFile is { } folded ? StagedOutput.ForFile(folded, "--folded") : null;
        _flame = request.FlameFile is { } flame ? StagedOutput.ForFile(flame, "--flame") : null;
    }

    /// <summary>Writes the files from what <paramref name="folder"/> folded, or says why there is nothing to write.</summary>
    /// <param name="title">The flame graph's title: the script's class.</param>
    public void Keep(StackFolder folder, string title)
    {
        var stacks = folder.Stacks;
        var skipped = new List<string>();
        if (folder.Empty > 0)
        {
            skipped.Add($"{ValueFormat.Integer(folder.Empty)} events with empty stack fields");
        }

        if (folder.Others > 0)
        {
            skipped.Add($"{ValueFormat.Integer(folder.Others)} events of types without stack fields");
        }

        if (skipped.Count > 0)
        {
            Status.Notice($"not folded: {string.Join(", ", skipped)}");
        }

        if (stacks.Count == 0)
        {
            Status.Notice("--folded/--flame: no event carried a stack; no file written");
            return;
        }

        if (_folded is { } folded)
        {
            folded.Output.Write(folded.Name, stacks.ToText());
            folded.Output.Commit();
        }

        if (_flame is { } flame)
        {
            flame.Output.Write(flame.Name, FlameGraphSvg.Render(stacks, title));
            flame.Output.Commit();
        }

        Status.Notice($"folded {ValueFormat.Integer(stacks.Total)} samples into {ValueFormat.Integer(stacks.Count)} distinct stacks");
    }

    public void Dispose()
    {
        _folded?.Output.Dispose();
        _flame?.Output.Dispose();
    }
}
