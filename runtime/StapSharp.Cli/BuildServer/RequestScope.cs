using System.Collections;
using System.Text;

namespace StapSharp.Cli.BuildServer;

/// <summary>
/// The process-wide state a command reads, set to the client's for one request and set back after it: the
/// working folder, the environment, the file-creation mask and the console's writers, which record the
/// output in order, encoded as the client's console encodes it. One request at a time holds it.
/// </summary>
internal sealed class RequestScope : IDisposable
{
    private readonly string _workingDirectory = Environment.CurrentDirectory;
    private readonly Dictionary<string, string> _environment = CurrentEnvironment();
    private readonly uint _umask;
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly Encoding _encoding;
    private readonly List<(OutputStream Stream, StringBuilder Text)> _output = [];

    /// <exception cref="IOException">The client's working folder cannot be entered here.</exception>
    public RequestScope(BuildRequest request)
    {
        // Console streams never write a byte-order mark.
        _encoding = Encoding.GetEncoding(request.OutputCodePage) is UTF8Encoding ? new UTF8Encoding(false) : Encoding.GetEncoding(request.OutputCodePage);
        _umask = Posix.SetUmask(request.Umask);
        try
        {
            SetEnvironment(request.Environment);
            Environment.CurrentDirectory = request.WorkingDirectory;
        }
        catch
        {
            Dispose();
            throw;
        }

        Console.SetOut(new Recorder(this, OutputStream.Out));
        Console.SetError(new Recorder(this, OutputStream.Error));
    }

    /// <summary>What the command wrote, in order, as the bytes the client writes.</summary>
    public IReadOnlyList<(OutputStream Stream, byte[] Bytes)> Output()
    {
        lock (_output)
        {
            return _output.Select(chunk => (chunk.Stream, _encoding.GetBytes(chunk.Text.ToString()))).ToList();
        }
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
        Environment.CurrentDirectory = _workingDirectory;
        SetEnvironment(_environment);
        Posix.SetUmask(_umask);
    }

    private static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return environment;
    }

    private static void SetEnvironment(IReadOnlyDictionary<string, string> wanted)
    {
        foreach (var name in CurrentEnvironment().Keys.Where(name => !wanted.ContainsKey(name)))
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in wanted)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private void Append(OutputStream stream, ReadOnlySpan<char> text)
    {
        lock (_output)
        {
            if (_output.Count == 0 || _output[^1].Stream != stream)
            {
                _output.Add((stream, new StringBuilder()));
            }

            _output[^1].Text.Append(text);
        }
    }

    private sealed class Recorder(RequestScope scope, OutputStream stream) : TextWriter
    {
        public override Encoding Encoding => scope._encoding;

        public override void Write(char value) => scope.Append(stream, [value]);

        public override void Write(string? value) => scope.Append(stream, value);

        public override void Write(char[] buffer, int index, int count) => scope.Append(stream, buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => scope.Append(stream, buffer);
    }
}
