using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Targets;

public class StaprunArgumentsTests
{
    [Fact]
    public void Module_alone() =>
        Assert.Equal(["/m/x.ko"], StaprunArguments.Build("/m/x.ko", new RunOptions()));

    [Fact]
    public void All_options_in_staprun_order_with_globals_after_the_module()
    {
        var options = new RunOptions
        {
            Verbose = true,
            OutputFile = "/tmp/out.txt",
            Command = "ls -l /",
            ModuleGlobals = [new("threshold", "10"), new("name", "a b")],
        };
        Assert.Equal(["-v", "-o", "/tmp/out.txt", "-c", "ls -l /", "/m/x.ko", "threshold=10", "name=a b"],
            StaprunArguments.Build("/m/x.ko", options));
    }

    [Fact]
    public void The_buffer_size_is_staprun_b_in_mib_and_stays_in_its_range()
    {
        Assert.Equal(["-b", "128", "/m/x.ko"], StaprunArguments.Build("/m/x.ko", new RunOptions { BufferSizeMb = 128 }));
        Assert.Throws<ArgumentException>(() => StaprunArguments.Build("/m/x.ko", new RunOptions { BufferSizeMb = 0 }));
        Assert.Throws<ArgumentException>(() => StaprunArguments.Build("/m/x.ko", new RunOptions { BufferSizeMb = 4096 }));
    }

    [Fact]
    public void Target_pid_and_output_file_can_be_left_to_the_host()
    {
        var options = new RunOptions { TargetPid = 4242, OutputFile = "/tmp/out.txt" };
        Assert.Equal(["-x", "4242", "/m/x.ko"], StaprunArguments.Build("/m/x.ko", options, includeOutputFile: false));
    }

    [Fact]
    public void Command_and_pid_together_are_rejected() =>
        Assert.Throws<ArgumentException>(() => StaprunArguments.Build("/m/x.ko", new RunOptions { Command = "ls", TargetPid = 1 }));

    [Theory]
    [InlineData("bad name")]
    [InlineData("trailing_line_end\n")]
    public void Global_names_must_be_identifiers(string name) =>
        Assert.Throws<ArgumentException>(() =>
            StaprunArguments.Build("/m/x.ko", new RunOptions { ModuleGlobals = [new(name, "1")] }));
}
