using System.Text;

namespace StapSharp.Cli.BuildServer;

/// <summary>What a client asks: run a build command line as this process would, or stop.</summary>
internal abstract record BuildServerRequest;

/// <summary>
/// A build command line with what its outcome depends on besides the files: the working folder, the
/// environment, the file-creation mask and the encoding of the client's console.
/// </summary>
internal sealed record BuildRequest(
    string WorkingDirectory, uint Umask, int OutputCodePage, IReadOnlyDictionary<string, string> Environment, string[] Arguments) : BuildServerRequest
{
    public static BuildRequest OfThisProcess(string[] arguments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new BuildRequest(System.Environment.CurrentDirectory, Posix.ReadUmask(), Console.OutputEncoding.CodePage, environment, arguments);
    }
}

internal sealed record StopRequest : BuildServerRequest;

/// <summary>Which of the client's streams a piece of output goes to.</summary>
internal enum OutputStream : byte
{
    Out = 1,
    Error = 2,
}

/// <summary>What the server answers.</summary>
internal abstract record BuildServerResponse;

/// <summary>The command ran: its output, in the order it was written, and its exit code.</summary>
internal sealed record BuildCompleted(IReadOnlyList<(OutputStream Stream, byte[] Bytes)> Output, int ExitCode) : BuildServerResponse;

/// <summary>The server did not run it (the client builds in its own process).</summary>
internal sealed record BuildDeclined(string Reason) : BuildServerResponse;

internal sealed record Stopped : BuildServerResponse;

/// <summary>
/// The bytes between a client and the build server over its Unix socket: a version line, then the request or
/// the response, strings length-prefixed UTF-8. Anything unexpected is an <see cref="InvalidDataException"/>.
/// </summary>
internal static class BuildProtocol
{
    private const string Version = "stapsharp-build-server 1";
    private const byte BuildTag = 1, StopTag = 2;
    private const byte OutputTag = 1, ExitTag = 3, DeclinedTag = 4, StoppedTag = 5;

    // Far above any real command line or output; a bound so a broken peer cannot make the other allocate without end.
    private const int MaxCount = 1 << 20;
    private const int MaxBytes = 256 << 20;

    public static void Write(Stream stream, BuildServerRequest request)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Version);
        switch (request)
        {
            case BuildRequest build:
                writer.Write(BuildTag);
                writer.Write(build.WorkingDirectory);
                writer.Write(build.Umask);
                writer.Write(build.OutputCodePage);
                writer.Write(build.Environment.Count);
                foreach (var (name, value) in build.Environment)
                {
                    writer.Write(name);
                    writer.Write(value);
                }

                writer.Write(build.Arguments.Length);
                foreach (var argument in build.Arguments)
                {
                    writer.Write(argument);
                }

                break;
            case StopRequest:
                writer.Write(StopTag);
                break;
            default:
                throw new ArgumentException($"unknown request {request.GetType().Name}", nameof(request));
        }
    }

    public static BuildServerRequest ReadRequest(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        ReadVersion(reader);
        switch (reader.ReadByte())
        {
            case BuildTag:
                var workingDirectory = reader.ReadString();
                var umask = reader.ReadUInt32();
                var codePage = reader.ReadInt32();
                var environment = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = Count(reader); i > 0; i--)
                {
                    environment[reader.ReadString()] = reader.ReadString();
                }

                var arguments = new string[Count(reader)];
                for (var i = 0; i < arguments.Length; i++)
                {
                    arguments[i] = reader.ReadString();
                }

                return new BuildRequest(workingDirectory, umask, codePage, environment, arguments);
            case StopTag:
                return new StopRequest();
            case var tag:
                throw new InvalidDataException($"unknown request {tag}");
        }
    }

    public static void Write(Stream stream, BuildServerResponse response)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Version);
        switch (response)
        {
            case BuildCompleted completed:
                foreach (var (output, bytes) in completed.Output)
                {
                    writer.Write(OutputTag);
                    writer.Write((byte)output);
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }

                writer.Write(ExitTag);
                writer.Write(completed.ExitCode);
                break;
            case BuildDeclined declined:
                writer.Write(DeclinedTag);
                writer.Write(declined.Reason);
                break;
            case Stopped:
                writer.Write(StoppedTag);
                break;
            default:
                throw new ArgumentException($"unknown response {response.GetType().Name}", nameof(response));
        }
    }

    public static BuildServerResponse ReadResponse(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        ReadVersion(reader);
        var output = new List<(OutputStream, byte[])>();
        var total = 0L;
        while (true)
        {
            switch (reader.ReadByte())
            {
                case OutputTag:
                    var target = (OutputStream)reader.ReadByte();
                    if (target is not (OutputStream.Out or OutputStream.Error))
                    {
                        throw new InvalidDataException($"unknown output stream {(byte)target}");
                    }

                    var length = reader.ReadInt32();
                    total += length;
                    if (length < 0 || total > MaxBytes)
                    {
                        throw new InvalidDataException($"output of {total} bytes");
                    }

                    var bytes = reader.ReadBytes(length);
                    if (bytes.Length != length)
                    {
                        throw new EndOfStreamException();
                    }

                    output.Add((target, bytes));
                    break;
                case ExitTag:
                    return new BuildCompleted(output, reader.ReadInt32());
                case DeclinedTag:
                    return new BuildDeclined(reader.ReadString());
                case StoppedTag:
                    return new Stopped();
                case var tag:
                    throw new InvalidDataException($"unknown response {tag}");
            }
        }
    }

    private static void ReadVersion(BinaryReader reader)
    {
        // The first byte is the version string's length: a peer speaking anything else fails here, reading little.
        if (reader.ReadByte() != Version.Length)
        {
            throw new InvalidDataException("not a stapsharp build server peer");
        }

        if (Encoding.UTF8.GetString(reader.ReadBytes(Version.Length)) != Version)
        {
            throw new InvalidDataException($"not {Version}");
        }
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= MaxCount ? count : throw new InvalidDataException($"count {count}");
    }
}
