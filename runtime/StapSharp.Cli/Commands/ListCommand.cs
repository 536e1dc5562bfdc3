using System.CommandLine;
using System.Text.Json;
using StapSharp.Cli.Listing;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.ProbePoints;
using StapSharp.Runtime.Build;
using StapSharp.Runtime.Listing;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp list PATTERN</c>: the probe points matching a pattern (stap's <c>-L</c>), each with its
/// variables and the C# handler to paste into a probe class; <c>--json</c> for tools. What it lists is added to
/// the release's probe-point catalogue, from which the editor completes <c>[Probe("…")]</c>.
/// </summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var pattern = new Argument<string>("pattern") { Description = "A probe point, with * wildcards: 'syscall.mkdir*', 'kernel.function(\"vfs_*\")', 'kernel.trace(\"block_*\")'" };
        var json = new Option<bool>("--json") { Description = "One JSON array: each point with its variables and C# handler" };
        var command = new Command("list", "List the probe points matching a pattern, with their variables and the C# handler for each; they are also added to the kernel release's catalogue, from which the editor completes [Probe(\"…\")]") { pattern, json };
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(pattern)!, parse.GetValue(json), Console.Out, cancel));
        return command;
    }

    private static async Task<int> RunAsync(string pattern, bool json, TextWriter output, CancellationToken cancel)
    {
        // Parsed as a probe point first: stap takes the pattern as an argument, and an option or a script
        // fragment in it should be an error of ours, at its character, not stap's.
        var parsed = ProbePointParser.Parse(pattern);
        if (!parsed.Success)
        {
            throw new UserError($"list: '{pattern}' is not a probe point pattern: at character {parsed.Error!.Offset + 1}, {parsed.Error.Message}");
        }

        var toolchain = StapToolchain.Discover();
        var tree = KernelBuildTree.ForChecking(toolchain);
        var stap = new StapInvocation(toolchain, tree);
        var (result, points) = await stap.ListAsync(pattern, cancel).ConfigureAwait(false);
        if (points.Count == 0)
        {
            Console.Error.Write(DiagnosticText.Escape(result.Stderr.TrimEnd()) + (result.Stderr.Length > 0 ? "\n" : ""));
            Status.Error($"list: no probe point matches '{pattern}'");
            return ExitCodes.StapFailed;
        }

        if (CatalogueRecorder.Record(tree.Release, points).Problem is { } problem)
        {
            // The listing itself succeeded: the editor only misses these points.
            Status.Notice("warning: " + problem);
        }

        if (json)
        {
            WriteJson(points, output);
        }
        else
        {
            foreach (var point in points)
            {
                output.WriteLine(DiagnosticText.Escape(point.Point));
                foreach (var variable in point.Variables)
                {
                    output.WriteLine(DiagnosticText.Escape($"  {(variable.IsTarget ? "$" : "")}{variable.Name}: {variable.Type}"));
                }

                output.WriteLine(DiagnosticText.Escape("  " + HandlerSignature.For(point)));
            }
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(IReadOnlyList<ProbeListing> points, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var point in points)
            {
                writer.WriteStartObject();
                writer.WriteString("point", point.Point);
                writer.WriteStartArray("variables");
                foreach (var variable in point.Variables)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", variable.Name);
                    writer.WriteString("type", variable.Type);
                    writer.WriteBoolean("target", variable.IsTarget);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteString("csharp", HandlerSignature.For(point));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
