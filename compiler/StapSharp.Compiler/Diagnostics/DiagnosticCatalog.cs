namespace StapSharp.Compiler.Diagnostics;

/// <summary>A kind of problem: a stable id, a title for the catalogue, and a message with placeholders.</summary>
public sealed record StapDiagnosticDescriptor(string Id, string Title, string MessageFormat, StapSeverity Severity = StapSeverity.Error)
{
    public StapDiagnostic At(SourceSpan span, params object[] args) =>
        new(Id, Severity, string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args), span);
}

/// <summary>
/// Every diagnostic the compiler reports. Ids are stable: never reuse or renumber one.
/// Messages say what is wrong and what to write instead.
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly StapDiagnosticDescriptor UnsupportedSyntax = new(
        "STAP0001", "Unsupported C# construct",
        "{0} cannot be used in a probe script: {1}");

    public static readonly StapDiagnosticDescriptor MalformedProbePoint = new(
        "STAP0002", "Malformed probe point",
        "Malformed probe point: {0}");

    public static readonly StapDiagnosticDescriptor UnsupportedType = new(
        "STAP0003", "Type has no SystemTap equivalent",
        "Type '{0}' has no SystemTap equivalent: {1}");

    public static readonly StapDiagnosticDescriptor ImplicitStringConversion = new(
        "STAP0004", "No implicit long/string conversion",
        "SystemTap has no implicit conversion between long and string: wrap the number in Sprint(...) or use an interpolated string");

    public static readonly StapDiagnosticDescriptor BadFormat = new(
        "STAP0005", "Invalid printf format",
        "Invalid printf format: {0}");

    public static readonly StapDiagnosticDescriptor UnknownCall = new(
        "STAP0006", "Call has no SystemTap equivalent",
        "'{0}' has no SystemTap equivalent: call a method of this probe script or a member of StapSharp.Stap");

    public static readonly StapDiagnosticDescriptor BadProbeMethod = new(
        "STAP0007", "Invalid probe method",
        "Probe method '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadProbeParameter = new(
        "STAP0008", "Invalid probe parameter",
        "Probe parameter '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadGlobal = new(
        "STAP0009", "Invalid global",
        "Field '{0}' {1}");

    public static readonly StapDiagnosticDescriptor DifferentMeaning = new(
        "STAP0010", "Construct means something else in SystemTap",
        "{0}");

    public static readonly StapDiagnosticDescriptor BadFunction = new(
        "STAP0011", "Invalid function",
        "Method '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadProbeCondition = new(
        "STAP0012", "Invalid probe condition",
        "Probe condition names '{0}', which is not a long or string field of this script: conditions may only read globals");

    public static readonly StapDiagnosticDescriptor StapReported = new(
        "STAP0013", "SystemTap rejected the script",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor NoProbes = new(
        "STAP0014", "Probe script without probes",
        "Probe script '{0}' has no [Probe] method: add one, e.g. [Probe(\"begin\")]", StapSeverity.Warning);

    // STAP0400-0449: reported in the IDE and at build by StapSharp.Generators (the translator run as an analyzer).

    public static readonly StapDiagnosticDescriptor ProbeScriptNotPartial = new(
        "STAP0400", "Probe script is not partial",
        "'{0}' is not partial, so the probe script '{1}' gets no generated StapScript constant: declare '{0}' partial", StapSeverity.Info);

    public static readonly StapDiagnosticDescriptor RemovedProbePoint = new(
        "STAP0401", "Probe point no longer exists",
        "'{0}' does not exist on kernels since 4.17 (the entry point became __x64_sys_{1}) and needs kernel debuginfo: use '{2}', which resolves on every kernel", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor TargetReadInReturnProbe = new(
        "STAP0402", "Target variable read in a return probe",
        "Parameter '{0}' reads ${1} in a return probe, where the function's parameters may already be overwritten: read it at entry, {2}", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor PerThreadEntryNeverRemoved = new(
        "STAP0403", "Per-thread entry never removed",
        "'{0}[{1}]' is set here but no return probe removes it: every thread leaves an entry behind until the map is full; add '{0}.Remove({1});' to the return probe", StapSeverity.Warning);

    /// <summary>All descriptors, for the documentation catalogue and its tests.</summary>
    public static IReadOnlyList<StapDiagnosticDescriptor> All { get; } =
    [
        UnsupportedSyntax, MalformedProbePoint, UnsupportedType, ImplicitStringConversion, BadFormat,
        UnknownCall, BadProbeMethod, BadProbeParameter, BadGlobal, DifferentMeaning, BadFunction,
        BadProbeCondition, StapReported, NoProbes,
        ProbeScriptNotPartial, RemovedProbePoint, TargetReadInReturnProbe, PerThreadEntryNeverRemoved,
    ];
}
