// Source: systemtap
// Original: testsuite/systemtap.base/set_kernel.stp
// Area: tapset
// Faithful: yes
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The set_kernel_* functions write kernel memory, and fail on a bad address.</summary>
[Guru]
public sealed class SetKernelMemory : ProbeScript
{
    [Probe("begin")]
    void Begin() => Println("systemtap starting probe");

    [Probe("end")]
    void End() => Println("systemtap ending probe");

    static long errors = 0;

    static long assert_string(string test, string expected, string value)
    {
        if (value == expected)
        {
            return 1;
        }

        Printf("systemtap test failure - %s: expected \"%s\", got \"%s\"\n", test, expected, value);
        errors++;
        return 0;
    }

    static long assert_number(string test, long expected, long value)
    {
        if (value == expected)
        {
            return 1;
        }

        Printf("systemtap test failure - %s: expected %#x, got %#x\n", test, expected, value);
        errors++;
        return 0;
    }

    static void assert_not_reached(string test)
    {
        Printf("systemtap test failure - %s: missing exception\n", test);
        errors++;
    }

    [Probe("end(1)")]
    void Check()
    {
        var test = "set_kernel_string";
        var addr = get_buffer();
        if (assert_string(test, "", KernelString(addr)) != 0)
        {
            Call("set_kernel_string", addr, "foobar");
            assert_string(test, "foobar", KernelString(addr));
        }
        try
        {
            Call("set_kernel_string", -1, "foobar");
            assert_not_reached(test);
        }
        catch
        {
        }

        test = "set_kernel_string_n";
        addr = get_buffer();
        if (assert_string(test, "", KernelString(addr)) != 0)
        {
            Call("set_kernel_string_n", addr, 10, "foobar");
            if (assert_string(test, "foobar", KernelString(addr)) != 0)
            {
                Call("set_kernel_string_n", addr, 3, "foobar");
                assert_string(test, "foo", KernelString(addr));
            }
        }
        try
        {
            Call("set_kernel_string_n", -1, 10, "foobar");
            assert_not_reached(test);
        }
        catch
        {
        }

        // Be sure to also test in the other direction:
        test = "kernel_string_n";
        addr = get_buffer();
        if (assert_string(test, "", KernelStringN(addr, 0)) != 0)
        {
            Call("set_kernel_string_n", addr, 7, "potatoe");
            if (assert_string(test, "potatoe", KernelStringN(addr, 7)) != 0)
            {
                assert_string(test, "potato", KernelStringN(addr, 6));
            }
        }
        try
        {
            Println(KernelStringN(-1, 10));
            assert_not_reached(test);
        }
        catch
        {
        }

        test = "set_kernel_long";
        addr = get_buffer();
        var long_val = Kernel.Config("CONFIG_64BIT") == "y" ? 0x123456789ABCDEF0 : 0x12345678;
        if (assert_number(test, 0, KernelLong(addr)) != 0)
        {
            Call("set_kernel_long", addr, long_val);
            assert_number(test, long_val, KernelLong(addr));
        }
        try
        {
            Call("set_kernel_long", -1, 42);
            assert_not_reached(test);
        }
        catch
        {
        }

        test = "set_kernel_int";
        addr = get_buffer();
        if (assert_number(test, 0, KernelInt(addr)) != 0)
        {
            Call("set_kernel_int", addr, 0x12345678);
            assert_number(test, 0x12345678, KernelInt(addr));
        }
        try
        {
            Call("set_kernel_int", -1, 42);
            assert_not_reached(test);
        }
        catch
        {
        }

        test = "set_kernel_short";
        addr = get_buffer();
        if (assert_number(test, 0, KernelShort(addr)) != 0)
        {
            Call("set_kernel_short", addr, 0x1234);
            assert_number(test, 0x1234, KernelShort(addr));
        }
        try
        {
            Call("set_kernel_short", -1, 42);
            assert_not_reached(test);
        }
        catch
        {
        }

        test = "set_kernel_char";
        addr = get_buffer();
        if (assert_number(test, 0, KernelChar(addr)) != 0)
        {
            Call("set_kernel_char", addr, 0x12);
            assert_number(test, 0x12, KernelChar(addr));
        }
        try
        {
            Call("set_kernel_char", -1, 42);
            assert_not_reached(test);
        }
        catch
        {
        }

        if (errors == 0)
        {
            Println("systemtap test success");
        }
    }

    [EmbeddedC("""
        static char buffer[MAXSTRINGLEN];
        memset(buffer, 0, sizeof(buffer));
        STAP_RETVALUE = (long)buffer;
        """)]
    static extern long get_buffer();
}
