using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Printing;
using StapSharp.Protocol.StapMessages;

namespace StapSharp.Compiler.StapMessages;

/// <summary>
/// SystemTap's own messages during a run as StapSharp diagnostics: a stable id per kind, the C# place
/// of the failing statement (through the script's source map), and what to do about it.
/// </summary>
public static class RunMessageMapper
{
    public static StapDiagnostic ToDiagnostic(StapMessage message, string stpPath, SourceMap map)
    {
        var descriptor = message.Kind switch
        {
            StapMessageKind.MapOverflow => DiagnosticCatalog.RunMapOverflow,
            StapMessageKind.ActionLimitExceeded => DiagnosticCatalog.RunActionLimit,
            StapMessageKind.ProbeOverhead => DiagnosticCatalog.RunProbeOverhead,
            StapMessageKind.ErrorSummary or StapMessageKind.TooManySkippedProbes => DiagnosticCatalog.RunSkippedProbes,
            StapMessageKind.TransportFailures => DiagnosticCatalog.RunOutputLost,
            StapMessageKind.ProbeError => DiagnosticCatalog.RunProbeError,
            _ => DiagnosticCatalog.RunMessage,
        };

        var span = SourceSpan.None;
        var text = message.Detail;
        if (message.Location is { } location)
        {
            if (StapScriptPlace.IsScript(location.File, stpPath) && StapScriptPlace.ToCSharp(location.Line, map) is { IsNone: false } mapped)
            {
                span = mapped;
            }
            else
            {
                text += $" near {message.NearToken} at {location}";
            }
        }

        if (message.Advice is { } advice)
        {
            text += ": " + advice;
        }

        return descriptor.At(span, text) with { Severity = message.IsError ? StapSeverity.Error : StapSeverity.Warning };
    }
}
