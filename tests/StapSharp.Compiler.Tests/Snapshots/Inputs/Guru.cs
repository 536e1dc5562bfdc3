using StapSharp;
using static StapSharp.Stap;

/// <summary>Embedded C behind the explicit guru-mode opt-in.</summary>
[Guru]
public sealed class Guru : ProbeScript
{
    [EmbeddedC("/* pure */ STAP_RETVALUE = STAP_ARG_a + STAP_ARG_b;")]
    static extern long Add(long a, long b);

    [EmbeddedC("/* pure */ strlcpy(STAP_RETVALUE, \"from C\", MAXSTRINGLEN);")]
    static extern string Greeting();

    [Probe("begin")]
    void Begin()
    {
        Println($"{Greeting()} {Add(1, 2)}");
        Exit();
    }
}
