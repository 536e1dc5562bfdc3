using System.Globalization;
using System.Text.RegularExpressions;

namespace StapSharp.Runtime.Targets;

/// <summary>Turns <see cref="RunOptions"/> into staprun's command line (shared by both targets).</summary>
public static partial class StaprunArguments
{
    // \z, not $: "$" also matches before a final line end.
    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex GlobalName();

    /// <summary>Whether <paramref name="name"/> can name a script global set at load time (letters, digits, _).</summary>
    public static bool IsGlobalName(string name) => GlobalName().IsMatch(name);

    /// <summary>
    /// staprun [-v] [-b MB] [-o FILE] [-c CMD] [-x PID] MODULE [name=value ...].
    /// <paramref name="outputFile"/> overrides <see cref="RunOptions.OutputFile"/> (the VM writes the file on the host).
    /// </summary>
    /// <param name="bulkPrefix">
    /// With <see cref="RunOptions.Bulk"/>: staprun's -o, the per-CPU files' prefix. (staprun's own -b is a buffer size:
    /// bulk mode comes from the module, built with stap -b.)
    /// </param>
    public static IReadOnlyList<string> Build(string modulePath, RunOptions options, bool includeOutputFile = true, string? bulkPrefix = null)
    {
        if (options.Command is not null && options.TargetPid is not null)
        {
            throw new ArgumentException("-c CMD and -x PID cannot be used together");
        }

        var arguments = new List<string>();
        if (options.Verbose)
        {
            arguments.Add("-v");
        }

        if (options.BufferSizeMb is { } buffer)
        {
            if (buffer is < 1 or > 4095)
            {
                throw new ArgumentException($"the output buffer is 1 to 4095 MiB (staprun -b), not {buffer}");
            }

            arguments.AddRange(["-b", buffer.ToString(CultureInfo.InvariantCulture)]);
        }
        if (options.Bulk && bulkPrefix is not null)
        {
            arguments.AddRange(["-o", bulkPrefix]);
        }
        else if (includeOutputFile && options.OutputFile is { } output)
        {
            arguments.AddRange(["-o", output]);
        }

        if (options.Command is { } command)
        {
            arguments.AddRange(["-c", command]);
        }

        if (options.TargetPid is { } pid)
        {
            arguments.AddRange(["-x", pid.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.Add(modulePath);
        foreach (var (name, value) in options.ModuleGlobals)
        {
            if (!IsGlobalName(name))
            {
                throw new ArgumentException($"'{name}' is not a script global name (letters, digits, _)");
            }

            arguments.Add($"{name}={value}");
        }
        return arguments;
    }
}
