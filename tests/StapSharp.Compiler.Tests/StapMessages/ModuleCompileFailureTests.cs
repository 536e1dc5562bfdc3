using StapSharp.Compiler.StapMessages;
using StapSharp.Compiler.Tests.Support;

namespace StapSharp.Compiler.Tests.StapMessages;

/// <summary>
/// stap's pass 4 failing in the C compiler: one line per kind of failure, and an error in the script's own embedded C at its
/// place. The stderr here is stap 4.8's and gcc 12's, as they printed it for these scripts (kbuild's paths shortened).
/// </summary>
public sealed class ModuleCompileFailureTests
{
    private const string Source = TestCompiler.Usings + """
        [Guru]
        public sealed class T : ProbeScript
        {
            [EmbeddedC("STAP_RETVALUE = STAP_ARG_a + undefined_name;")]
            static extern long Add(long a);

            [Probe("begin")]
            void Begin() => Println(Add(1));
        }
        """;

    private const string CompilerStderr = """
        /tmp/stapYtvQcV/T_src.c: In function ‘function___global_Add__overload_0’:
        /tmp/stapYtvQcV/T_src.c:232:32: error: ‘undefined_name’ undeclared (first use in this function)
          232 |   STAP_RETVALUE = STAP_ARG_a + undefined_name;
              |                                ^~~~~~~~~~~~~~
        /tmp/stapYtvQcV/T_src.c:232:32: note: each undeclared identifier is reported only once for each function it appears in
        make[1]: *** [/usr/src/linux-headers-6.1.0-57-common/scripts/Makefile.build:255: /tmp/stapYtvQcV/T_src.o] Error 1
        make: *** [/usr/src/linux-headers-6.1.0-57-common/Makefile:2065: /tmp/stapYtvQcV] Error 2
        WARNING: kbuild exited with status: 2
        Pass 4: compilation failed.  [man error::pass4]
        Tip: /usr/share/doc/systemtap/README.Debian should help you get started.

        """;

    [Fact]
    public void A_compiler_error_in_embedded_C_lands_on_the_CSharp_method_that_holds_the_code()
    {
        var script = TestCompiler.Single(Source);

        var failure = ModuleCompileFailure.Read(CompilerStderr, script.Text)!;

        Assert.Equal(1, failure.CompilerErrors);
        var error = Assert.Single(failure.InEmbeddedC);
        Assert.Equal(LineOf(script.Text, "undefined_name"), error.ScriptLine);
        var diagnostic = Assert.Single(failure.EmbeddedCDiagnostics(script.Map));
        Assert.Equal(("STAP0013", "Script.cs", 7), (diagnostic.Id, diagnostic.Span.FilePath, diagnostic.Span.Line));
        Assert.Equal("stap: the C compiler rejected this embedded C: ‘undefined_name’ undeclared (first use in this function)", diagnostic.Message);
        Assert.Equal(
            ["the module did not compile for kernel 6.1.0-57-amd64: the C compiler reported 1 error in the generated code, 1 in the script's embedded C ([EmbeddedC], %{ %}), shown above at its place; run again with -v to see it"],
            failure.Summaries("6.1.0-57-amd64", outputShown: false));
    }

