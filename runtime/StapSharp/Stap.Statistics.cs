namespace StapSharp;

/// <summary>Printing histograms: in stap a histogram can only be printed or turned into text.</summary>
public static partial class Stap
{
    /// <summary><c>print(@hist_log(s))</c>: draws the histogram as ASCII art.</summary>
    [StapFunction("print")]
    public static void Print(Histogram histogram) => StapOnlyException.Throw<bool>();

    /// <summary><c>println(@hist_log(s))</c>: draws the histogram, then a newline.</summary>
    [StapFunction("println")]
    public static void Println(Histogram histogram) => StapOnlyException.Throw<bool>();

    /// <summary><c>sprint(@hist_log(s))</c>: the histogram drawing as text.</summary>
    [StapFunction("sprint")]
    public static string Sprint(Histogram histogram) => StapOnlyException.Throw<string>();
}
