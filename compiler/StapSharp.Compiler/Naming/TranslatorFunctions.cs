namespace StapSharp.Compiler.Naming;

/// <summary>
/// The tapset functions the translator calls on its own, not for a member of <c>StapSharp.Stap</c>
/// (those are read from the API): a script function taking one of these names would replace it.
/// </summary>
internal static class TranslatorFunctions
{
    public const string StrLen = "strlen";
    public const string GetTimeOfDayNs = "gettimeofday_ns";
    public const string Cpu = "cpu";
    public const string UserString = "user_string";
    public const string KernelString = "kernel_string";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { StrLen, GetTimeOfDayNs, Cpu, UserString, KernelString };
}
