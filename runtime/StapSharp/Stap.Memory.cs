namespace StapSharp;

// Memory reads: kernel (tapset/linux/conversions.stp) and user space (uconversions.stp).
// A bad address is a run-time error (catch it with try/catch), except for the *Warn and
// error-message forms, which return text instead.
public static partial class Stap
{
    /// <summary><c>kernel_string_n(addr, n)</c>: at most <paramref name="n"/> bytes of a kernel C string.</summary>
    [StapFunction("kernel_string_n")] public static string KernelStringN(long address, long n) => StapOnlyException.Throw<string>();

    /// <summary><c>kernel_string_quoted(addr)</c>: a kernel C string, quoted and escaped ("NULL" for 0).</summary>
    [StapFunction("kernel_string_quoted")] public static string KernelStringQuoted(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>kernel_buffer_quoted(addr, length)</c>: kernel bytes, quoted and escaped.</summary>
    [StapFunction("kernel_buffer_quoted")] public static string KernelBufferQuoted(long address, long length) => StapOnlyException.Throw<string>();

    /// <summary><c>kernel_long(addr)</c>.</summary>
    [StapFunction("kernel_long")] public static long KernelLong(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>kernel_int(addr)</c>.</summary>
    [StapFunction("kernel_int")] public static long KernelInt(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>kernel_short(addr)</c>.</summary>
    [StapFunction("kernel_short")] public static long KernelShort(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>kernel_char(addr)</c>.</summary>
    [StapFunction("kernel_char")] public static long KernelChar(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>kernel_pointer(addr)</c>.</summary>
    [StapFunction("kernel_pointer")] public static long KernelPointer(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_string_n(addr, n)</c>: at most <paramref name="n"/> bytes of a user-space C string.</summary>
    [StapFunction("user_string_n")] public static string UserStringN(long address, long n) => StapOnlyException.Throw<string>();

    /// <summary><c>user_string_n(addr, n, errorText)</c>: as <see cref="UserStringN(long, long)"/>, <paramref name="errorText"/> when unreadable.</summary>
    [StapFunction("user_string_n")] public static string UserStringN(long address, long n, string errorText) => StapOnlyException.Throw<string>();

    /// <summary><c>user_string2(addr, errorText)</c>: a user-space C string, <paramref name="errorText"/> when unreadable.</summary>
    [StapFunction("user_string2")] public static string UserString(long address, string errorText) => StapOnlyException.Throw<string>();

    /// <summary><c>user_string_quoted(addr)</c>: a user-space C string, quoted and escaped.</summary>
    [StapFunction("user_string_quoted")] public static string UserStringQuoted(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>user_string_n_quoted(addr, n)</c>.</summary>
    [StapFunction("user_string_n_quoted")] public static string UserStringNQuoted(long address, long n) => StapOnlyException.Throw<string>();

    /// <summary><c>user_string_warn(addr)</c>: a user-space C string, or a warning text when unreadable.</summary>
    [StapFunction("user_string_warn")] public static string UserStringWarn(long address) => StapOnlyException.Throw<string>();

    /// <summary><c>user_long(addr)</c>.</summary>
    [StapFunction("user_long")] public static long UserLong(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_ulong(addr)</c>.</summary>
    [StapFunction("user_ulong")] public static long UserULong(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_int(addr)</c>.</summary>
    [StapFunction("user_int")] public static long UserInt(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_short(addr)</c>.</summary>
    [StapFunction("user_short")] public static long UserShort(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_ushort(addr)</c>.</summary>
    [StapFunction("user_ushort")] public static long UserUShort(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_char(addr)</c>.</summary>
    [StapFunction("user_char")] public static long UserChar(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_int8(addr)</c>.</summary>
    [StapFunction("user_int8")] public static long UserInt8(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_uint8(addr)</c>.</summary>
    [StapFunction("user_uint8")] public static long UserUInt8(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_int16(addr)</c>.</summary>
    [StapFunction("user_int16")] public static long UserInt16(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_uint16(addr)</c>.</summary>
    [StapFunction("user_uint16")] public static long UserUInt16(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_int32(addr)</c>.</summary>
    [StapFunction("user_int32")] public static long UserInt32(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_uint32(addr)</c>.</summary>
    [StapFunction("user_uint32")] public static long UserUInt32(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_int64(addr)</c>.</summary>
    [StapFunction("user_int64")] public static long UserInt64(long address) => StapOnlyException.Throw<long>();

    /// <summary><c>user_uint64(addr)</c>.</summary>
    [StapFunction("user_uint64")] public static long UserUInt64(long address) => StapOnlyException.Throw<long>();
}
