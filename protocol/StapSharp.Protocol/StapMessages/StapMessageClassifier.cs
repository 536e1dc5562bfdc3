using System.Globalization;
using System.Text.RegularExpressions;

namespace StapSharp.Protocol.StapMessages;

/// <summary>
/// Recognises SystemTap's own warnings and errors among a run's output lines. The texts are those of
/// stap 4.8's runtime (linux/io.c prefixes "WARNING: " / "ERROR: "; translate.cxx writes the map and
/// MAXACTION errors and the end-of-run summary; transport.c the transport failures) and of staprun.
/// </summary>
public static partial class StapMessageClassifier
{
    // _stp_softerror ("%s near %s", c->last_error, c->last_stmt); last_stmt is a token: "identifier 'm' at FILE:L:C".
    [GeneratedRegex(@"^(?<detail>.*?) near (?<token>(?:identifier|operator|keyword|string|number|embedded-code|junk|unknown token)(?: '[^']*')?) at (?<file>.*):(?<line>\d+):(?<col>\d+)$")]
    private static partial Regex NearStatement();

    [GeneratedRegex(@"^Array overflow, check (?:MAXMAPENTRIES|size limit \((?<limit>\d+)\))$")]
    private static partial Regex MapOverflow();

    [GeneratedRegex(@"^Number of errors: (?<errors>\d+), skipped probes: (?<skipped>\d+)$")]
    private static partial Regex ErrorSummary();

    [GeneratedRegex(@"^There were (?<count>\d+) transport failures\.")]
    private static partial Regex TransportFailures();

    [GeneratedRegex(@"^probe overhead \(\d+ cycles\) exceeded threshold \(\d+ cycles\) in last \d+ cycles$")]
    private static partial Regex ProbeOverhead();

    private const string ErrorPrefix = "ERROR: ";
    private const string WarningPrefix = "WARNING: ";

    /// <summary>The message on <paramref name="line"/>, or null when it is not one of SystemTap's warnings or errors.</summary>
    public static StapMessage? Classify(string line)
    {
        var text = line.TrimEnd('\r', '\n');
        bool isError;
        string body;
        if (text.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            isError = true;
            body = text[ErrorPrefix.Length..];
        }
        else if (text.StartsWith(WarningPrefix, StringComparison.Ordinal))
        {
            isError = false;
            body = text[WarningPrefix.Length..];
        }
        else
        {
            return null;
        }

        body = body.Trim();
        string? token = null;
        StapScriptLocation? location = null;
        if (NearStatement().Match(body) is { Success: true } near)
        {
            token = near.Groups["token"].Value;
            location = new StapScriptLocation(near.Groups["file"].Value, Number(near.Groups["line"]), Number(near.Groups["col"]));
            body = near.Groups["detail"].Value;
        }

        var message = new StapMessage(StapMessageKind.OtherWarning, text)
        {
            IsError = isError,
            Detail = body,
            NearToken = token,
            Location = location,
        };
        return isError ? ClassifyError(message, body) : ClassifyWarning(message, body);
    }

    private static StapMessage ClassifyError(StapMessage message, string body)
    {
        if (MapOverflow().Match(body) is { Success: true } overflow)
        {
            return message with
            {
                Kind = StapMessageKind.MapOverflow,
                MapSizeLimit = overflow.Groups["limit"].Success ? long.Parse(overflow.Groups["limit"].Value, CultureInfo.InvariantCulture) : null,
            };
        }

        if (body == "MAXACTION exceeded")
        {
            return message with { Kind = StapMessageKind.ActionLimitExceeded };
        }

        if (ProbeOverhead().IsMatch(body))
        {
            return message with { Kind = StapMessageKind.ProbeOverhead };
        }

        if (body.StartsWith("Skipped too many probes", StringComparison.Ordinal))
        {
            return message with { Kind = StapMessageKind.TooManySkippedProbes };
        }

        if (body.StartsWith("Couldn't insert module", StringComparison.Ordinal))
        {
            return message with { Kind = StapMessageKind.ModuleLoadFailed };
        }

        return message with { Kind = message.Location is null ? StapMessageKind.OtherError : StapMessageKind.ProbeError };
    }

    private static StapMessage ClassifyWarning(StapMessage message, string body)
    {
        if (ErrorSummary().Match(body) is { Success: true } summary)
        {
            return message with
            {
                Kind = StapMessageKind.ErrorSummary,
                ErrorCount = Number(summary.Groups["errors"]),
                SkippedProbeCount = Number(summary.Groups["skipped"]),
            };
        }

        if (TransportFailures().Match(body) is { Success: true } failures)
        {
            return message with { Kind = StapMessageKind.TransportFailures, TransportFailureCount = Number(failures.Groups["count"]) };
        }

        return message;
    }

    private static int Number(Group group) =>
        int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
}
