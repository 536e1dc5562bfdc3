namespace StapSharp.Compiler.Tests.Ports;

/// <summary>The normalisation that port and original dumps are compared under: what it forgives and what it keeps.</summary>
public sealed class ParseTreeDumpTests
{
    private const string Head = "# parse tree dump\n# file /tmp/a/one.stp\n";

    [Fact]
    public void File_line_and_global_order_do_not_matter()
    {
        var one = Head + "global b\nglobal a\nprobe begin{\nexit();\n}\n";
        var two = "# parse tree dump\n# file /elsewhere/two.stp\nglobal a\nglobal b\nprobe begin{\nexit();\n}\n";
        Assert.Equal(ParseTreeDump.Normalize(one), ParseTreeDump.Normalize(two));
    }

    [Fact]
    public void A_single_statement_body_equals_its_braced_block()
    {
        // stap prints "if (a) (b)++" then "else {...}" for unbraced, and nested blocks for braced bodies.
        var bare = Head + "global a, b\nprobe end{\nif (a) (b)++\nelse (b)--\n;\nforeach ([k] in a) println(k);\n}\n";
        var braced = Head + "global a, b\nprobe end{\nif (a) {\n(b)++;\n}\nelse {\n(b)--;\n}\n;\nforeach ([k] in a) {\nprintln(k);\n};\n}\n";
        Assert.Equal(ParseTreeDump.Normalize(bare), ParseTreeDump.Normalize(braced));
    }

    [Fact]
    public void Nested_blocks_and_empty_statements_are_flattened()
    {
        var nested = Head + "probe begin{\n{\nx = 1;\n{\n;\ny = 2;\n};\n};\n;\n}\n";
        var flat = Head + "probe begin{\nx = 1;\ny = 2;\n}\n";
        Assert.Equal(ParseTreeDump.Normalize(flat), ParseTreeDump.Normalize(nested));
    }

    [Fact]
    public void Functions_are_sorted_but_probe_order_is_kept()
    {
        var fg = Head + "probe begin{\n}\nfunction f (x)\n{\nreturn x;\n}\nfunction g ()\n{\nreturn 1;\n}\n";
        var gf = Head + "probe begin{\n}\nfunction g ()\n{\nreturn 1;\n}\nfunction f (x)\n{\nreturn x;\n}\n";
        Assert.Equal(ParseTreeDump.Normalize(fg), ParseTreeDump.Normalize(gf));

        var beginEnd = Head + "probe begin{\n}\nprobe end{\n}\n";
        var endBegin = Head + "probe end{\n}\nprobe begin{\n}\n";
        Assert.NotEqual(ParseTreeDump.Normalize(beginEnd), ParseTreeDump.Normalize(endBegin));
    }

    [Fact]
    public void Expressions_names_and_else_branches_are_compared_as_printed()
    {
        var one = Head + "probe begin{\nif ((x) > (1)) y = 1\n;\n}\n";
        Assert.NotEqual(ParseTreeDump.Normalize(one), ParseTreeDump.Normalize(one.Replace("y = 1", "z = 1", StringComparison.Ordinal)));
        Assert.NotEqual(ParseTreeDump.Normalize(one), ParseTreeDump.Normalize(one.Replace("y = 1\n;", "y = 1\nelse y = 2\n;", StringComparison.Ordinal)));
    }

    [Fact]
    public void Headers_with_strings_holding_parentheses_are_read_whole()
    {
        var dump = Head + "probe begin{\nif ((s) == (\")(\")) println(\"a) {\")\n;\n}\n";
        Assert.Equal("probe begin\n{\n  if ((s) == (\")(\"))\n  {\n    println(\"a) {\")\n  }\n}\n", ParseTreeDump.Normalize(dump));
    }

    [Fact]
    public void The_normal_form_reads_back_unchanged()
    {
        var dump = Head + "global a\nprobe begin{\nif (a) (b)++\nelse if (c) d = 1\nelse {\ne = 2;\n}\n;\nfor (; (n) > (0); ) (n)--;\n}\nfunction f (x)\n{\nreturn x;\n}\n";
        var normal = ParseTreeDump.Normalize(dump);
        Assert.Equal(normal, ParseTreeDump.Normalize(normal));
    }

    [Fact]
    public void A_statistics_sort_without_aggregate_is_not_a_count_sort()
    {
        // stap sorts both by @count, but they are two spellings: a port writes the one its original has.
        var plain = Head + "global s\nprobe end{\nforeach ([k] in s- limit 10) println(k);\n}\n";
        var counted = Head + "global s\nprobe end{\nforeach ([k] in s @count- limit 10) println(k);\n}\n";
        Assert.NotEqual(ParseTreeDump.Normalize(plain), ParseTreeDump.Normalize(counted));
    }

