using StapSharp;
using StapSharp.Compiler;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Runtime.Sessions;

namespace SyscallLatencyReport;

/// <summary>Translates the SyscallLatency probe script (embedded in this program at build time) to stap.</summary>
internal static class ProbeScriptSource
{
    private const string ResourceName = "SyscallLatency.cs";
    private const string ShownPath = "samples/SyscallLatency/SyscallLatency.cs";

    public static StapScript Translate()
    {
        using var stream = typeof(ProbeScriptSource).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ReportError($"the program was built without its probe script ({ResourceName}); rebuild it");
        var text = new StreamReader(stream).ReadToEnd();
        var references = ProbeScriptReferences.Create(typeof(ProbeScript).Assembly.Location);
        var output = ScriptCompiler.CompileSources([(ShownPath, text)], references);
        if (output.HasErrors)
        {
            var errors = string.Join(Environment.NewLine, output.Diagnostics.Where(d => d.Severity == StapSeverity.Error));
            throw new ReportError($"the probe script does not translate:{Environment.NewLine}{errors}");
        }

        var script = output.Scripts.Single();
        return StapScript.ForClass(script.ClassName, script.Text);
    }
}

/// <summary>A failure to report as one clear message, without a stack trace.</summary>
internal sealed class ReportError(string message) : Exception(message);
