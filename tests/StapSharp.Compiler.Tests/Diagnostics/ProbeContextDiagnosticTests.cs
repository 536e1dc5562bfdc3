using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Diagnostics;

/// <summary>
/// Misuse of the probe-context API (target variables, @entry, @defined, @cast, Call, script
/// arguments, aliases, build-time conditions, try/catch, embedded C) is reported with its id at the
/// exact C# place, marked <c>/*@*/</c> in each case.
/// </summary>
public sealed class ProbeContextDiagnosticTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        // Library macros paste their arguments: constant names only, and ChooseDefined tests a target.
        { "STAP0281", "[Probe(\"begin\")] void B() { string t = \"struct file\"; Println(TypeDefined(/*@*/t) ? 1 : 0); }" },
        { "STAP0281", "[Probe(\"begin\")] void B() { Println(CastSizeof(/*@*/\"struct x; exit()\")); }" },
        { "STAP0281", "[Probe(\"begin\")] void B() { Println(TypeMemberDefined(\"struct task_struct\", /*@*/\"mm mm\") ? 1 : 0); }" },
        { "STAP0281", "[Probe(\"begin\")] void B() { Println(CastModuleSizeof(/*@*/\"ext4 x\", \"struct inode\")); }" },
        { "STAP0253", "[Probe(\"begin\")] void B() { Println(ChooseDefined(/*@*/Pid(), 0)); }" },
        // A capacity is a constant, or one of two constants chosen by build-time facts.
        { "STAP0009", "static int n = 5;\nstatic StapMap<long, long> m = new(maxEntries: /*@*/Kernel.Arch == \"x86_64\" ? n : 5);\n[Probe(\"begin\")] void B() { m[1] = 1; }" },
        { "STAP0009", "static int n = 5;\nstatic StapMap<long, long> m = new(/*@*/maxEntries: n);\n[Probe(\"begin\")] void B() { m[1] = 1; }" },
        // print, printd and their forms: a value to print, a constant delimiter, no bool.
        { "STAP0280", "[Probe(\"begin\")] void B() { /*@*/Print(); }" },
        { "STAP0280", "[Probe(\"begin\")] void B() { /*@*/Sprintdln(\",\"); }" },
        { "STAP0280", "[Probe(\"begin\")] void B() { string d = \",\"; Printd(/*@*/d, 1, 2); }" },
        { "STAP0010", "[Probe(\"begin\")] void B() { Println(1, /*@*/Pid() > 1); }" },
        // A cast to int is a shift count only, of a long.
        { "STAP0001", "static long n = 3;\n[Probe(\"begin\")] void B() { long x = /*@*/(int)n + 1; }" },
        // Target variable paths are constant names, ->members and [N] indexes.
        { "STAP0250", "[Probe(\"begin\")] void B() { string p = \"fd\"; long x = Var.Long(/*@*/p); }" },
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Var.Long(/*@*/\"$fd\"); }" },
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Var.Long(/*@*/\"fd; exit()\"); }" },
        { "STAP0250", "[Probe(\"begin\")] void B() { long x = Cast(0, \"task_struct\").Long(/*@*/\"->pid\"); }" },
        // @entry only in return probes.
        { "STAP0251", "[Probe(\"kernel.function(\\\"vfs_read\\\") ?\")] void B() { long x = /*@*/Entry(Var.Long(\"count\")); }" },
        // A helper using Entry is a macro: checked where it is used, against that probe's points.
        { "STAP0251", "static long F() => Entry(1L);\n[Probe(\"begin\")] void B() { long x = /*@*/F(); }" },
        // Defined(Entry(...)) guards only the branch it selects.
        { "STAP0251", "[Probe(\"begin\")] void B() { if (Defined(Entry(Var.Long(\"count\")))) { } else { long x = /*@*/Entry(Var.Long(\"count\")); } }" },
        { "STAP0251", "[Probe(\"begin\")] void B() { long x = Defined(Entry(Var.Long(\"count\"))) ? 0 : /*@*/Entry(Var.Long(\"count\")); }" },
        { "STAP0251", "[Probe(\"kernel.function(\\\"vfs_read\\\").return ?\")]\n[Probe(\"begin\")] void B() { long x = /*@*/Entry(1L); }" },
        // A parameter read in a return probe must say it is the entry value.
        { "STAP0252", "[Probe(\"kernel.function(\\\"vfs_read\\\").return ?\")] void B() { long x = /*@*/Var.Long(\"count\"); }" },
        { "STAP0252", "[ProbeAlias(\"rr\", \"kernel.function(\\\"vfs_read\\\").return ?\")] void A() { }\n[Probe(\"rr\")] void B() { long x = /*@*/Var.Long(\"count\"); }" },
        // @defined of a plain value.
        { "STAP0253", "[Probe(\"begin\")] void B() { bool d = Defined(/*@*/Pid()); }" },
        // @cast needs a C type name.
        { "STAP0254", "[Probe(\"begin\")] void B() { long x = Cast(0, /*@*/\"task_struct; x\").Long(\"pid\"); }" },
        { "STAP0254", "[Probe(\"begin\")] void B() { string m = \"kernel\"; long x = Cast(0, \"task_struct\", /*@*/m).Long(\"pid\"); }" },
        // Script arguments.
        { "STAP0255", "[/*@*/ScriptArgument(0)] static long A = 1;\n[Probe(\"begin\")] void B() { }" },
        { "STAP0255", "[ScriptArgument(1)] static long A = 1;\n[/*@*/ScriptArgument(1)] static long C = 1;\n[Probe(\"begin\")] void B() { }" },
        { "STAP0255", "[ScriptArgument(1)] static bool /*@*/A;\n[Probe(\"begin\")] void B() { }" },
        // Aliases.
        { "STAP0256", "[/*@*/ProbeAlias(\"my-alias\", \"begin\")] void A() { }\n[Probe(\"begin\")] void B() { }" },
        { "STAP0256", "[ProbeAlias(\"mine\", \"begin\")] void A() { long /*@*/next = 1; }\n[Probe(\"mine\")] void B() { }" },
        // Build-time conditions.
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.VersionAtLeast(\"5.0\") && /*@*/Pid() > 1) { } }" },
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.VersionAtLeast(/*@*/\"five\")) { } }" },
        { "STAP0257", "[Probe(\"begin\")] void B() { if (Kernel.Config(/*@*/\"SMP\") == \"y\") { } }" },
        // try/catch stap cannot express.
        { "STAP0258", "[Probe(\"begin\")] void B() { try { Exit(); } catch { } /*@*/finally { Exit(); } }" },
        { "STAP0258", "[Probe(\"begin\")] void B() { try { Exit(); } catch (/*@*/System.Exception) { } }" },
        { "STAP0258", "[Probe(\"begin\")] void B() { try { Exit(); } catch (StapException) { } /*@*/catch { } }" },
        { "STAP0258", "[Probe(\"begin\")] void B() { try { Exit(); } catch (StapException e) { Println(/*@*/e.StackTrace); } }" },
        // Embedded C only behind [Guru].
        { "STAP0259", "[EmbeddedC(\"STAP_RETVALUE = 1;\")] static extern long /*@*/One();\n[Probe(\"begin\")] void B() { Println(One()); }" },
        // Call(...) by a constant stap name.
        { "STAP0261", "[Probe(\"begin\")] void B() { long x = Call<long>(/*@*/\"task_current; exit\"); }" },
        { "STAP0261", "[Probe(\"begin\")] void B() { /*@*/Call<double>(\"task_current\"); }" },
        // Kernel facts are conditions, not values.
        { "STAP0262", "[Probe(\"begin\")] void B() { Println(/*@*/Kernel.Arch); }" },
        { "STAP0262", "[Probe(\"begin\")] void B() { bool b = /*@*/Kernel.VersionAtLeast(\"5.0\"); }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_id_at_exact_place(string id, string members) => MarkedSource.AssertReported(id, TestCompiler.Class(members));

    [Theory]
    [InlineData("[EmbeddedC(\"STAP_RETVALUE = 1;\")] static long /*@*/One() => 1;")]
    [InlineData("[/*@*/EmbeddedC(\"x %} probe begin { %{\")] static extern long One();")]
    public void Embedded_c_must_be_static_extern_and_closed(string member)
    {
        var source = TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n" + member + "\n[Probe(\"begin\")] void B() { Println(One()); }\n}\n";
        MarkedSource.AssertReported("STAP0260", source);
    }

    [Theory]
    [InlineData("", "[/*@*/EmbeddedC(\"#include <linux/fs.h>\")]")]
    [InlineData("[Guru]", "[/*@*/EmbeddedC(\"int x; %} probe begin { %{\")]")]
    [InlineData("[Guru]", "[/*@*/EmbeddedC(\" \")]")]
    public void Top_level_embedded_c_needs_guru_and_a_closed_block(string guru, string block)
    {
        var source = TestCompiler.Usings + guru + "\n" + block + "\npublic sealed class T : ProbeScript\n{\n[Probe(\"begin\")] void B() { Println(1); }\n}\n";
        MarkedSource.AssertReported("STAP0282", source);
    }

    [Fact]
    public void A_function_has_one_embedded_c_body()
    {
        var source = TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n[EmbeddedC(\"STAP_RETVALUE = 1;\")]\n[/*@*/EmbeddedC(\"STAP_RETVALUE = 2;\")]\nstatic extern long One();\n[Probe(\"begin\")] void B() { Println(One()); }\n}\n";
        MarkedSource.AssertReported("STAP0260", source);
    }

    [Fact]
    public void Top_level_embedded_c_makes_the_guru_header_name_embedded_C()
    {
        var script = TestCompiler.Single(TestCompiler.Usings + "[Guru]\n[EmbeddedC(\"#include <linux/fs.h>\")]\npublic sealed class T : ProbeScript\n{\n[Probe(\"begin\")] void B() { Println(1); }\n}\n");
        Assert.Contains("# Guru mode: this script holds embedded C and is built with stap -g.\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("\n%{\n  #include <linux/fs.h>\n%}\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guru_script_compiles_and_asks_for_stap_g()
    {
        var source = TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n[EmbeddedC(\"STAP_RETVALUE = 1;\")] static extern long One();\n[Probe(\"begin\")] void B() { Println(One()); }\n}\n";
        var script = TestCompiler.Single(source);
        Assert.True(script.RequiresGuru);
        Assert.Contains("function One:long ()\n%{\n  STAP_RETVALUE = 1;\n%}\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guru_header_says_embedded_C_only_where_there_is_some()
    {
        var withC = TestCompiler.Single(TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n[EmbeddedC(\"STAP_RETVALUE = 1;\")] static extern long One();\n[Probe(\"begin\")] void B() { Println(One()); }\n}\n");
        var withoutC = TestCompiler.Single(TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n[Probe(\"begin\")] void B() { Println(\"x\"); }\n}\n");

        Assert.Contains("# Guru mode: this script holds embedded C and is built with stap -g.\n", withC.Text, StringComparison.Ordinal);
        Assert.Contains("# Guru mode: this script is built with stap -g.\n", withoutC.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("embedded C", withoutC.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_arguments_are_listed_for_the_command_line()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            [ScriptArgument(2)] static string Name;
            [ScriptArgument(1)] static long Limit = 10;
            [Probe("begin")] void B() => Println($"{Name} {Limit}");
            """));
        Assert.Equal(
            [new ScriptArgumentInfo(1, "Limit", false, true), new ScriptArgumentInfo(2, "Name", true, false)],
            script.Arguments);
        Assert.Contains("global Name = @2\n", script.Text, StringComparison.Ordinal);
        Assert.Contains("global Limit = %( $# >= 1 %? $1 %: 10 %)\n", script.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Negated_and_nested_build_conditions_are_spread_into_stap_shape()
    {
        var script = TestCompiler.Single(TestCompiler.Class("""
            [Probe("begin")] void B()
            {
                if (!(Kernel.VersionBelow("5.0") || Kernel.Arch != "x86_64") && (Kernel.GuruMode || Kernel.Release == "6.1.*")) Println("a");
            }
            """));
        Assert.Contains("%( kernel_v >= \"5.0\" && arch == \"x86_64\" && guru_mode == 1 || kernel_v >= \"5.0\" && arch == \"x86_64\" && kernel_vr == \"6.1.*\" %?", script.Text, StringComparison.Ordinal);
    }
}
