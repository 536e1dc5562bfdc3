using StapSharp.Runtime.Remote;

namespace StapSharp.Runtime.Tests.Remote;

public class StapshProtocolTests
{
    [Fact]
    public void The_greeting_gives_version_machine_and_release() =>
        Assert.Equal(("4.8", "x86_64", "6.1.0-57-amd64"), StapshProtocol.ParseHello("stapsh 4.8 x86_64 6.1.0-57-amd64"));

    [Theory]
    [InlineData("bash: stapsh: command not found")]
    [InlineData("stapsh 4.8 x86_64")]
    [InlineData("stapsh 4.8 x86_64 -oProxyCommand=x")]
    [InlineData("stapsh 4.8 x86_64 ../../etc")]
    public void Anything_but_a_greeting_with_a_release_is_refused(string line) =>
        Assert.Throws<FormatException>(() => StapshProtocol.ParseHello(line));

    [Theory]
    [InlineData("-v", "-v")]
    [InlineData("stap_1a.ko", "stap_1a.ko")]
    [InlineData("name=a b", "name=3Da=20b")]
    [InlineData("x\ny", "x=0Ay")]
    [InlineData("é", "=C3=A9")]
    [InlineData("sh -c 'kill 1'", "sh=20-c=20=27kill=201=27")]
    public void Run_arguments_are_quoted_printable_so_no_space_or_line_break_splits_them(string argument, string encoded) =>
        Assert.Equal(encoded, StapshProtocol.Encode(argument));

    [Fact]
    public void A_run_command_is_one_line_of_words()
    {
        var command = StapshProtocol.RunCommand(["-c", "sleep 1\nquit", "m.ko"]);

        Assert.Equal("run -c sleep=201=0Aquit m.ko\n", command);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    public void Arguments_stapsh_would_drop_or_cut_are_refused(string argument) =>
        Assert.Throws<ArgumentException>(() => StapshProtocol.Encode(argument));

    [Theory]
    [InlineData("../x.ko")]
    [InlineData("_x.ko")]
    [InlineData("x.so")]
    [InlineData("a b.ko")]
    public void Module_names_stapsh_refuses_are_refused_here(string name) =>
        Assert.Throws<ArgumentException>(() => StapshProtocol.FileCommand(name, 10));

    [Fact]
    public void The_file_command_gives_size_and_name() =>
        Assert.Equal("file 1234 stapsharp_abc.ko\n", StapshProtocol.FileCommand("stapsharp_abc.ko", 1234));
}