    [Fact]
    public void With_the_output_shown_the_line_says_where_it_is_instead_of_how_to_see_it()
    {
        var failure = ModuleCompileFailure.Read(CompilerStderr, TestCompiler.Single(Source).Text)!;

        var line = Assert.Single(failure.Summaries("R", outputShown: true));

        Assert.EndsWith("; its output is above", line, StringComparison.Ordinal);
        Assert.DoesNotContain("-v", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_on_two_lines_of_the_script_is_not_placed_but_the_embedded_C_is_named()
    {
        var script = """
            function a:long () %{ STAP_RETVALUE = STAP_ARG_a + undefined_name; %}
            function b:long ()
            %{
              STAP_RETVALUE  =  STAP_ARG_a + undefined_name;
            %}
            """;

        var failure = ModuleCompileFailure.Read(CompilerStderr, script)!;

        Assert.Equal(1, failure.CompilerErrors);
        Assert.Empty(failure.InEmbeddedC);
        Assert.Contains("; run again with -v to see it; the script's embedded C ([EmbeddedC], %{ %}) is where to look", Assert.Single(failure.Summaries("R", false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_on_the_line_of_its_braces_is_placed_at_that_line()
    {
        var script = "probe begin { println(1) }\nfunction a:long (a:long) %{ STAP_RETVALUE = STAP_ARG_a + undefined_name; %}\n";

        var failure = ModuleCompileFailure.Read(CompilerStderr, script)!;

        Assert.Equal(2, Assert.Single(failure.InEmbeddedC).ScriptLine);
    }

    [Fact]
    public void The_same_code_outside_embedded_C_is_not_taken_for_it()
    {
        var script = "probe begin {\n  STAP_RETVALUE = STAP_ARG_a + undefined_name;\n}\n";

        var failure = ModuleCompileFailure.Read(CompilerStderr, script)!;

        Assert.Empty(failure.InEmbeddedC);
        Assert.False(failure.ScriptHasEmbeddedC);
        Assert.Contains("the script has no embedded C, so stap's runtime does not build against this kernel's headers", Assert.Single(failure.Summaries("R", false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_the_kernel_does_not_export_are_a_link_failure_named_by_symbol()
    {
        const string stderr = """
            ERROR: modpost: "stapsharp_nowhere" [/tmp/stapdmAzN9/linknov.ko] undefined!
            make[1]: *** [/usr/src/linux-headers-6.1.0-57-common/scripts/Makefile.modpost:127: /tmp/stapdmAzN9/Module.symvers] Error 1
            make: *** [/usr/src/linux-headers-6.1.0-57-common/Makefile:2017: modpost] Error 2
            WARNING: kbuild exited with status: 2
            Pass 4: compilation failed.  [man error::pass4]
            """;

        var failure = ModuleCompileFailure.Read(stderr, "%{\nextern int stapsharp_nowhere(void);\n%}\n")!;

        Assert.Equal(0, failure.CompilerErrors);
        Assert.Equal(["stapsharp_nowhere"], failure.UndefinedSymbols);
        Assert.Equal(
            ["the module did not link for kernel R: it calls 1 function the kernel does not export (stapsharp_nowhere); embedded C ([EmbeddedC], %{ %}) can call only the functions the kernel exports to modules"],
            failure.Summaries("R", false));
    }

    [Fact]
    public void Kbuild_failing_without_a_compiler_error_says_its_status()
    {
        var failure = ModuleCompileFailure.Read("gcc: fatal error: Killed signal terminated program cc1\nWARNING: kbuild exited with status: 2\nPass 4: compilation failed.  [man error::pass4]\n", string.Empty)!;

        Assert.Equal(
            ["the module did not build for kernel R: kbuild failed (status 2) without a compiler error; run again with -v to see its output"],
            failure.Summaries("R", false));
    }

    [Fact]
    public void A_failure_in_another_pass_is_none_of_its_business()
    {
        Assert.Null(ModuleCompileFailure.Read("semantic error: no match\nPass 2: analysis failed.  [man error::pass2]\n", "probe begin {}"));
    }

    [Fact]
    public void The_compiler_s_lines_are_neither_stap_errors_nor_readable_lines_of_a_plain_script()
    {
        var script = TestCompiler.Single(Source);

        Assert.Empty(StapErrorMapper.Map(CompilerStderr, "/tmp/x/T.stp", script.Map));
        Assert.Empty(StapStderr.ReadableLines(CompilerStderr, "/tmp/x/T.stp", "T.stp"));
    }

    private static int LineOf(string text, string content) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(content, StringComparison.Ordinal)).i + 1;
}
