using System.Text;

namespace StapSharp;

/// <summary>
/// The SystemTap script the build translated from a probe class, as the generator gives it to host programs
/// (<c>MyProbe.Script</c>): its text, the names stap and the kernel see, where each of its lines came from in
/// C#, and how stap must build it. StapSharp.Runtime builds and runs it (<c>StapScript.From</c>) without
/// translating anything at run time.
/// </summary>
public sealed class TranslatedScript
{
    private const string ModulePrefix = "stapsharp_";
    private const int MaxModuleNameLength = 40;

    /// <param name="className">The probe class's name (without namespace): the script is CLASS.stp.</param>
    /// <param name="text">The script.</param>
    /// <param name="sourceMap">Where each of its lines came from.</param>
    /// <param name="options">What its build needs.</param>
    public TranslatedScript(string className, string text, ScriptSourceMap sourceMap, ScriptBuildOptions options)
    {
        ClassName = className ?? throw new ArgumentNullException(nameof(className));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        SourceMap = sourceMap ?? throw new ArgumentNullException(nameof(sourceMap));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The probe class's name, e.g. "MkdirTrace".</summary>
    public string ClassName { get; }

    /// <summary>The script, exactly as <c>stapsharp build</c> writes it.</summary>
    public string Text { get; }

    /// <summary>The file name stap sees and quotes in its messages: the class name with .stp.</summary>
    public string FileName => ClassName + ".stp";

    /// <summary>The kernel module's name: <see cref="ModuleNameFor"/> of the class name.</summary>
    public string ModuleName => ModuleNameFor(ClassName);

    /// <summary>Each line of <see cref="Text"/> → the C# place it was translated from.</summary>
    public ScriptSourceMap SourceMap { get; }

    /// <summary>What stap must be told to build the script.</summary>
    public ScriptBuildOptions Options { get; }

    /// <summary>stap module names are lower-case letters, digits and _, and short: stapsharp_ and the name, lower case.</summary>
    public static string ModuleNameFor(string name)
    {
        var module = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            module.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        return ModulePrefix + (module.Length > MaxModuleNameLength ? module.ToString(0, MaxModuleNameLength) : module.ToString());
    }

    public override string ToString() => FileName;
}

/// <summary>A place in C# source: file path and 1-based line and column, as compilers print them.</summary>
public sealed class ScriptSourcePlace
{
    public ScriptSourcePlace(string filePath, int line, int column)
    {
        FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
        Line = line;
        Column = column;
    }

    public string FilePath { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary><c>path(line,col)</c>, as the C# compiler and stapsharp print places.</summary>
    public override string ToString() => $"{FilePath}({Line},{Column})";
}

/// <summary>Where each line of a translated script came from in C#.</summary>
public sealed class ScriptSourceMap
{
    private readonly IReadOnlyList<ScriptSourcePlace?> _lines;

    /// <param name="lines">The place of each script line, line 1 first; null for a line that has none (a comment, a brace).</param>
    public ScriptSourceMap(IReadOnlyList<ScriptSourcePlace?> lines) => _lines = lines ?? throw new ArgumentNullException(nameof(lines));

    /// <summary>
    /// The map the generator writes compactly: <paramref name="files"/> once, and per script line three numbers in
    /// <paramref name="table"/>: the index of its file in <paramref name="files"/> (-1: the line has no place), its line and its column.
    /// </summary>
    public static ScriptSourceMap FromTable(string[] files, int[] table)
    {
        if (files is null || table is null || table.Length % 3 != 0)
        {
            throw new ArgumentException("a source map table holds three numbers per script line");
        }

        var lines = new ScriptSourcePlace?[table.Length / 3];
        for (var i = 0; i < lines.Length; i++)
        {
            var file = table[3 * i];
            lines[i] = file < 0 ? null : new ScriptSourcePlace(files[file], table[(3 * i) + 1], table[(3 * i) + 2]);
        }

        return new ScriptSourceMap(lines);
    }

    /// <summary>The number of script lines the map covers.</summary>
    public int Count => _lines.Count;

    /// <summary>
    /// The C# place of a 1-based script line: the nearest line at or above it that has one (a statement's
    /// continuation lines belong to it); null above the first mapped line or past the script.
    /// </summary>
    public ScriptSourcePlace? Lookup(int stapLine)
    {
        if (stapLine < 1 || stapLine > _lines.Count)
        {
            return null;
        }

        for (var i = stapLine - 1; i >= 0; i--)
        {
            if (_lines[i] is { } place)
            {
                return place;
            }
        }

        return null;
    }
}

/// <summary>What stap must be told to build a translated script, as the translator decided it.</summary>
public sealed class ScriptBuildOptions
{
    /// <param name="guru">The script is <see cref="GuruAttribute">[Guru]</see>: stap runs with -g.</param>
    /// <param name="kernelDebuginfo">Some probe cannot resolve without the kernel's own debuginfo.</param>
    /// <param name="debuginfoModules">The kernel modules whose debuginfo some probe needs (names or patterns, as written).</param>
    public ScriptBuildOptions(bool guru, bool kernelDebuginfo, IReadOnlyList<string> debuginfoModules)
    {
        Guru = guru;
        KernelDebuginfo = kernelDebuginfo;
        DebuginfoModules = debuginfoModules ?? throw new ArgumentNullException(nameof(debuginfoModules));
    }

    /// <summary>A script that needs nothing special.</summary>
    public static ScriptBuildOptions None { get; } = new(false, false, []);

    public bool Guru { get; }

    public bool KernelDebuginfo { get; }

    public IReadOnlyList<string> DebuginfoModules { get; }

    /// <summary>The stap options the script needs: -g for a guru-mode script, none otherwise.</summary>
    public IReadOnlyList<string> StapOptions => Guru ? ["-g"] : [];
}
