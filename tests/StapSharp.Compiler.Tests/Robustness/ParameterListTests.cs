using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// stap functions take exactly their parameters, as plain values: params arrays and optional
/// parameters are reported at the declaration, and a call passing more arguments than there are
/// parameters is bound without reading past the parameter list.
/// </summary>
public sealed class ParameterListTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "STAP0011", "static long F(params long[] /*@*/a) => 1;\n[Probe(\"begin\")] void B() { Println(Sprint(F(1, 2))); }" },
        { "STAP0011", "static long F(params long[] /*@*/a) => 1;\n[Probe(\"begin\")] void B() { Println(Sprint(F(1, 2, 3, 4))); }" },
        { "STAP0011", "static long F(string s, params string[] /*@*/rest) => 1;\n[Probe(\"begin\")] void B() { Println(Sprint(F(\"a\", \"b\", \"c\"))); }" },
        { "STAP0011", "static long G(long a, long /*@*/b = 2) => a + b;\n[Probe(\"begin\")] void B() { Println(Sprint(G(1))); }" },
        { "STAP0260", "[EmbeddedC(\"STAP_RETURN(STAP_ARG_a);\")] static extern long E(long a, long /*@*/b = 2);\n[Probe(\"begin\")] void B() { Println(Sprint(E(1))); }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_reported_at_the_parameter(string id, string members)
    {
        var marked = TestCompiler.Usings + "[Guru]\npublic sealed class T : ProbeScript\n{\n" + members + "\n}\n";
        MarkedSource.AssertReported(id, marked);
    }
}
