using System.Text;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Processes;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Targets;

public class OutputBytesTests
{
    private static readonly GuestMarkers Markers = new("0123456789ab");

    [Fact]
    public async Task Lines_are_assembled_across_any_chunking_with_a_partial_last_line()
    {
        var bytes = Encoding.UTF8.GetBytes("one\r\ntwo\n\nthr\u00e9e\npartial");
        for (var size = 1; size <= bytes.Length; size++)
        {
            var lines = new List<string>();
            var assembler = new LineAssembler(line => { lines.Add(line); return ValueTask.CompletedTask; });
            foreach (var chunk in bytes.Chunk(size))
            {
                await assembler.WriteAsync(chunk);
            }

            await assembler.FlushAsync();
            Assert.Equal(["one", "two", "", "thr\u00e9e", "partial"], lines);
        }
    }

    [Fact]
    public async Task The_exit_marker_is_found_anywhere_in_the_bytes_and_everything_before_it_passes_unchanged()
    {
        // Output ending without a newline, then the marker on the same line; everything but NUL may appear.
        var output = "frame\n\u001eE0 1 2 3:@@s\n@@stapsharp-0123456789\ntail"u8.ToArray();
        var stream = output.Concat(Encoding.ASCII.GetBytes(Markers.ExitCodePrefix + "3@@\n")).ToArray();
        for (var size = 1; size <= stream.Length; size++)
        {
            var scanner = new ExitMarkerScanner(Markers);
            var passed = new List<byte>();
            var completions = 0;
            foreach (var chunk in stream.Chunk(size))
            {
                if (await scanner.FeedAsync(chunk, bytes => { passed.AddRange(bytes.ToArray()); return ValueTask.CompletedTask; }))
                {
                    completions++;
                }
            }

            await scanner.FlushAsync(bytes => { passed.AddRange(bytes.ToArray()); return ValueTask.CompletedTask; });
            Assert.Equal(1, completions);
            Assert.Equal(3, scanner.ExitCode);
            Assert.Equal(output, passed.ToArray());
        }
    }

    [Fact]
    public async Task Output_that_only_starts_like_the_marker_is_never_lost()
    {
        var stream = Encoding.ASCII.GetBytes("x@@stapsharp-0123456789ab:rc=oops@@\n@@stapsharp-01");
        var scanner = new ExitMarkerScanner(Markers);
        var passed = new List<byte>();
        foreach (var chunk in stream.Chunk(4))
        {
            await scanner.FeedAsync(chunk, bytes => { passed.AddRange(bytes.ToArray()); return ValueTask.CompletedTask; });
        }

        await scanner.FlushAsync(bytes => { passed.AddRange(bytes.ToArray()); return ValueTask.CompletedTask; });
        Assert.Null(scanner.ExitCode);
        Assert.Equal(stream, passed.ToArray());
    }
}
