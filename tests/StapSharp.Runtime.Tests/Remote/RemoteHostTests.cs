using StapSharp.Runtime.Remote;

namespace StapSharp.Runtime.Tests.Remote;

public class RemoteHostTests
{
    [Theory]
    [InlineData("ssh://root@127.0.0.1:2222", "root", "127.0.0.1", 2222)]
    [InlineData("ssh://build-01.example.org", null, "build-01.example.org", null)]
    [InlineData("ops_user@db7", "ops_user", "db7", null)]
    [InlineData("ssh://[::1]:22", null, "::1", 22)]
    [InlineData("ssh://a.b@[fe80::1]", "a.b", "fe80::1", null)]
    [InlineData("host.:65535", null, "host.", 65535)]
    public void Targets_are_read_into_user_host_and_port(string text, string? user, string host, int? port)
    {
        var target = RemoteHost.Parse(text);

        Assert.Equal(new RemoteHost(user, host, port), target);
    }

    [Theory]
    [InlineData("ssh://-oProxyCommand=touch${IFS}/tmp/pwned", "no path")]
    [InlineData("ssh://-oProxyCommand=reboot", "not a host name")]
    [InlineData("-oProxyCommand=sh", "not a host name")]
    [InlineData("ssh://-p22", "not a host name")]
    [InlineData("ssh://-oProxyCommand=x@host", "not a user name")]
    [InlineData("ssh://root@-host", "not a host name")]
    [InlineData("ssh://root@host:-1", "port")]
    [InlineData("ssh://root@host:0", "port")]
    [InlineData("ssh://root@host:65536", "port")]
    [InlineData("ssh://root@host:22x", "port")]
    [InlineData("ssh://root@host:", "port")]
    [InlineData("ssh://ro ot@host", "not a user name")]
    [InlineData("ssh://root@ho st", "not a host name")]
    [InlineData("ssh://root@host;reboot", "not a host name")]
    [InlineData("ssh://root@host$(reboot)", "not a host name")]
    [InlineData("ssh://root@`reboot`", "not a host name")]
    [InlineData("ssh://root@host\nProxyCommand", "not a host name")]
    [InlineData("ssh://root@host/path", "no path")]
    [InlineData("ssh://root@host?x=1", "no path")]
    [InlineData("ssh://root@host#f", "no path")]
    [InlineData("ssh://r%6Fot@host", "not a user name")]
    [InlineData("ssh://root@h%2Dost", "not a host name")]
    [InlineData("ssh://Root@host", "not a user name")]
    [InlineData("ssh://@host", "not a user name")]
    [InlineData("ssh://root@", "host is missing")]
    [InlineData("ssh://", "host is missing")]
    [InlineData("", "empty")]
    [InlineData("libvirt://domain", "only ssh://")]
    [InlineData("unix:/tmp/sock", "no path")]
    [InlineData("ssh://[::1", "closing")]
    [InlineData("ssh://[-oProxyCommand=x]", "not an IPv6 address")]
    [InlineData("ssh://[::1]x", "only ':PORT'")]
    [InlineData("ssh://bad-.example", "not a host name")]
    public void Targets_that_could_reach_ssh_as_something_else_are_refused(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => RemoteHost.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(RemoteHost.TryParse(text, out _, out var said));
        Assert.Equal(error.Message, said);
    }

    [Fact]
    public void A_message_shows_control_characters_escaped()
    {
        var error = Assert.Throws<FormatException>(() => RemoteHost.Parse("ssh://root@host\u001b[2J"));

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\u001b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_longer_than_any_host_name_is_refused() =>
        Assert.Throws<FormatException>(() => RemoteHost.Parse("ssh://" + new string('a', RemoteHost.MaxLength)));

    [Theory]
    [InlineData("ssh://root@127.0.0.1:2222", "root@127.0.0.1:2222")]
    [InlineData("db7", "db7")]
    [InlineData("ssh://[::1]:22", "[::1]:22")]
    public void The_name_is_the_target_without_its_scheme(string text, string name)
    {
        var host = RemoteHost.Parse(text);

        Assert.Equal(name, host.Name);
        Assert.Equal(host, RemoteHost.Parse(host.ToString()));
    }

    [Fact]
    public void Ssh_gets_the_host_after_its_options_end()
    {
        var host = RemoteHost.Parse("ssh://root@127.0.0.1:2222");

        var arguments = new SshSettings { IdentityFile = "/tmp/k/id", TrustThrowAwayHostKeys = true }.Arguments(host, "uname -r");

        var end = arguments.ToList().IndexOf("--");
        Assert.Equal(["--", "127.0.0.1", "uname -r"], arguments.Skip(end));
        Assert.Equal("2222", arguments[arguments.ToList().IndexOf("-p") + 1]);
        Assert.Equal("root", arguments[arguments.ToList().IndexOf("-l") + 1]);
        Assert.Contains("BatchMode=yes", arguments);
        Assert.Contains("StrictHostKeyChecking=no", arguments);
        Assert.Contains("UserKnownHostsFile=/dev/null", arguments);
    }

    [Fact]
    public void Host_keys_are_checked_unless_the_hosts_are_throw_away_guests()
    {
        var arguments = new SshSettings().Arguments(RemoteHost.Parse("db7"), "true");

        Assert.DoesNotContain(arguments, a => a.StartsWith("StrictHostKeyChecking", StringComparison.Ordinal));
        Assert.DoesNotContain(arguments, a => a.StartsWith("UserKnownHostsFile", StringComparison.Ordinal));
        Assert.DoesNotContain("-p", arguments);
        Assert.DoesNotContain("-l", arguments);
    }

    [Theory]
    [InlineData("relative/key")]
    [InlineData("/tmp/%d/key")]
    [InlineData("~/.ssh/id")]
    public void An_identity_file_ssh_would_expand_is_refused(string path) =>
        Assert.Throws<ArgumentException>(() => new SshSettings { IdentityFile = path }.Arguments(RemoteHost.Parse("db7"), "true"));
}
