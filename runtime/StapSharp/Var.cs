namespace StapSharp;

/// <summary>
/// Target (context) variables of the probe point: the probed function's parameters and locals,
/// a tracepoint's arguments, an SDT marker's <c>$argN</c>. The path is a constant string: a name,
/// then <c>-&gt;member</c> or <c>[N]</c> steps, e.g. <c>"file-&gt;f_path-&gt;dentry"</c> or <c>"argv[0]"</c>.
/// <code>
/// Var.Long("fd")                  // $fd
/// Var.Long("prev-&gt;pid")           // $prev->pid
/// Var.UserString("filename")      // user_string($filename)
/// Var.Text("file")                // $file$      (pretty-printed)
/// Var.Parms                       // $$parms     ("fd=0x3 buf=0x7ffd...")
/// </code>
/// <c>Var.Set("path", value)</c> writes one, in a <see cref="GuruAttribute"/> script only.
/// In a <c>.return</c> probe, wrap parameters in <see cref="Stap.Entry{T}(T)"/> (their value at entry);
/// <see cref="Return"/> is the return value.
/// </summary>
public static class Var
{
    /// <summary><c>$path</c>: an integer or pointer target variable, as a long.</summary>
    public static long Long(string path) => StapOnlyException.Throw<long>();

    /// <summary><c>user_string($path)</c>: a <c>char *</c> target variable that points into user space (system call arguments).</summary>
    public static string UserString(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>kernel_string($path)</c>: a <c>char *</c> target variable that points into the kernel.</summary>
    public static string KernelString(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>$path$</c>: the variable pretty-printed, one level deep (<c>"{.f_flags=32768, ...}"</c>).</summary>
    public static string Text(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>$path$$</c>: the variable pretty-printed, nested structures included.</summary>
    public static string DeepText(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>&amp;$path</c>: the address of a variable or member (not of a tracepoint argument).</summary>
    public static long AddressOf(string path) => StapOnlyException.Throw<long>();

    /// <summary>
    /// <c>$path = value</c>: writes a target variable or member, e.g. <c>Var.Set("how-&gt;flags", 0)</c>. This changes the
    /// probed code's memory, which stap allows only in guru mode: only in a class marked <see cref="GuruAttribute"/>.
    /// A whole variable can also be written through a <c>[Target] ref long fd</c> parameter.
    /// </summary>
    public static void Set(string path, long value) => StapOnlyException.Throw<bool>();

    /// <summary>
    /// <c>$N</c>: the script's N-th argument (from 1) pasted where this expression stands, as stap pastes its tokens, so
    /// <c>stap script.stp '$dfd'</c> (<c>stapsharp run Script.cs -- '$dfd'</c>) makes it the target variable <c>$dfd</c>.
    /// <c>Defined(Var.Argument(2))</c> is <c>@defined($2)</c>. The position is a constant; the argument is required (stap stops
    /// without it), unless the read is under <c>Kernel.ArgumentCount &gt;= N</c>.
    /// </summary>
    public static long Argument(int position) => StapOnlyException.Throw<long>();

    /// <summary><c>$return</c>: the return value, in a <c>.return</c> probe. Test it with <c>Defined(Var.Return)</c>.</summary>
    public static long Return => StapOnlyException.Throw<long>();

    /// <summary><c>$$vars</c>: every variable in scope as <c>"name=0x..."</c> text.</summary>
    public static string Vars => StapOnlyException.Throw<string>();

    /// <summary><c>$$parms</c>: the function's parameters as <c>"name=0x..."</c> text.</summary>
    public static string Parms => StapOnlyException.Throw<string>();

    /// <summary><c>$$locals</c>: the function's locals as <c>"name=0x..."</c> text.</summary>
    public static string Locals => StapOnlyException.Throw<string>();

    /// <summary><c>$$return</c>: the return value as <c>"return=0x..."</c> text, in a <c>.return</c> probe.</summary>
    public static string ReturnText => StapOnlyException.Throw<string>();
}

/// <summary>
/// A long seen as a pointer to a C type: the result of <see cref="Stap.Cast(long, string, string)"/>.
/// Read its members with the same paths and views as <see cref="Var"/>:
/// <c>Cast(task, "task_struct").Long("real_parent-&gt;pid")</c> is
/// <c>@cast(task, "task_struct", "kernel")-&gt;real_parent-&gt;pid</c>.
/// </summary>
public readonly struct TypedPointer
{
    /// <summary><c>@cast(...)-&gt;path</c> as a long.</summary>
    public long Long(string path) => StapOnlyException.Throw<long>();

    /// <summary><c>user_string(@cast(...)-&gt;path)</c>.</summary>
    public string UserString(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>kernel_string(@cast(...)-&gt;path)</c>.</summary>
    public string KernelString(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>@cast(...)-&gt;path$</c>: pretty-printed, one level deep.</summary>
    public string Text(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>@cast(...)-&gt;path$$</c>: pretty-printed, nested structures included.</summary>
    public string DeepText(string path) => StapOnlyException.Throw<string>();

    /// <summary><c>&amp;@cast(...)-&gt;path</c>: the address of the member.</summary>
    public long AddressOf(string path) => StapOnlyException.Throw<long>();
}
