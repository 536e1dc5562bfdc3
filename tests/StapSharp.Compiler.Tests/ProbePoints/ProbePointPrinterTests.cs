using StapSharp.Compiler.IR;
using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Tests.ProbePoints;

/// <summary>Condition identifiers are renamed on the AST; the printer refuses ASTs that are not probe point syntax.</summary>
public class ProbePointPrinterTests
{
    [Fact]
    public void Renames_condition_identifiers_everywhere_in_the_point()
    {
        var point = Assert.Single(ProbePointParserAssert.Parses("{begin if (Enabled), end} if (Enabled && Count > 1)").Points);

        var printed = ProbePointPrinter.Print(point.WithIdentifiers(name => "g_" + name.ToLowerInvariant()));

        Assert.Equal("{begin if (g_enabled),end} if (g_enabled && g_count > 1)", printed);
    }

    [Fact]
    public void Renames_in_a_whole_list()
    {
        var renamed = ProbePointParserAssert.Parses("begin if (switch), end").Points.Select(p => p.WithIdentifiers(name => "s_" + name)).ToList();

        Assert.Equal("begin if (s_switch), end", ProbePointPrinter.Print(new ProbePointList(renamed)));
    }

    [Theory]
    [InlineData("x) } probe end { system(\"id\")")]
    [InlineData("if")]
    [InlineData("")]
    [InlineData("1x")]
    public void Rejects_a_rename_that_is_not_a_global_name(string renamed)
    {
        var point = Assert.Single(ProbePointParserAssert.Parses("begin if (a)").Points);

        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(point.WithIdentifiers(_ => renamed)));
    }

    [Theory]
    [InlineData("begin { system(\"id\") }")]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("9")]
    public void Rejects_a_component_name_that_is_not_a_name(string name)
    {
        var point = new ProbePoint([new NamedComponent(name)], Optionality.None, null);

        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(point));
    }

    [Fact]
    public void Rejects_empty_lists()
    {
        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(new ProbePointList([])));
        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(new ProbePoint([], Optionality.None, null)));
        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(new ProbePoint([new BraceGroupComponent([])], Optionality.None, null)));
    }

    [Theory]
    [InlineData(BinaryOperator.ShiftLeft)]
    [InlineData(BinaryOperator.ShiftRight)]
    [InlineData(BinaryOperator.UnsignedShiftRight)]
    [InlineData(BinaryOperator.Concatenate)]
    public void Rejects_an_operator_that_conditions_do_not_allow(BinaryOperator op)
    {
        var point = new ProbePoint([new NamedComponent("begin")], Optionality.None,
            new BinaryExpr(op, new IdentifierExpr("a"), new IdentifierExpr("b")));

        Assert.Throws<ArgumentException>(() => ProbePointPrinter.Print(point));
    }

    [Fact]
    public void Records_compare_by_structure_whatever_the_list_type()
    {
        var fromArray = new ProbePoint([new NamedComponent("begin")], Optionality.None, null);
        var fromList = new ProbePoint(new List<PointComponent> { new NamedComponent("begin") }, Optionality.None, null);

        Assert.Equal(fromArray, fromList);
        Assert.Equal(fromArray.GetHashCode(), fromList.GetHashCode());
        Assert.Equal("begin", fromList.ToString());
    }

    [Theory]
    [InlineData(-5, IntegerRadix.Decimal, "-5")]
    [InlineData(255, IntegerRadix.Hexadecimal, "0xff")]
    [InlineData(-255, IntegerRadix.Hexadecimal, "-0xff")]
    [InlineData(8, IntegerRadix.Octal, "010")]
    [InlineData(0, IntegerRadix.Octal, "00")]
    [InlineData(long.MinValue, IntegerRadix.Hexadecimal, "-0x8000000000000000")]
    [InlineData(long.MinValue, IntegerRadix.Octal, "-01000000000000000000000")]
    public void Integers_print_in_their_radix(long value, IntegerRadix radix, string printed)
    {
        var point = new ProbePoint([new NamedComponent("begin", new IntegerLiteral(value, radix))], Optionality.None, null);

        Assert.Equal($"begin({printed})", ProbePointPrinter.Print(point));
        Assert.Equal(point, Assert.Single(ProbePointParserAssert.Parses($"begin({printed})").Points));
    }
}
