// Source: systemtap
// Original: testsuite/buildok/fortyseven.stp
// Area: language
// Faithful: yes
using System.Text.RegularExpressions;
using StapSharp;
using static StapSharp.Stap;

/// <summary>A regular expression match and its groups.</summary>
public sealed class RegexGroups : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        if (Regex.IsMatch("flibilibilibibirty", "(fl|sni)[r]ili(pi|bi)"))
        {
            Printf("%s %s %s", Matched(0), Matched(1), Matched(2));
        }
        else
        {
            Printf("match fail\n");
        }

        Exit();
    }
}
