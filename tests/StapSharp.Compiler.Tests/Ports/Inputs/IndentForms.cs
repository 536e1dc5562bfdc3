// Source: systemtap
// Original: testsuite/buildok/indent.stp
// Area: tapset
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The indentation functions, per thread and global, with and without the depth.</summary>
public sealed class IndentForms : ProbeScript
{
    [Probe("begin")]
    void Begin()
    {
        Print(ThreadIndent(1)); Print("yo\n");
        Print(ThreadIndent(-1)); Print("ta\n");
        Print(Call<string>("indent", 1)); Print("yo\n");
        Print(Call<string>("indent", -1)); Print("ta\n");
        Print(Call<long>("thread_indent_depth", 1)); Print("yo\n");
        Print(Call<long>("thread_indent_depth", -1)); Print("ta\n");
        Print(Call<long>("indent_depth", 1)); Print("yo\n");
        Print(Call<long>("indent_depth", -1)); Print("ta\n");
        Exit();
    }
}
