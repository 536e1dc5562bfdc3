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

    public static readonly StapDiagnosticDescriptor BadTargetPath = new(
        "STAP0250", "Invalid target variable path",
        "Target variable path {0}");

    public static readonly StapDiagnosticDescriptor EntryOutsideReturnProbe = new(
        "STAP0251", "Entry(...) outside a return probe",
        "Entry(...) reads a value saved when the probed function was entered, so only a probe whose every point is a .return probe can use it{0}: move it into such a probe, or read the value directly");

    public static readonly StapDiagnosticDescriptor TargetReadInReturnProbe = new(
        "STAP0252", "Target variable read in a return probe",
        "In a .return probe, {0} reads the value stap saved when the function was entered, not its value at return: write Entry({0}) to say so, or Var.Return for the return value");

    public static readonly StapDiagnosticDescriptor DefinedNeedsTarget = new(
        "STAP0253", "Defined(...) of something other than a target variable",
        "Defined(...) takes a target variable or member, e.g. Defined(Var.Long(\"flags\")) or Defined(Cast(p, \"task_struct\").Long(\"pid\")): stap decides it when the script is built, and '{0}' always resolves");

    public static readonly StapDiagnosticDescriptor BadCast = new(
        "STAP0254", "Invalid Cast(...)",
        "Cast(...) {0}");

    public static readonly StapDiagnosticDescriptor BadScriptArgument = new(
        "STAP0255", "Invalid script argument",
        "Script argument field '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadProbeAlias = new(
        "STAP0256", "Invalid probe alias",
        "Probe alias method '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadBuildCondition = new(
        "STAP0257", "Invalid build-time condition",
        "Build-time condition: {0}");

    public static readonly StapDiagnosticDescriptor BadTryCatch = new(
        "STAP0258", "try/catch stap cannot express",
        "{0} cannot be used in a probe script: {1}");

    public static readonly StapDiagnosticDescriptor EmbeddedCWithoutGuru = new(
        "STAP0259", "Embedded C without guru mode",
        "Method '{0}' holds embedded C, which runs unchecked in the kernel: mark the class [Guru] to opt into guru mode (stap -g), or write the function in C#");

    public static readonly StapDiagnosticDescriptor BadEmbeddedC = new(
        "STAP0260", "Invalid embedded-C function",
        "Embedded-C method '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadDynamicCall = new(
        "STAP0261", "Invalid Call(...)",
        "Call(...) {0}");

    public static readonly StapDiagnosticDescriptor BuildFactOutsideCondition = new(
        "STAP0262", "Build-time fact used as a value",
        "'{0}' is decided when the script is built, not a value: use it only in the condition of an if or of c ? a : b, alone or joined with && and ||");

    /// <summary>All descriptors, for the documentation catalogue and its tests.</summary>
    public static IReadOnlyList<StapDiagnosticDescriptor> All { get; } =
    [
        UnsupportedSyntax, MalformedProbePoint, UnsupportedType, ImplicitStringConversion, BadFormat,
        UnknownCall, BadProbeMethod, BadProbeParameter, BadGlobal, DifferentMeaning, BadFunction,
        BadProbeCondition, StapReported, NoProbes,
        BadTargetPath, EntryOutsideReturnProbe, TargetReadInReturnProbe, DefinedNeedsTarget, BadCast,
        BadScriptArgument, BadProbeAlias, BadBuildCondition, BadTryCatch, EmbeddedCWithoutGuru, BadEmbeddedC,
        BadDynamicCall, BuildFactOutsideCondition,
    ];
}
