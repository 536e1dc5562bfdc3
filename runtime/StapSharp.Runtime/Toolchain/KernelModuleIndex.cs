using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// The loadable modules of one installed kernel release, read from its modules.dep (and modules.builtin, for the
/// modules compiled into the kernel, which need no loading). Resolves module names to files in load order.
/// </summary>
public sealed class KernelModuleIndex
{
    private readonly Dictionary<string, (string Path, string[] Dependencies)> _modules;
    private readonly HashSet<string> _builtIn;

    private KernelModuleIndex(string directory, Dictionary<string, (string, string[])> modules, HashSet<string> builtIn)
    {
        Directory = directory;
        _modules = modules;
        _builtIn = builtIn;
    }

    /// <summary>/lib/modules/RELEASE: the folder the relative paths start from.</summary>
    public string Directory { get; }

    /// <summary>Reads <paramref name="directory"/>/modules.dep and, when present, modules.builtin.</summary>
    /// <exception cref="ToolchainException">There is no modules.dep.</exception>
    public static KernelModuleIndex Load(string directory)
    {
        var dep = Path.Combine(directory, "modules.dep");
        if (!File.Exists(dep))
        {
            throw new ToolchainException($"no module list for the guest kernel: {dep} is missing",
                $"apt-get install --reinstall linux-image-{Path.GetFileName(directory)}");
        }

        var builtIn = Path.Combine(directory, "modules.builtin");
        return Parse(directory, File.ReadAllText(dep), File.Exists(builtIn) ? File.ReadAllText(builtIn) : null);
    }

    /// <summary>Builds the index from the text of modules.dep and modules.builtin.</summary>
    internal static KernelModuleIndex Parse(string directory, string modulesDep, string? modulesBuiltin)
    {
        var modules = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        foreach (var raw in modulesDep.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':');
            if (line.Length == 0 || line[0] == '#' || colon <= 0)
            {
                continue;
            }

            var path = line[..colon].Trim();
            var dependencies = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            modules.TryAdd(NameOf(path), (path, dependencies));
        }
        var builtIn = (modulesBuiltin ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(NameOf).ToHashSet(StringComparer.Ordinal);
        return new KernelModuleIndex(directory, modules, builtIn);
    }

    /// <summary>True when <paramref name="name"/> is a module of this release or compiled into it.</summary>
    public bool Has(string name) => _modules.ContainsKey(NameOf(name)) || IsBuiltIn(name);

    /// <summary>True when <paramref name="name"/> is compiled into the kernel (nothing to load).</summary>
    public bool IsBuiltIn(string name) => _builtIn.Contains(NameOf(name));

    /// <summary>
    /// The files to load for <paramref name="names"/> with everything they depend on, each once, every module
    /// after its dependencies; in the order asked where the dependencies leave a choice. Built-in modules are left out.
    /// </summary>
    /// <exception cref="ToolchainException">A name is neither a module of this release nor built in.</exception>
    public IReadOnlyList<KernelModuleFile> Resolve(IEnumerable<string> names)
    {
        var ordered = new List<KernelModuleFile>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>(); // the chain being visited, to report a cycle instead of recursing forever
        foreach (var name in names)
        {
            Visit(NameOf(name), requiredBy: null);
        }

        return ordered;

        void Visit(string name, string? requiredBy)
        {
            if (done.Contains(name))
            {
                return;
            }

            if (path.Contains(name))
            {
                throw new ToolchainException($"{Path.Combine(Directory, "modules.dep")} has a dependency cycle: {string.Join(" → ", path.Append(name))}",
                    "depmod -a " + Path.GetFileName(Directory));
            }

            if (!_modules.TryGetValue(name, out var module))
            {
                if (_builtIn.Contains(name))
                {
                    done.Add(name);
                    return;
                }
                throw new ToolchainException(requiredBy is null
                    ? $"the kernel {Path.GetFileName(Directory)} has no module '{name}' (it is not in {Path.Combine(Directory, "modules.dep")})"
                    : $"{Path.Combine(Directory, "modules.dep")} lists '{name}' as needed by '{requiredBy}' but not as a module of its own",
                    requiredBy is null ? null : "depmod -a " + Path.GetFileName(Directory));
            }
            path.Add(name);
            foreach (var dependency in module.Dependencies)
            {
                Visit(NameOf(dependency), name);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(name);
            ordered.Add(new KernelModuleFile(name, module.Path));
        }
    }

    /// <summary>A module's kernel name from its name or file path: "kernel/drivers/char/virtio_console.ko.xz" and "virtio-console" are "virtio_console".</summary>
    public static string NameOf(string nameOrPath)
    {
        var name = nameOrPath[(nameOrPath.LastIndexOf('/') + 1)..];
        name = name[..^KernelModuleFile.CompressionOf(name).Length];
        if (name.EndsWith(".ko", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        return name.Replace('-', '_');
    }
}
