using StapSharp.Runtime.Build;

namespace StapSharp.Runtime.Tests.Build;

public class StapArgumentsTests
{
    [Fact]
    public void Check_passes_the_tree_the_pass_and_the_script_last()
    {
        var arguments = StapArguments.Build("/c/build", "/c/runtime", 2, null, ["-g", "-DMAXACTION=10000"], "/s/x.stp", addVerbose: false);
        Assert.Equal(["-r", "/c/build", "-R", "/c/runtime", "-p2", "-g", "-DMAXACTION=10000", "/s/x.stp"], arguments);
        Assert.DoesNotContain("--disable-cache", arguments);
    }

    [Fact]
    public void Script_arguments_follow_the_script_file()
    {
        var arguments = StapArguments.Build("/b", "/r", 4, "m", ["-g"], "/s/x.stp", addVerbose: false, scriptArguments: ["500", "bash"]);
        Assert.Equal(["-r", "/b", "-R", "/r", "-p4", "-m", "m", "-g", "/s/x.stp", "500", "bash"], arguments);
    }

    [Fact]
    public void Module_build_names_the_module_and_adds_verbose_for_progress_once()
    {
        var arguments = StapArguments.Build("/b", "/r", 4, "my_probe", [], "/s/x.stp", addVerbose: true);
        Assert.Equal(["-r", "/b", "-R", "/r", "-p4", "-m", "my_probe", "-v", "/s/x.stp"], arguments);

        var alreadyVerbose = StapArguments.Build("/b", "/r", 4, "m", ["-vv"], "/s/x.stp", addVerbose: true);
        Assert.Single(alreadyVerbose, a => a.StartsWith("-v"));
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("9starts_with_digit")]
    [InlineData("")]
    [InlineData("trailing_line_end\n")]
    [InlineData("a_name_that_is_far_too_long_for_the_kernel_module_loader_x")]
    public void Invalid_module_names_are_rejected_with_the_rule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => StapArguments.ValidateModuleName(name));
        Assert.Contains("C identifier", error.Message);
    }

    [Fact]
    public void Passes_outside_1_to_4_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StapArguments.Build("/b", "/r", 5, null, [], "/x.stp", false));

    [Theory]
    [InlineData("Pass 1: parsed user script and 484 library scripts using 1kb, in 1real ms.", true)]
    [InlineData("Pass 4: compiled C into \"m.ko\" in 1real ms.", true)]
    [InlineData("semantic error: while resolving probe point", false)]
    [InlineData("Passing through", false)]
    public void Progress_lines_are_the_pass_summaries(string line, bool expected) =>
        Assert.Equal(expected, StapArguments.IsProgressLine(line));
}
