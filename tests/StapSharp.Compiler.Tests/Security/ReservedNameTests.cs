using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Security;

/// <summary>
/// A C# name never shadows what stap already means by it: a method named like a tapset or built-in
/// function is renamed (else it would replace that function for every caller, the translator's
/// own calls included), and a variable named like a print built-in or a tapset global is renamed
/// (else stap would not parse it, or it would be the tapset's global).
/// </summary>
public sealed class ReservedNameTests
{
    public static TheoryData<string, string> TapsetFunctions() => new()
    {
        { "strlen", "static long strlen(string s) => 0;" },
        { "execname", "static string execname() => \"fake\";" },
        { "cpu", "static long cpu() => 99;" },
        { "gettimeofday_ns", "static long gettimeofday_ns() => 0;" },
        { "pid", "static long pid() => 1;" },
        { "user_string", "static string user_string(long a) => \"fake\";" },
        { "sprint", "static string sprint(long n) => \"fake\";" },
        { "error", "static void error(string m) { }" },
        { "exit", "static void exit() { }" },
        { "log", "static void log(string m) { }" },
    };

    public static TheoryData<string> PrintBuiltins() => new(["print", "println", "printf", "sprintf", "printd", "sprintd", "printdln", "sprintdln", "sprintln", "sprint"]);

    [Theory]
    [MemberData(nameof(TapsetFunctions))]
    public void A_method_named_like_a_tapset_function_is_renamed_and_the_tapset_function_kept(string name, string method)
    {
        var script = TestCompiler.Single(Uses(method, name)).Text;

        Assert.DoesNotContain($"function {name}:", script);
        Assert.DoesNotContain($"function {name} (", script);
        Assert.Contains($"function {name}_", script);
        Assert.Contains($"{name}_(", script.Split("probe begin")[1]);
    }

    [StapTheory]
    [MemberData(nameof(TapsetFunctions))]
    public void Stap_accepts_the_renamed_function(string name, string method) => AssertStapAccepts(Uses(method, name), pass: 2);