    [Fact]
    public void An_if_on_a_long_equals_its_comparison_with_zero()
    {
        static string If(string condition) => ParseTreeDump.Normalize(Head + "probe end{\nif (" + condition + ") next\n;\n}\n");
        Assert.Equal(If("enable"), If("(enable) != (0)"));
        Assert.Equal(If("(a) + (b)"), If("((a) + (b)) != (0)"));
        Assert.Equal(If("!(user_mode())"), If("(user_mode()) == (0)"));
        Assert.NotEqual(If("(a) != (0)"), If("(a) != (1)"));
        Assert.NotEqual(If("b"), If("(a) || (b) != (0)"));
        Assert.NotEqual(If("(a) != (0)"), If("(a) != (\")(\") != (0)"));
    }

    [Fact]
    public void Integer_constant_arithmetic_is_folded()
    {
        static string Return(string value) => ParseTreeDump.Normalize(Head + "function f (b)\n{\nreturn (b) > (" + value + ");\n}\n");
        Assert.Equal(Return("1073741824"), Return("((1024) * (1024)) * (1024)"));
        Assert.Equal(Return("f(3)"), Return("f((1) + (2))"));
        Assert.NotEqual(Return("1073741824"), Return("((1024) * (1024)) * (b)"));
        Assert.Equal(Return("(2) - (7)"), Return("(2) - (7)")); // negative results stay as written
    }

    [Fact]
    public void A_long_as_a_ternary_condition_equals_its_comparison_with_zero()
    {
        static string Print(string expression) => ParseTreeDump.Normalize(Head + "probe end{\nprintln(" + expression + ");\n}\n");
        Assert.Equal(Print("(@count(s[k]))?((@sum(s[k])) >> (10)):(0)"), Print("((@count(s[k])) != (0))?((@sum(s[k])) >> (10)):(0)"));
        Assert.Equal(Print("(e)?(errno_str(e)):(\"\")"), Print("((e) != (0))?(errno_str(e)):(\"\")"));
        Assert.NotEqual(Print("(e)?(1):(2)"), Print("((e) != (1))?(1):(2)"));
    }

    [Fact]
    public void A_dump_it_cannot_read_is_an_error_naming_the_line()
    {
        var error = Assert.Throws<FormatException>(() => ParseTreeDump.Normalize(Head + "probe begin{\nx = 1;\n}\n@define m %( 1 %)\n"));
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_and_catch_bodies_are_blocks_like_any_other_and_the_catch_variable_counts()
    {
        // stap prints "try {" then the body block, "} catch (msg) {" then the handler block, then ";".
        const string Bare = "probe begin{\ntry {\n{\nx = 1;\n}\n} catch (msg) {\n{\nprintln(msg);\n}\n}\n;\nexit();\n}\n";
        const string Nested = "probe begin{\ntry {\n{\n{\nx = 1;\n};\n}\n} catch (msg) {\n{\n;\nprintln(msg);\n}\n}\n;\nexit();\n}\n";
        Assert.Equal(ParseTreeDump.Normalize(Head + Bare), ParseTreeDump.Normalize(Head + Nested));
        Assert.NotEqual(ParseTreeDump.Normalize(Head + Bare), ParseTreeDump.Normalize(Head + Bare.Replace("catch (msg)", "catch (e)", StringComparison.Ordinal)));
        Assert.NotEqual(ParseTreeDump.Normalize(Head + Bare), ParseTreeDump.Normalize(Head + Bare.Replace("x = 1;", "x = 2;", StringComparison.Ordinal)));
        Assert.Contains("try\n  {\n    x = 1\n  }\n  catch (msg)\n  {\n    println(msg)\n  }\n  exit()\n", ParseTreeDump.Normalize(Head + Bare), StringComparison.Ordinal);
        // A recorded dump is normalised output: reading it again changes nothing, try blocks included.
        Assert.Equal(ParseTreeDump.Normalize(Head + Bare), ParseTreeDump.Normalize(ParseTreeDump.Normalize(Head + Bare)));
    }

    [Fact]
    public void Embedded_c_is_compared_line_by_line_without_its_layout()
    {
        // stap prints a top-level block's "%}" and the next item on one line.
        const string Original = "%{\n#include <linux/sched.h>\n\nstatic int n;\n%}probe begin{\n}\nfunction f ()\n%{\n    STAP_RETURN(n);\n%}\n";
        const string Indented = "%{\n  #include <linux/sched.h>\n  \n  static int n;\n%}\nprobe begin{\n}\nfunction f ()\n%{\n  STAP_RETURN(n);\n%}\n";
        Assert.Equal(ParseTreeDump.Normalize(Head + Original), ParseTreeDump.Normalize(Head + Indented));
        Assert.NotEqual(ParseTreeDump.Normalize(Head + Original), ParseTreeDump.Normalize(Head + Original.Replace("STAP_RETURN(n)", "STAP_RETURN(0)", StringComparison.Ordinal)));
        Assert.NotEqual(ParseTreeDump.Normalize(Head + Original), ParseTreeDump.Normalize(Head + Original.Replace("static int n;", "static long n;", StringComparison.Ordinal)));
        Assert.Equal("%{\n#include <linux/sched.h>\nstatic int n;\n%}\nfunction f ()\n%{\nSTAP_RETURN(n);\n%}\nprobe begin\n{\n}\n", ParseTreeDump.Normalize(Head + Original));
    }
}
