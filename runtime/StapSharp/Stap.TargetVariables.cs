namespace StapSharp;

public static partial class Stap
{
    /// <summary>
    /// <c>@entry(value)</c>: <paramref name="value"/> evaluated when the probed function was entered,
    /// read in its <c>.return</c> probe: <c>GetTimeOfDayUs() - Entry(GetTimeOfDayUs())</c>,
    /// <c>Entry(Var.Long("count"))</c>. Only in probes whose every point is a <c>.return</c>.
    /// </summary>
    [StapFunction("@entry")]
    public static T Entry<T>(T value) => StapOnlyException.Throw<T>();

    /// <summary>
    /// <c>@defined(target)</c>: whether a target variable or member resolves at this probe point
    /// (decided when the script is built): <c>Defined(Var.Long("flags")) ? Var.Long("flags") : 0</c>.
    /// </summary>
    [StapFunction("@defined")]
    public static bool Defined<T>(T target) => StapOnlyException.Throw<bool>();

    /// <summary>
    /// <c>@choose_defined(value, alternate)</c>: <paramref name="valueIfDefined"/> (a target variable or member) where it
    /// resolves at this probe point, else <paramref name="alternate"/>; decided when the script is built.
    /// </summary>
    [StapFunction("@choose_defined")]
    public static T ChooseDefined<T>(T valueIfDefined, T alternate) => StapOnlyException.Throw<T>();

    /// <summary><c>@type_defined("struct x")</c>: whether the kernel's debuginfo has the C type; decided when the script is built.</summary>
    [StapFunction("@type_defined")]
    public static bool TypeDefined(string type) => StapOnlyException.Throw<bool>();

    /// <summary><c>@type_member_defined("struct x", member)</c>: whether the kernel's C type has the member (a name, or a path such as <c>a-&gt;b</c>).</summary>
    [StapFunction("@type_member_defined")]
    public static bool TypeMemberDefined(string type, string member) => StapOnlyException.Throw<bool>();

    /// <summary><c>@cast_sizeof("struct x")</c>: the size in bytes of a kernel C type.</summary>
    [StapFunction("@cast_sizeof")]
    public static long CastSizeof(string type) => StapOnlyException.Throw<long>();

    /// <summary><c>@cast_module_sizeof("module", "struct x")</c>: the size in bytes of a C type of a module or program.</summary>
    [StapFunction("@cast_module_sizeof")]
    public static long CastModuleSizeof(string module, string type) => StapOnlyException.Throw<long>();

    /// <summary>
    /// <c>@cast(pointer, "type", "module")</c>: <paramref name="pointer"/> seen as a pointer to the C type
    /// <paramref name="type"/> (e.g. <c>"task_struct"</c>, <c>"struct file"</c>), looked up in
    /// <paramref name="module"/> (<c>"kernel"</c>, a module name, <c>"kernel&lt;linux/sched.h&gt;"</c>,
    /// <c>"&lt;sys/time.h&gt;"</c>). Read members with <see cref="TypedPointer.Long(string)"/> and friends.
    /// </summary>
    [StapFunction("@cast")]
    public static TypedPointer Cast(long pointer, string type, string module = "kernel") => StapOnlyException.Throw<TypedPointer>();

    /// <summary>
    /// Calls any stap function by name, for tapset functions this class does not list:
    /// <c>Call&lt;long&gt;("task_nice", Call&lt;long&gt;("task_current"))</c> is <c>task_nice(task_current())</c>.
    /// <typeparamref name="T"/> is <c>long</c> or <c>string</c>; the name must be a constant.
    /// </summary>
    [StapFunction("@call")]
    public static T Call<T>(string function, params object[] arguments) => StapOnlyException.Throw<T>();

    /// <summary>As <see cref="Call{T}(string, object[])"/>, for a function whose result is not used.</summary>
    [StapFunction("@call")]
    public static void Call(string function, params object[] arguments) => StapOnlyException.Throw<bool>();
}
