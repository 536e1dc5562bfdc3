using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>Every probe point form of the SystemTap quick start parses and prints canonically.</summary>
public class ProbePointFormsTests
{
    public static TheoryData<string, string> ValidForms => new()
    {
        // DWARF kernel probes.
        { """kernel.function("foo")""", """kernel.function("foo")""" },
        { """kernel.function("sys_mkdir").return""", """kernel.function("sys_mkdir").return""" },
        { """kernel.function("foo").call""", """kernel.function("foo").call""" },
        { """kernel.function("*@fs/open.c")""", """kernel.function("*@fs/open.c")""" },
        { """kernel.statement("*@fs/open.c:123")""", """kernel.statement("*@fs/open.c:123")""" },
        { """module("ext4").function("ext4_*").return.maxactive(32)""", """module("ext4").function("ext4_*").return.maxactive(32)""" },
        // User space.
        { """process("/bin/vi").statement(0x2222)""", """process("/bin/vi").statement(0x2222)""" },
        { """process("/bin/ls").function("main")""", """process("/bin/ls").function("main")""" },
        { "process.begin", "process.begin" },
        { "process(1234).end", "process(1234).end" },
        // Optional and sufficient markers.
        { """kernel.function("no_such_function") ?""", """kernel.function("no_such_function") ?""" },
        { """kernel.function("no_such_function")?""", """kernel.function("no_such_function") ?""" },
        { """module("awol").function("no_such_function") !""", """module("awol").function("no_such_function") !""" },
        // Conditions.
        { "signal.*? if (switch)", "signal.* ? if (switch)" },
        { "timer.s(60) if (notify_p)", "timer.s(60) if (notify_p)" },
        { "begin if(a&&b||!c)", "begin if (a && b || !c)" },
        // DWARF-less and tracepoints.
        { """kprobe.function("foo")""", """kprobe.function("foo")""" },
        { """kprobe.module("ext4").function("ext4_sync_fs").return""", """kprobe.module("ext4").function("ext4_sync_fs").return""" },
        { """kernel.trace("sched:sched_switch")""", """kernel.trace("sched:sched_switch")""" },
        // Wildcards.
        { "syscall.*", "syscall.*" },
        { """kernel.function("sys_*")""", """kernel.function("sys_*")""" },
        { "vfs.**", "vfs.**" },
        { "nd_syscall.open*.return", "nd_syscall.open*.return" },
        // Brace expansion.
        { "syscall.{open,close}", "syscall.{open,close}" },
        { "syscall.{ open , close , read , write }", "syscall.{open,close,read,write}" },
        { """kernel.{trace("a")!, trace("b")}""", """kernel.{trace("a") !,trace("b")}""" },
        { """{kernel,module("ext4")}.function("x").return ?""", """{kernel,module("ext4")}.function("x").return ?""" },
        // Tapset aliases and specials.
        { "syscall.mkdir", "syscall.mkdir" },
        { "syscall_any.return", "syscall_any.return" },
        { "timer.s(5)", "timer.s(5)" },
        { "timer.ms(100).randomize(10)", "timer.ms(100).randomize(10)" },
        { "timer.profile", "timer.profile" },
        { "begin", "begin" },
        { "end", "end" },
        { "error", "error" },
        { "begin(-1)", "begin(-1)" },
        { "end(- 5)", "end(-5)" },
        { "perf.sw.cpu_clock.sample(1000000)", "perf.sw.cpu_clock.sample(1000000)" },
        { "python3.module(\"x\").function(\"f\")", "python3.module(\"x\").function(\"f\")" },
        // Lists, and whitespace where stap allows it.
        { "timer.s(10), end, error", "timer.s(10), end, error" },
        { "timer.s(10),end ,error", "timer.s(10), end, error" },
        { "  kernel . function ( \"x\" ) ?  if ( a )  ", "kernel.function(\"x\") ? if (a)" },
        { "begin\n,\tend", "begin, end" },
        // Integer spellings keep their radix.
        { "kernel.statement(0XFF)", "kernel.statement(0xff)" },
        { "begin(017)", "begin(017)" },
        { "begin(00)", "begin(00)" },
        { "begin(-9223372036854775808)", "begin(-9223372036854775808)" },
        { "begin(9223372036854775807)", "begin(9223372036854775807)" },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Parses_and_prints_canonically(string text, string canonical)
    {
        var points = ProbePointParserAssert.Parses(text);

        Assert.Equal(canonical, ProbePointPrinter.Print(points));
        Assert.Equal(points, ProbePointParserAssert.Parses(canonical));
    }

    [Fact]
    public void Return_probe_has_the_expected_shape()
    {
        var points = ProbePointParserAssert.Parses("""kernel.function("sys_mkdir").return ?""");

        var point = Assert.Single(points.Points);
        Assert.Equal(
            [new NamedComponent("kernel"), new NamedComponent("function", new StringLiteral("sys_mkdir")), new NamedComponent("return")],
            point.Components);
        Assert.Equal(Optionality.Optional, point.Optionality);
        Assert.Null(point.Condition);
    }

    [Fact]
    public void Brace_group_holds_its_alternatives_as_points()
    {
        var point = Assert.Single(ProbePointParserAssert.Parses("""kernel.{trace("a") !, trace("b")}""").Points);

        var group = Assert.IsType<BraceGroupComponent>(point.Components[1]);
        Assert.Equal(2, group.Alternatives.Count);
        Assert.Equal(Optionality.Sufficient, group.Alternatives[0].Optionality);
        Assert.Equal(new NamedComponent("trace", new StringLiteral("b")), Assert.Single(group.Alternatives[1].Components));
    }

    [Fact]
    public void Comma_list_gives_one_point_per_entry()
    {
        var points = ProbePointParserAssert.Parses("timer.s(10), end, error");

        Assert.Equal(["timer.s(10)", "end", "error"], points.Points.Select(point => ProbePointPrinter.Print(point)));
    }

    [Fact]
    public void Integer_arguments_keep_value_and_radix()
    {
        var point = Assert.Single(ProbePointParserAssert.Parses("process(\"/bin/vi\").statement(0x2222)").Points);

        Assert.Equal(new NamedComponent("statement", new IntegerLiteral(0x2222, IntegerRadix.Hexadecimal)), point.Components[1]);
    }

    [Fact]
    public void Condition_is_an_expression_tree_with_stap_precedence()
    {
        var point = Assert.Single(ProbePointParserAssert.Parses("begin if (a == 1 < 2 & b || -c * 3 + d)").Points);

        // Comparisons share one level and bind tighter than '&', as in stap.
        var expected = new BinaryExpr(BinaryOperator.LogicalOr,
            new BinaryExpr(BinaryOperator.BitwiseAnd,
                new BinaryExpr(BinaryOperator.Less,
                    new BinaryExpr(BinaryOperator.Equal, new IdentifierExpr("a"), Integer(1)),
                    Integer(2)),
                new IdentifierExpr("b")),
            new BinaryExpr(BinaryOperator.Add,
                new BinaryExpr(BinaryOperator.Multiply, new UnaryExpr(UnaryOperator.Negate, new IdentifierExpr("c")), Integer(3)),
                new IdentifierExpr("d")));
        Assert.Equal(expected, point.Condition);
        Assert.Equal(["a", "b", "c", "d"], point.Condition!.Identifiers);
    }

    [Fact]
    public void Condition_identifiers_are_collected_from_brace_groups_too()
    {
        var points = ProbePointParserAssert.Parses("{begin if (x), end if (y && x)} if (z), error if (x)");

        Assert.Equal(["z", "x", "y"], points.ConditionIdentifiers);
    }

    [Theory]
    [InlineData("begin if (a - (b - c))", "begin if (a - (b - c))")]
    [InlineData("begin if ((a - b) - c)", "begin if (a - b - c)")]
    [InlineData("begin if ((a || b) && c)", "begin if ((a || b) && c)")]
    [InlineData("begin if (!(a))", "begin if (!a)")]
    [InlineData("begin if (!(a + 1))", "begin if (!(a + 1))")]
    [InlineData("begin if (- -a)", "begin if (- -a)")]
    [InlineData("begin if (-(-1))", "begin if (- -1)")]
    [InlineData("begin if (!(~a))", "begin if (! ~a)")]
    [InlineData("begin if (!(!a))", "begin if (!!a)")]
    [InlineData("begin if (~a ^ b | c)", "begin if (~a ^ b | c)")]
    [InlineData("begin if (a % (b))", "begin if (a % b)")]
    [InlineData("begin if (a/b>=c)", "begin if (a / b >= c)")]
    [InlineData("begin if (s != \"x\")", "begin if (s != \"x\")")]
    public void Conditions_print_with_minimal_parentheses(string text, string canonical) =>
        Assert.Equal(canonical, ProbePointPrinter.Print(ProbePointParserAssert.Parses(text)));

    private static LiteralExpr Integer(long value) => new(new IntegerLiteral(value));
}
