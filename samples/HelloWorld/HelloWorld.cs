using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>The SystemTap quick start's first script: print a line when the script starts, then stop.</summary>
public sealed class HelloWorld : ProbeScript
{
    [Probe("begin")]
    void Start()
    {
        Printf("hello world\n");
        Exit();
    }
}
