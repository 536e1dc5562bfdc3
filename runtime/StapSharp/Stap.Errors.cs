namespace StapSharp;

// Errors: return values and error numbers as text (tapset/errno.stp).
public static partial class Stap
{
    /// <summary><c>returnstr(format)</c>: the return value as text in a return probe (format 1 decimal, 2 hex), errno names for errors.</summary>
    [StapFunction("returnstr")] public static string ReturnStr(long format) => StapOnlyException.Throw<string>();

    /// <summary><c>return_str(format, ret)</c>: a return value as text, "-2 (ENOENT)" for errors (format 1 decimal, 2 hex).</summary>
    [StapFunction("return_str")] public static string ReturnStr(long format, long returnValue) => StapOnlyException.Throw<string>();
}
