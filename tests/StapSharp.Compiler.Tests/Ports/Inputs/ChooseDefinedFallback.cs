// Source: systemtap
// Original: testsuite/systemtap.base/minidebuginfo.stp
// Area: language
// Faithful: no
// Differs: `$foo` is read as `$foo$` (Var.Text): ChooseDefined takes two values of one C# type, and
// Differs: no Var member reads a target variable as a string other than through a conversion.
using StapSharp;
using static StapSharp.Stap;

/// <summary>@choose_defined falls back to another value where a program has no debuginfo for the variable.</summary>
public sealed class ChooseDefinedFallback : ProbeScript
{
    [Probe("process.function(\"*\")")]
    void Call() => Log(ChooseDefined(Var.Text("foo"), ProbeFunc()));

    [Probe("process.function(\"main\").return")]
    void MainReturn() => Log(ChooseDefined(Var.Text("foo"), "return"));
}
