using System.Runtime.InteropServices;

namespace StapSharp.Runtime.Tests.ErrnoTable;

/// <summary>The errno table against this machine's kernel headers and glibc, and its parsing and printing.</summary>
public sealed class ErrnoTests
{
    [DllImport("libc", EntryPoint = "strerror")]
    private static extern IntPtr StrError(int number);

    private static string LibcMessage(int number) => Marshal.PtrToStringUTF8(StrError(number))!;

    [RequiresErrnoHeadersFact]
    public void Every_header_number_has_its_name_in_the_table()
    {
        var numbers = ErrnoHeaders.Numbers();
        Assert.True(numbers.Count > 100, $"read only {numbers.Count} defines from the headers");
        foreach (var (name, number) in numbers)
        {
            var errno = new Errno(number);
            Assert.True(errno.IsKnown, $"{name} = {number} is in the headers but not in the table");
            Assert.Equal(name, errno.Name);
        }
    }

    [RequiresErrnoHeadersFact]
    public void Every_table_entry_is_in_the_headers_and_nothing_beyond_the_highest_number()
    {
        var numbers = ErrnoHeaders.Numbers();
        foreach (var errno in Errno.All)
        {
            Assert.True(numbers.TryGetValue(errno.Name!, out var number) && number == errno.Number,
                $"{errno.Name} = {errno.Number} is not defined so in the headers");
        }
        // A new kernel number fails here until the table has it.
        var highest = numbers.Values.Max();
        Assert.True(highest == Errno.MaxKnownNumber, $"the headers define numbers up to {highest}, the table up to {Errno.MaxKnownNumber}");
        Assert.Equal(numbers.Count, Errno.All.Count);
    }

    [RequiresErrnoHeadersFact]
    public void Aliases_match_the_headers()
    {
        var headerAliases = ErrnoHeaders.Aliases();
        Assert.Equal(headerAliases.Keys.Order(), Errno.Aliases.Select(a => a.Key).Order());
        foreach (var (alias, errno) in Errno.Aliases)
        {
            Assert.Equal(headerAliases[alias], errno.Name);
            Assert.True(Errno.TryFromName(alias, out var parsed));
            Assert.Equal(errno, parsed);
        }
    }

    [Fact]
    public void Every_message_is_glibcs_strerror_text()
    {
        for (var number = 0; number <= Errno.MaxKnownNumber + 2; number++)
        {
            Assert.Equal(LibcMessage(number), new Errno(number).Message);
        }

        Assert.Equal(LibcMessage(4095), new Errno(-4095).Message);
    }

    [Fact]
    public void The_table_covers_1_to_133_but_the_two_unassigned_numbers()
    {
        var numbers = Errno.All.Select(e => e.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 133).Except([41, 58]), numbers);
        Assert.False(new Errno(41).IsKnown);
        Assert.False(new Errno(58).IsKnown);
    }

    [Theory]
    [InlineData(-17, "EEXIST (File exists)")]
    [InlineData(17, "EEXIST (File exists)")]
    [InlineData(-5, "EIO (Input/output error)")]
    [InlineData(11, "EAGAIN (Resource temporarily unavailable)")]
    [InlineData(133, "EHWPOISON (Memory page has hardware error)")]
    [InlineData(0, "0 (Success)")]
    [InlineData(41, "41 (Unknown error 41)")]
    [InlineData(-999, "999 (Unknown error 999)")]
    public void Prints_name_and_message(long value, string expected)
    {
        Assert.Equal(expected, new Errno(value).ToString());
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("-5", 5)]
    [InlineData(" EIO ", 5)]
    [InlineData("eio", 5)]
    [InlineData("EWOULDBLOCK", 11)]
    [InlineData("EDEADLOCK", 35)]
    [InlineData("999", 999)]
    public void Parses_names_and_numbers(string text, int number)
    {
        Assert.True(Errno.TryParse(text, out var errno));
        Assert.Equal(number, errno.Number);
        Assert.Equal(number, Errno.Parse(text).Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ENOTANERROR")]
    [InlineData("E IO")]
    [InlineData("5x")]
    [InlineData("99999999999")]
    public void Rejects_what_is_neither_a_name_nor_a_number(string text)
    {
        Assert.False(Errno.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Errno.Parse(text));
        Assert.Contains("write a number (5 or -5) or a name such as EIO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sign_does_not_change_which_error_it_is()
    {
        Assert.Equal(new Errno(-17), new Errno(17));
        Assert.Equal(-17, new Errno(-17).Value);
        Assert.NotEqual(new Errno(-17), new Errno(-2));
    }
}