    [Fact]
    public void Emit_keeps_the_tapset_strlen_cpu_and_clock_beside_methods_of_those_names()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + """
            public sealed record E(string Name);
            public sealed class T : ProbeScript
            {
                static long strlen(string s) => 0;
                static long cpu() => 99;
                static long gettimeofday_ns() => 0;
                [Probe("begin")] void B() => Emit(new E(ExecName()));
            }
            """).Text;

        Assert.Contains("  ev_ts = gettimeofday_ns()\n  ev_cpu = cpu()\n", script);
        Assert.Contains("(strlen(ev_Name) * ", script);
        Assert.Contains(", ev_ts, ev_cpu, strlen(ev_Name), ev_Name, ", script);
        Assert.Contains("function strlen_:long (s:string)", script);
    }

    [Theory]
    [MemberData(nameof(PrintBuiltins))]
    public void Fields_locals_and_parameters_named_like_print_builtins_are_renamed(string name)
    {
        var script = TestCompiler.Single(VariablesNamed(name)).Text;

        Assert.Contains($"global {name}_ = 1", script);
        Assert.Contains($"function F:long ({name}__2:long)", script);
        Assert.Contains($"{name}__2 = 2", script);
        AssertNoBare(name, script);
    }

    [Theory]
    [MemberData(nameof(PrintBuiltins))]
    public void Methods_named_like_print_builtins_are_renamed(string name)
    {
        var script = TestCompiler.Single(MethodNamed(name)).Text;

        Assert.Contains($"function {name}_:long (x:long)", script);
        AssertNoBare(name, script);
    }

    [StapTheory]
    [MemberData(nameof(PrintBuiltins))]
    public void Stap_parses_the_renamed_print_builtins(string name)
    {
        AssertStapAccepts(VariablesNamed(name), pass: 1);
        AssertStapAccepts(MethodNamed(name), pass: 1);
    }

    [Fact]
    public void A_local_named_like_a_tapset_global_is_renamed()
    {
        var script = TestCompiler.Single(TestCompiler.Class("[Probe(\"begin\")] void B() { long argc = 5; Println(argc); }")).Text;

        Assert.Contains("argc_ = 5", script);
        Assert.Contains("println(argc_)", script);
    }

    [Fact]
    public void A_probe_parameter_named_like_a_tapset_global_is_an_error()
    {
        MarkedSource.AssertReported("STAP0008", TestCompiler.Class("[Probe(\"syscall.open\")] void B(long /*@*/argc) { }"));
    }

    [Fact]
    public void A_probe_parameter_named_like_a_tapset_global_is_told_so_and_its_advice_translates()
    {
        var error = Assert.Single(TestCompiler.Errors(TestCompiler.Class("[Probe(\"syscall.open\")] void B(long argc) { Println(argc); }")));

        // The script has no global to rename: the tapset's global is what the name means in stap.
        Assert.Equal("STAP0008", error.Id);
        Assert.Contains("tapset's global", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rename", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Target]", error.Message, StringComparison.Ordinal);

        var script = TestCompiler.Single(TestCompiler.Class("[Probe(\"syscall.open\")] void B([Target] long argc) { Println(argc); }")).Text;
        Assert.Contains("println($argc)", script);
    }

    [Fact]
    public void A_probe_parameter_named_like_a_global_of_the_script_is_told_to_rename_the_field_which_translates()
    {
        var error = Assert.Single(TestCompiler.Errors(TestCompiler.Class(
            "static long filename; [Probe(\"syscall.open\")] void B(string filename) { Println(filename); } [Probe(\"begin\")] void S() { filename = 1; Println(filename); }")));

        Assert.Equal("STAP0008", error.Id);
        Assert.Contains("a global of this script; rename the field", error.Message, StringComparison.Ordinal);

        var script = TestCompiler.Single(TestCompiler.Class(
            "static long opened; [Probe(\"syscall.open\")] void B(string filename) { Println(filename); } [Probe(\"begin\")] void S() { opened = 1; Println(opened); }")).Text;
        Assert.Contains("println(filename)", script);
    }

    /// <summary>A method <paramref name="name"/>, called; and the API member that stands for the tapset function of that name, called too.</summary>
    private static string Uses(string method, string name)
    {
        var call = name switch
        {
            "strlen" => "Println(strlen(\"x\") + StrLen(\"y\"));",
            "execname" => "Println(execname() + ExecName());",
            "cpu" => "Println(cpu() + Cpu());",
            "gettimeofday_ns" => "Println(gettimeofday_ns() + GetTimeOfDayNs());",
            "pid" => "Println(pid() + Pid());",
            "user_string" => "Println(user_string(0) + UserString(0));",
            "sprint" => "Println(sprint(1) + Sprint(2));",
            "error" => "error(\"x\"); Error(\"y\");",
            "exit" => "exit(); Exit();",
            "log" => "log(\"x\"); Log(\"y\");",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        return TestCompiler.Class($"{method}\n[Probe(\"begin\")] void B() {{ {call} }}");
    }

    /// <summary>A field, a parameter and a local named <paramref name="name"/>.</summary>
    private static string VariablesNamed(string name) => TestCompiler.Class($$"""
        static long @{{name}} = 1;
        static long F(long @{{name}}) => @{{name}};
        [Probe("begin")] void B() { long @{{name}} = 2; Println(F(@{{name}}) + T.@{{name}}); }
        """);

    private static string MethodNamed(string name) => TestCompiler.Class($$"""
        static long @{{name}}(long x) => x;
        [Probe("begin")] void B() => Println(@{{name}}(1));
        """);

    /// <summary>The script, header aside, holds <paramref name="name"/> only as a call (the translator's own println(...)), never as a variable.</summary>
    private static void AssertNoBare(string name, string script) =>
        Assert.DoesNotMatch($@"(^|[^A-Za-z0-9_]){name}([^A-Za-z0-9_(]|$)", script.Split('\n', 2)[1]);

    private static void AssertStapAccepts(string source, int pass)
    {
        var script = TestCompiler.Single(source);
        var (exitCode, _, stderr) = StapTool.Run(script.Text, pass);
        Assert.True(exitCode == 0, $"stap -p{pass}:\n{stderr}\n{script.Text}");
    }
}
