using System.Text;

namespace StapSharp.Runtime.Toolchain;

/// <summary>What one toolchain component is, whether it was found, and which package provides it.</summary>
/// <param name="Name">Short name ("stap", "kernel headers", ...).</param>
/// <param name="Purpose">What StapSharp needs it for.</param>
/// <param name="Path">Where it was found; null when missing.</param>
/// <param name="Package">Debian package that provides it.</param>
/// <param name="Problem">Why it is unusable (missing, not static, ...); null when fine.</param>
/// <param name="Optional">Only some scripts need it (kernel debuginfo): its absence is reported, never a failure.</param>
public sealed record ToolchainItem(string Name, string Purpose, string? Path, string Package, string? Problem, bool Optional = false)
{
    /// <summary>True when the component is present and usable.</summary>
    public bool IsOk => Problem is null;
}

/// <summary>
/// The result of toolchain discovery for the <c>doctor</c> command: every component,
/// what is missing, and the one apt-get command that installs all of it.
/// </summary>
public sealed class ToolchainReport
{
    internal ToolchainReport(IReadOnlyList<ToolchainItem> items) => Items = items;

    /// <summary>All components, in a stable order.</summary>
    public IReadOnlyList<ToolchainItem> Items { get; }

    /// <summary>The components every run needs that are missing or unusable.</summary>
    public IReadOnlyList<ToolchainItem> Missing => Items.Where(i => !i.IsOk && !i.Optional).ToList();

    /// <summary>The optional components that are absent, each with its own way to install it.</summary>
    public IReadOnlyList<ToolchainItem> OptionalMissing => Items.Where(i => !i.IsOk && i.Optional).ToList();

    /// <summary>True when every component every run needs is usable (optional ones may be absent).</summary>
    public bool IsComplete => Missing.Count == 0;

    /// <summary>The exact command that installs everything missing; null when nothing is.</summary>
    public string? FixCommand => FixCommandFor(Missing);

    /// <summary>The exact apt-get command installing the packages of <paramref name="items"/> (optional ones left out).</summary>
    public static string? FixCommandFor(IEnumerable<ToolchainItem> items)
    {
        var packages = items.Where(i => !i.IsOk && !i.Optional).Select(i => i.Package).Distinct().ToList();
        return packages.Count == 0 ? null : "apt-get install --no-install-recommends " + string.Join(' ', packages);
    }

    /// <summary>A human-readable table (one line per component, then the fix).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var item in Items)
        {
            var status = item.IsOk ? "ok     " : item.Optional ? "absent " : "MISSING";
            var where = item.IsOk ? item.Path : item.Problem;
            text.AppendLine($"{status} {item.Name,-16} {where}  ({item.Purpose}; package {item.Package})");
        }
        if (FixCommand is { } fix)
        {
            text.AppendLine($"fix: {fix}");
        }

        return text.ToString();
    }
}
