namespace StapSharp.Cli.Files;

/// <summary>
/// Files a command writes where the user said, all or nothing: each is written into a hidden folder
/// beside its destination (the same file system, so moving is a rename), and they are moved into place
/// only once every one is written. Without <see cref="Commit"/>, or when writing fails, nothing new is left.
/// A destination folder that does not exist yet appears, with its files, in one rename.
/// </summary>
internal sealed class StagedOutput : IDisposable
{
    private readonly string _option;
    private readonly string _shown;
    private readonly string _shownFolder;
    private readonly string _destination;
    private readonly string _existing;
    private readonly string? _firstMissing;
    private readonly Dictionary<string, string> _staged = new(StringComparer.Ordinal);
    private string? _stage;

    private StagedOutput(string option, string shown, string shownFolder, string destination, string existing)
    {
        _option = option;
        _shown = shown;
        _shownFolder = shownFolder;
        _destination = destination;
        _existing = existing;
        var missing = Path.GetRelativePath(existing, destination);
        _firstMissing = missing == "." ? null : missing.Split(Path.DirectorySeparatorChar)[0];
    }

    /// <summary>Files written into the folder <paramref name="path"/> (made, with its parents, if missing).</summary>
    /// <param name="option">How the path was given, for messages: "-o".</param>
    /// <exception cref="UserError">The path cannot be a folder: it is empty, or it or a parent is a file or a device.</exception>
    public static StagedOutput ForFolder(string path, string option)
    {
        var destination = Destination(path, option, "a folder");
        return new StagedOutput(option, path, path, destination, NearestFolder(destination, destination, path, option));
    }

    /// <summary>
    /// The one file <paramref name="path"/>: replaced if it is a file, refused if it is a folder, a device
    /// or a FIFO (a rename would replace the device itself). Returns the output and the file's name in it.
    /// </summary>
    public static (StagedOutput Output, string FileName) ForFile(string path, string option)
    {
        var destination = Destination(path, option, "a file");
        var name = Path.GetFileName(destination);
        if (name.Length == 0 || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new UserError($"{option} {path}: names a folder; name a file");
        }

        var kind = KindOf(destination, path, option);
        if (kind == FileKind.Folder)
        {
            throw new UserError($"{option} {path}: is a folder; name a file");
        }

        if (kind is not (FileKind.Missing or FileKind.Regular))
        {
            throw new UserError($"{option} {path}: {UnixFile.Describe(kind)}, not a regular file; {option} writes a regular file");
        }

        var folder = Path.GetDirectoryName(destination)!;
        return (new StagedOutput(option, path, Path.GetDirectoryName(path) ?? "", folder, NearestFolder(folder, destination, path, option)), name);
    }

    /// <summary>Creates <paramref name="fileName"/> empty in the stage and returns its path, for a program to write into.</summary>
    public string Reserve(string fileName) => Write(fileName, string.Empty);

    /// <summary>Writes <paramref name="fileName"/> into the stage; returns its staged path.</summary>
    public string Write(string fileName, string text)
    {
        if (!_staged.TryAdd(fileName, string.Empty))
        {
            throw new InvalidOperationException($"{fileName} is written twice");
        }

        return Attempt($"cannot write in {ShownPath.Of(_existing)}", () =>
        {
            var folder = _firstMissing is null ? Stage() : Path.Combine(Stage(), Path.GetRelativePath(_existing, _destination));
            Directory.CreateDirectory(folder);
            var staged = Path.Combine(folder, fileName);
            File.WriteAllText(staged, text);
            return _staged[fileName] = staged;
        });
    }

    /// <summary>Moves every written file into place; returns their paths as the user named the destination.</summary>
    public IReadOnlyList<string> Commit()
    {
        var names = _staged.Keys.Order(StringComparer.Ordinal).ToList();
        Attempt($"cannot write in {ShownPath.Of(_destination)}", () =>
        {
            if (_stage is null)
            {
                return 0;
            }

            if (_firstMissing is not null)
            {
                // The missing folder, made in the stage, appears with all its files at once.
                Directory.Move(Path.Combine(_stage, _firstMissing), Path.Combine(_existing, _firstMissing));
                return 0;
            }

            // Refuse before moving anything, so a blocked destination leaves the others as they were.
            foreach (var name in names)
            {
                var kind = UnixFile.Status(Path.Combine(_destination, name), followLinks: false).Kind;
                if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Link))
                {
                    throw new UserError($"{_option} {_shown}: {Path.Combine(_shownFolder, name)} is {UnixFile.Describe(kind)}; remove it or write elsewhere");
                }
            }

            foreach (var name in names)
            {
                File.Move(_staged[name], Path.Combine(_destination, name), overwrite: true);
            }

            return 0;
        });
        Dispose();
        return names.Select(name => Path.Combine(_shownFolder, name)).ToList();
    }

    public void Dispose()
    {
        if (_stage is null)
        {
            return;
        }

        try { Directory.Delete(_stage, recursive: true); }
        catch (Exception error) when (FileErrors.IsFileError(error)) { }
        _stage = null;
    }

    private string Stage()
    {
        if (_stage is null)
        {
            var stage = Path.Combine(_existing, $".stapsharp-{Guid.NewGuid():N}"[..20]);
            Directory.CreateDirectory(stage);
            _stage = stage;
        }

        return _stage;
    }

    private T Attempt<T>(string what, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception error) when (FileErrors.IsFileError(error))
        {
            Dispose();
            throw new UserError($"{_option} {_shown}: {what}: {FileErrors.Reason(error)}");
        }
    }

    private static string Destination(string path, string option, string what)
    {
        if (path.Length == 0)
        {
            throw new UserError($"{option}: the path is empty; name {what}");
        }

        return Path.GetFullPath(path);
    }

    /// <summary>
    /// The nearest folder at or above <paramref name="folder"/> that exists; a file or device on the way is an
    /// error, which names it unless it is <paramref name="named"/>, the path the user gave.
    /// </summary>
    private static string NearestFolder(string folder, string named, string shown, string option)
    {
        for (var current = folder; ; current = Path.GetDirectoryName(current)!)
        {
            var kind = KindOf(current, shown, option);
            if (kind == FileKind.Folder)
            {
                return current;
            }

            if (kind != FileKind.Missing)
            {
                var which = current == named ? "" : $"{ShownPath.Of(current)} ";
                throw new UserError($"{option} {shown}: {which}is {UnixFile.Describe(kind)}, not a folder");
            }
        }
    }

    private static FileKind KindOf(string path, string shown, string option)
    {
        try
        {
            return UnixFile.Status(path).Kind;
        }
        catch (IOException error)
        {
            throw new UserError($"{option} {shown}: {FileErrors.Reason(error)}");
        }
    }
}
