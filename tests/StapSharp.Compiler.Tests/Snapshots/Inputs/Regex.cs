using System.Text.RegularExpressions;
using StapSharp;
using static StapSharp.Stap;

/// <summary>Regular expressions: Regex.IsMatch is stap's =~, !Regex.IsMatch its !~, and Matched(n) reads the groups.</summary>
public sealed class RegexMatches : ProbeScript
{
    const string TempFolder = @"^""/tmp/([A-Za-z0-9_]+)""";

    static long temporary;

    [Probe("syscall.mkdir")]
    void Mkdir(string argstr)
    {
        if (Regex.IsMatch(argstr, TempFolder))
        {
            temporary++;
            Println($"{MatchedStr()}: {Matched(1)} of {NGroups() - 1} group(s)");
        }
        else if (!Regex.IsMatch(argstr, "^\"/(usr|var)/"))
        {
            bool hidden = Regex.IsMatch(argstr, @"/\.[^/]+"", 0[0-7]+$");
            Println(hidden ? "hidden" : $"elsewhere: {(Regex.IsMatch(ExecName(), "^(mk|rm)dir$") ? "mkdir" : ExecName())}");
        }
    }

    [Probe("end")]
    void End() => Println($"{temporary} in /tmp; a dot skips a line end: {(Regex.IsMatch("a\nb", "a.b") ? 1 : 0)}");
}
