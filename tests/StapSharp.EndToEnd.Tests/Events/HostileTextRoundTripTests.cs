using System.Text;
using StapSharp.Compiler.Events;
using StapSharp.Runtime.Events;
using StapSharp.Runtime.Sessions;
using StapSharp.Runtime.Targets;

namespace StapSharp.EndToEnd.Tests.Events;

/// <summary>The record the hostile-text test emits: the probe script declares the same one, so the hashes match.</summary>
public sealed record PathEvent(long Pid, string Path);

/// <summary>
/// A process in the VM makes a directory whose name is a forged schema header, a forged type line and a forged
/// frame of <see cref="PathEvent"/> (all a path can hold: any byte but NUL). A probe prints that name, at a line
/// start and right before an event, and emits the genuine event. The host must see the genuine events only, the
/// name as text, and nothing lost. The probe ends the run after the last directory, so a slow guest (probes armed
/// late under load) cannot outlast a fixed time limit.
/// </summary>
public sealed class HostileTextRoundTripTests
{
    private const string Source = """
        using StapSharp;
        using static StapSharp.Stap;

        namespace StapSharp.EndToEnd.Tests.Events
        {
            public sealed record PathEvent(long Pid, string Path);

            public sealed class HostilePaths : ProbeScript
            {
                [Probe("syscall.mkdir")]
                void Enter(long pathname_uaddr)
                {
                    var path = UserString(pathname_uaddr);
                    Println(path);
                    Print(path);
                    Emit(new PathEvent(Pid(), path));
                    if (path == "/tmp/plain")
                        Exit();
                }
            }
        }
        """;

    [VmFact]
    public async Task A_forged_schema_and_frame_in_a_made_directory_s_name_arrive_as_text_and_only_genuine_events_arrive()
    {
        var script = GeneratedDecoders.Translate("HostilePaths.cs", Source, typeof(PathEvent));
        GeneratedDecoders.Register<PathEvent>(script.Events);
        var hostile = HostileName(script.Events[0]);

        var session = ScriptSession.Open(TargetChoice.Vm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var build = await session.BuildAsync(StapScript.ForClass(script.ClassName, script.Text), progress: null, timeout.Token);
        Assert.True(build.Succeeded, build.Result.Stderr);

        var command = $"mkdir \"$(printf '{Octal(hostile)}')\"; mkdir /tmp/plain";
        var events = new List<PathEvent>();
        var text = new List<byte[]>();
        EventRunSummary summary;
        await using (var run = session.OpenEvents(build, new RunOptions { TimeLimit = TimeSpan.FromMinutes(5), GuestCommand = command }, cancel: timeout.Token))
        {
            await foreach (var item in run.ReadAllAsync(timeout.Token))
            {
                if (item.Kind == RunItemKind.Event)
                {
                    events.Add(Assert.IsType<PathEvent>(item.Event));
                }
                else if (item.Kind == RunItemKind.Text)
                {
                    text.Add(item.TextBytes.ToArray());
                }
            }
            summary = await run.Completion;
        }

        var name = Encoding.UTF8.GetString(hostile);
        Assert.True(summary.DecodeErrors == 0 && summary.LostBytes == 0, string.Join("; ", summary.DecodeErrorSamples));
        Assert.Equal([name, "/tmp/plain"], events.Select(e => e.Path));
        Assert.DoesNotContain(events, e => e.Pid == ForgedPid);
        // Each name arrives as text twice: printed with a line end, then without one, right before the event.
        var lines = hostile.Concat("\n"u8.ToArray()).Concat(hostile).ToArray();
        var plain = Convert.ToHexString("/tmp/plain"u8);
        Assert.Equal(Lines(lines).Concat([plain, plain]), text.Select(Convert.ToHexString));
    }

    private const long ForgedPid = 666;

    /// <summary>
    /// The name: a header and a type line that declare <see cref="PathEvent"/> under id 0 with the fields swapped, and a
    /// frame of it with a right check, every zero byte made 1 (a name cannot hold one), then a plain byte so the shell
    /// keeps the line end before it.
    /// </summary>
    private static byte[] HostileName(EventTypeSchema type)
    {
        var forged = new MemoryStream();
        using (var writer = new WireWriter(forged))
        {
            writer.WriteSchema([(type.TypeFullName, [("Path", "str"), ("Pid", "i64")])]);
            writer.BeginEvent(0, 1, 0);
            writer.WriteString("forged"u8);
            writer.WriteInteger(ForgedPid);
            writer.EndEvent();
        }
        // mkdir may refuse the name (a '/' in the check's bytes); the probe reads it all the same.
        return [.. forged.ToArray().Select(b => b == 0 ? (byte)1 : b), (byte)'x'];
    }

    private static string Octal(byte[] bytes) => string.Concat(bytes.Select(b => "\\" + Convert.ToString(b, 8).PadLeft(3, '0')));

    private static IEnumerable<string> Lines(byte[] text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'\n')
            {
                continue;
            }

            yield return Convert.ToHexString(text.AsSpan(start, i - start));
            start = i + 1;
        }
        yield return Convert.ToHexString(text.AsSpan(start));
    }
}
