using System.Globalization;

namespace StapSharp.Runtime.Remote;

/// <summary>
/// How ssh is run towards the remote hosts. By default it is the user's own ssh: ~/.ssh/config, keys and known hosts
/// apply; it never asks for a password (BatchMode) and gives up on a host that does not answer.
/// </summary>
public sealed record SshSettings
{
    /// <summary>The ssh client; null finds ssh on PATH.</summary>
    public string? SshPath { get; init; }

    /// <summary>An ssh configuration file to use instead of ~/.ssh/config (ssh -F): keys, known hosts, jump hosts per host.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>A private key to log in with (ssh -i, and only it); null for ssh's own choice.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>
    /// Accept any host key and keep none (StrictHostKeyChecking=no, UserKnownHostsFile=/dev/null). Only for throw-away
    /// guests whose key is new at every boot (such as SshGuest): towards any other host it lets a machine in the
    /// middle pose as the host.
    /// </summary>
    public bool TrustThrowAwayHostKeys { get; init; }

    /// <summary>How long ssh may take to connect (ConnectTimeout).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a host may stay silent during a run before its connection counts as lost (ServerAliveInterval × 3):
    /// a host that dies without closing its connection is found out after this.
    /// </summary>
    public TimeSpan AliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// ssh's arguments to run <paramref name="remoteCommand"/> on <paramref name="host"/>: options first, then "--", the
    /// host and the command, so nothing of the host can be read as an option (the host is validated by
    /// <see cref="RemoteHost.Parse"/> as well). The remote command is the caller's fixed text, never the user's.
    /// </summary>
    public IReadOnlyList<string> Arguments(RemoteHost host, string remoteCommand)
    {
        List<string> arguments =
        [
            // No tty, no X11 or agent forwarding: the channel carries the module's bytes as they are.
            "-T", "-x", "-a",
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + Seconds(ConnectTimeout),
            "-o", "ServerAliveInterval=" + Seconds(AliveInterval),
            "-o", "ServerAliveCountMax=3",
            "-o", "LogLevel=ERROR",
        ];
        if (TrustThrowAwayHostKeys)
        {
            arguments.AddRange(["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]);
        }

        if (ConfigFile is { } config)
        {
            arguments.AddRange(["-F", PlainPath(config, "configuration file")]);
        }

        if (IdentityFile is { } identity)
        {
            arguments.AddRange(["-i", PlainPath(identity, "identity file"), "-o", "IdentitiesOnly=yes"]);
        }

        if (host.Port is { } port)
        {
            arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (host.User is { } user)
        {
            arguments.AddRange(["-l", user]);
        }

        arguments.AddRange(["--", host.Host, remoteCommand]);
        return arguments;
    }

    /// <summary>ssh expands '%' and '~' in some paths: only a plain absolute path goes through.</summary>
    private static string PlainPath(string path, string what) =>
        Path.IsPathFullyQualified(path) && path.IndexOfAny(['%', '\n', '\r']) < 0
            ? path
            : throw new ArgumentException($"the ssh {what} must be an absolute path without '%': {path}", nameof(path));

    private static string Seconds(TimeSpan time) => Math.Max(1, (int)Math.Ceiling(time.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
