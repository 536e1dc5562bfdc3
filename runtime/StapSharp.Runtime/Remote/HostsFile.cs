namespace StapSharp.Runtime.Remote;

/// <summary>
/// A file of remote targets (<c>--hosts FILE</c>): one <c>ssh://[USER@]HOST[:PORT]</c> (or <c>[USER@]HOST[:PORT]</c>) per
/// line; blank lines and lines starting with '#' are skipped, spaces around a target are trimmed.
/// </summary>
public static class HostsFile
{
    /// <summary>Reads the targets of <paramref name="text"/>; <paramref name="fileName"/> names it in messages.</summary>
    /// <exception cref="FormatException">A line is not a target, or names a target an earlier line named; the message gives FILE:LINE.</exception>
    public static IReadOnlyList<RemoteHost> Parse(string text, string fileName)
    {
        var hosts = new List<RemoteHost>();
        var firstLine = new Dictionary<RemoteHost, int>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim(' ', '\t', '\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var number = index + 1;
            if (!RemoteHost.TryParse(line, out var host, out var problem))
            {
                throw new FormatException($"{fileName}:{number}: {problem}");
            }

            if (firstLine.TryGetValue(host, out var earlier))
            {
                throw new FormatException($"{fileName}:{number}: {host.Name} is already on line {earlier}");
            }

            firstLine[host] = number;
            hosts.Add(host);
        }

        return hosts;
    }

    /// <summary>Reads the targets of the file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">See <see cref="Parse"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<RemoteHost> Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// The targets of the command line (<c>--remote</c>, in order) followed by those of the hosts file, each once.
    /// </summary>
    /// <exception cref="FormatException">A target is named twice.</exception>
    public static IReadOnlyList<RemoteHost> Combine(IReadOnlyList<RemoteHost> commandLine, IReadOnlyList<RemoteHost> fromFile)
    {
        var all = commandLine.Concat(fromFile).ToList();
        if (all.GroupBy(host => host).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new FormatException($"{twice.Key.Name} is named twice among the remote targets");
        }

        return all;
    }
}
