using StapSharp.Runtime.Remote;

namespace StapSharp.Runtime.Tests.Remote;

public class HostsFileTests
{
    [Fact]
    public void Targets_are_read_one_per_line_skipping_comments_and_blank_lines()
    {
        var hosts = HostsFile.Parse("# the fleet\n\nssh://root@127.0.0.1:2222\r\n  db7  \n\t# spare\nops@db8:22\n", "fleet.txt");

        Assert.Equal([new RemoteHost("root", "127.0.0.1", 2222), new RemoteHost(null, "db7", null), new RemoteHost("ops", "db8", 22)], hosts);
    }

    [Fact]
    public void A_bad_line_is_named_by_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => HostsFile.Parse("db7\n\nssh://-oProxyCommand=sh\n", "fleet.txt"));

        Assert.StartsWith("fleet.txt:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a host name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_listed_twice_names_both_lines()
    {
        var error = Assert.Throws<FormatException>(() => HostsFile.Parse("db7\nssh://db7\n", "fleet.txt"));

        Assert.Equal("fleet.txt:2: db7 is already on line 1", error.Message);
    }

    [Fact]
    public void Hosts_from_the_command_line_come_first_and_each_once()
    {
        var fromFile = HostsFile.Parse("db8\n", "f");

        Assert.Equal([new RemoteHost(null, "db7", null), new RemoteHost(null, "db8", null)],
            HostsFile.Combine([RemoteHost.Parse("db7")], fromFile));
        Assert.Throws<FormatException>(() => HostsFile.Combine([RemoteHost.Parse("ssh://db8")], fromFile));
    }

    [Fact]
    public void An_empty_file_names_no_host() => Assert.Empty(HostsFile.Parse("# none yet\n", "f"));
}
