// Source: systemtap
// Original: testsuite/systemtap.base/print.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Every print function: values one after another, with a newline, and with a delimiter.</summary>
public sealed class PrintForms : ProbeScript
{
    static string s1;
    static string s2;
    static string s3;

    [Probe("begin")]
    void Begin()
    {
        Println("systemtap starting probe");
        s1 = "systemtap";
        s2 = "test";
        s3 = "success";
    }

    [Probe("end")]
    void End()
    {
        Println("systemtap ending probe");

        Print(s1, " ", s2, " ", s3, "\n");
        Print(Sprint(s1, " ", s2, " ", s3, "\n"));

        Println(s1, " ", s2, " ", s3);
        Print(Sprintln(s1, " ", s2, " ", s3));

        Printd(" ", s1, s2, s3 + "\n");
        Print(Sprintd(" ", s1, s2, s3 + "\n"));

        Printdln(" ", s1, s2, s3);
        Print(Sprintdln(" ", s1, s2, s3));

        // Check that formatting characters get escaped correctly in the delimiter.
        var s = Sprintd("%% % \\ \"", 1, 2, 3);
        if (s == "1%% % \\ \"2%% % \\ \"3")
        {
            Println("systemtap test success");
        }
        else
        {
            Println("systemtap test failure");
        }
    }
}
