// Source: systemtap
// Original: testsuite/buildok/fortyeight.stp
// Area: language
// Faithful: yes
using System.Text.RegularExpressions;
using StapSharp;
using static StapSharp.Stap;

/// <summary>A regular expression match whose groups are never read.</summary>
public sealed class RegexNoGroups : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        if (Regex.IsMatch("flibilibilibibirty", "(fl|sni)[r]ili(pi|bi)"))
        {
            Printf("match good\n");
        }
        else
        {
            Printf("match fail\n");
        }

        Exit();
    }
}
