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
        "'{0}' has no SystemTap equivalent: {1}");

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

    public static readonly StapDiagnosticDescriptor ScriptFileNameClash = new(
        "STAP0015", "Two probe scripts with one file name",
        "Probe script '{0}' would be written to {1}, like '{2}': a script's file is its class name, so rename one of the classes");

    public static readonly StapDiagnosticDescriptor UnsafeScriptText = new(
        "STAP0016", "Internal translator error",
        "Internal error translating '{0}': {1}; no script was written. This is a translator bug: please report it with this C#");

    public static readonly StapDiagnosticDescriptor BadEventType = new(
        "STAP0100", "Type cannot be an event",
        "'{0}' cannot be an event: {1}");

    public static readonly StapDiagnosticDescriptor BadEventField = new(
        "STAP0101", "Event field type not supported",
        "Field '{0}' of event '{1}' has type '{2}': {3}");

    public static readonly StapDiagnosticDescriptor BadEmit = new(
        "STAP0102", "Emit needs a record created in place",
        "Emit {0}");

    public static readonly StapDiagnosticDescriptor BadEventArgument = new(
        "STAP0103", "Event argument cannot be lowered",
        "The value for field '{0}' of event '{1}' ({2}) {3}");

    public static readonly StapDiagnosticDescriptor RunMapOverflow = new(
        "STAP0170", "A map was full while the script ran",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor RunActionLimit = new(
        "STAP0171", "A probe ran more statements than MAXACTION",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor RunProbeOverhead = new(
        "STAP0172", "The probes used too much CPU time",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor RunSkippedProbes = new(
        "STAP0173", "Probe hits were skipped or failed",
        "stap: {0}", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor RunOutputLost = new(
        "STAP0174", "Output was lost in transport",
        "stap: {0}", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor RunProbeError = new(
        "STAP0175", "A probe failed while the script ran",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor RunMessage = new(
        "STAP0176", "Another SystemTap runtime message",
        "stap: {0}");

    public static readonly StapDiagnosticDescriptor MapQueryNotLowerable = new(
        "STAP0200", "Map query has no foreach form",
        "{0} cannot be lowered to a stap foreach: {1}");

    public static readonly StapDiagnosticDescriptor MapQueryOutsideForeach = new(
        "STAP0201", "Map query outside a foreach",
        "{0} can only be the collection of a foreach: {1}");

    public static readonly StapDiagnosticDescriptor PossiblyEmptyAggregate = new(
        "STAP0202", "Aggregate of a possibly empty statistic",
        "{0} of a statistic with no values stops the script with the runtime error \"empty aggregate\" (C# would not): guard it with if ({1}.Count() > 0)",
        StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor StatsNotAValue = new(
        "STAP0203", "A statistic is not a value",
        "A statistic is not a value in stap: {0}");

    public static readonly StapDiagnosticDescriptor GlobalOnly = new(
        "STAP0204", "Array or statistic outside a global",
        "{0} cannot be {1}: stap arrays, statistics and histograms exist only as globals; {2}");

    public static readonly StapDiagnosticDescriptor HistogramNotAValue = new(
        "STAP0205", "A histogram is not a value",
        "A histogram is not a value in stap: pass it straight to Print, Println or Sprint, or read one bucket with [bucket]");

    public static readonly StapDiagnosticDescriptor BadAggregateArgument = new(
        "STAP0206", "Invalid histogram or variance argument",
        "{0}");

    public static readonly StapDiagnosticDescriptor ConflictingStatsUse = new(
        "STAP0207", "Conflicting uses of one statistic",
        "Statistic '{0}' {1}");

    public static readonly StapDiagnosticDescriptor BadKeyPattern = new(
        "STAP0208", "Invalid key pattern",
        "{0}");

    public static readonly StapDiagnosticDescriptor BadTargetPath = new(
        "STAP0250", "Invalid target variable path",
        "Target variable path {0}");

    public static readonly StapDiagnosticDescriptor EntryOutsideReturnProbe = new(
        "STAP0251", "Entry(...) outside a return probe",
        "Entry(...) reads a value saved when the probed function was entered, so only a probe whose every point is a .return probe can use it{0}: move it into such a probe, or read the value directly");

    public static readonly StapDiagnosticDescriptor VarReadInReturnProbe = new(
        "STAP0252", "Target variable read in a return probe",
        "In a .return probe, {0} reads the value stap saved when the function was entered, not its value at return: write Entry({0}) to say so, or Var.Return for the return value");

    public static readonly StapDiagnosticDescriptor DefinedNeedsTarget = new(
        "STAP0253", "Defined(...) of something other than a target variable",
        "Defined(...) takes a target variable or member, or Entry(...) of one, e.g. Defined(Var.Long(\"flags\")), Defined(Cast(p, \"task_struct\").Long(\"pid\")) or Defined(Entry(Var.Long(\"count\"))): stap decides when the script is built whether such a name resolves, and '{0}' is not one");

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

    public static readonly StapDiagnosticDescriptor RegexPatternNotConstant = new(
        "STAP0270", "Regular-expression pattern is not a constant",
        "The pattern of Regex.IsMatch must be a constant string: stap compiles a regular expression when it builds the script (=~ takes a string literal); write the pattern in place or as a const string, e.g. Regex.IsMatch(s, \"^ab+\"), and branch between several IsMatch calls for patterns chosen at run time");

    public static readonly StapDiagnosticDescriptor RegexPatternDiffers = new(
        "STAP0271", "Regular-expression construct stap reads differently or rejects",
        "{0}");

    public static readonly StapDiagnosticDescriptor RegexOptionsUnsupported = new(
        "STAP0272", "Regular-expression options",
        "stap's =~ takes no options: call Regex.IsMatch(input, pattern) without them{0}");

    public static readonly StapDiagnosticDescriptor ProcfsValueMisuse = new(
        "STAP0275", "procfs $value used against its direction",
        "'{0}' {1}");

    public static readonly StapDiagnosticDescriptor TargetWriteWithoutGuru = new(
        "STAP0276", "Target variable written without guru mode",
        "'{0}' writes the target variable '${1}', which changes the probed code's memory: stap allows that only in guru mode. Mark the class [Guru] to opt in: it is then built with stap -g, which lets the script write kernel memory and run embedded C unchecked, so a mistake can crash or corrupt the kernel{2}");

    public static readonly StapDiagnosticDescriptor TargetWriteOperator = new(
        "STAP0277", "Target variable changed with an operator stap lacks",
        "'{0}' changes the target variable '${1}' with '{2}', but stap writes target variables only with '=': write {3}");

    public static readonly StapDiagnosticDescriptor TargetParameterNotRef = new(
        "STAP0278", "[Target] parameter assigned without ref",
        "'{0}' assigns the [Target] parameter '{1}', which in C# changes only the method's copy, while stap would write '${2}': declare the parameter [Target] ref {3} {1} to write the target variable, or copy it into a local and change that");

    public static readonly StapDiagnosticDescriptor TargetWriteOutsideProbe = new(
        "STAP0279", "Target variable written outside a probe",
        "'{0}' writes a target variable in a function, where stap has none: write it in the probe method (or alias body) whose point has the variable");

    public static readonly StapDiagnosticDescriptor BadPrintValues = new(
        "STAP0280", "Invalid print arguments",
        "Invalid print arguments: {0}");

    public static readonly StapDiagnosticDescriptor BadLibraryMacro = new(
        "STAP0281", "Invalid argument of a library macro",
        "{0} {1}: stap pastes it into the script when it expands the macro");

    public static readonly StapDiagnosticDescriptor BadEmbeddedBlock = new(
        "STAP0282", "Invalid top-level embedded C",
        "[EmbeddedC] on class '{0}' {1}");

    public static readonly StapDiagnosticDescriptor PrometheusDumpOutsideProcfsRead = new(
        "STAP0283", "Prometheus dump outside a procfs read probe",
        "{0} appends to the $value of a procfs .read probe, and {1}: call it in a [Probe(\"prometheus\")] (or [Probe(\"procfs(\\\"name\\\").read\")]) probe method with a [Target] ref string value parameter, passing ref value");

    public static readonly StapDiagnosticDescriptor BadPrometheusDump = new(
        "STAP0284", "Invalid map or function of a Prometheus dump",
        "{0} {1}");

    public static readonly StapDiagnosticDescriptor DivisionMayEndSession = new(
        "STAP0300", "Division or remainder by a value that may be zero",
        "A division or remainder (/, %) by zero in stap is a run-time error that ends the whole session (C# would throw in this method only): guard it with if ({0} != 0), or put it in try/catch", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor StringLongerThanStap = new(
        "STAP0301", "String longer than stap keeps",
        "This string is {0} bytes; stap keeps at most {1} bytes of a string value (MAXSTRINGLEN 512) and cuts the rest: split it into several prints", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor ProbeScriptNotPartial = new(
        "STAP0400", "Probe script is not partial",
        "'{0}' is not partial, so the probe script '{1}' gets no generated StapScript constant: declare '{0}' partial", StapSeverity.Info);

    public static readonly StapDiagnosticDescriptor RemovedProbePoint = new(
        "STAP0401", "Probe point no longer exists",
        "'{0}' does not exist on kernels since 4.17 (the entry point became __x64_sys_{1}) and needs kernel debuginfo: use '{2}', which resolves on every kernel", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor TargetReadInReturnProbe = new(
        "STAP0402", "Target parameter read in a return probe",
        "Parameter '{0}' reads ${1} in a return probe, where stap gives the value saved when the function was entered, not its value at return: say so with {2}", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor PerThreadEntryNeverRemoved = new(
        "STAP0403", "Per-thread entry never removed",
        "'{0}[{1}]' is set here but no return probe removes it: every thread leaves an entry behind until the map is full; add '{0}.Remove({1});' to the return probe", StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor NestedTooDeeply = new(
        "STAP0025", "Nested too deeply",
        "The code here is nested more than {0} levels deep ({1} levels of statements, {2} of expressions), deeper than the translator and stap can take: {3}");

    public static readonly StapDiagnosticDescriptor ElseIfChainTooLong = new(
        "STAP0026", "if / else-if chain too long",
        "This if / else-if chain has more than {0} branches; stap nests each else-if inside the one before, deeper than it can take: split the chain, e.g. if (x < 1000) {{ ...the first branches... }} else {{ ...the others... }}");

    public static readonly StapDiagnosticDescriptor BuildConditionTooLarge = new(
        "STAP0027", "Build-time condition too large for stap's form",
        "Build-time condition: stap's %( %) takes only an OR of ANDs, without parentheses, and this condition spread into that form needs {0} comparisons, more than {1}: {2}");

    public static readonly StapDiagnosticDescriptor TooManyFormatArguments = new(
        "STAP0028", "More values than stap's printf takes",
        "This print passes {0} values to stap's printf or sprintf, which take at most {1}: split it in two (two Print calls, or two interpolated strings joined with +); an event record with that many fields (4 values for the frame: type, time, cpu and check; 1 per integer field, 2 per string field) must be split into two records");

    public static readonly StapDiagnosticDescriptor MapChangedInForeach = new(
        "STAP0029", "Map changed inside a foreach over it",
        "The map '{0}' is changed here{1}, inside a foreach over it: stap rejects that (\"modified during 'foreach' iteration\") and C# would throw; collect the keys in another map and change '{0}' after the loop");

    public static readonly StapDiagnosticDescriptor InternalError = new(
        "STAP0030", "Internal error in the translator",
        "Internal error in the translator while translating '{0}' ({1}: {2}): this is a defect in StapSharp, not in your code; please report it with the C# that caused it");
    public static readonly StapDiagnosticDescriptor ArgumentsReordered = new(
        "STAP0035", "Named arguments would run in another order",
        "The argument for '{1}' is written after the one for '{0}', so C# evaluates it second, but stap evaluates arguments in parameter order and would evaluate it first, and one of the two has a side effect (a call, an assignment, ++ or --): compute the values into locals in the order you mean and pass the locals, or write the arguments in parameter order");

    public static readonly StapDiagnosticDescriptor NulInString = new(
        "STAP0036", "String with a NUL character",
        "This string holds the character U+0000 (\\0) at index {0}: a stap string ends at its first NUL, so the rest would be lost; remove the NUL, or split the text around it");

    public static readonly StapDiagnosticDescriptor LoneSurrogateInString = new(
        "STAP0038", "String with an unpaired surrogate",
        "This string holds an unpaired UTF-16 surrogate at index {0}: a stap string is UTF-8, which has no form for it, so it would become U+FFFD; write the whole character (both halves of the pair, or \\U0001F600), or leave it out");

    public static readonly StapDiagnosticDescriptor NarrowArithmetic = new(
        "STAP0039", "Integer computed in 32 bits in C#",
        "C# computes {0} in 32 bits (int or uint operands), stap in 64, and the results differ: {1}; make it a long computation: a long literal (1L), a cast ((long)x), or a long variable");

    public static readonly StapDiagnosticDescriptor NoProbeScript = new(
        "STAP0037", "No probe script",
        "No probe script in the sources{0}: a probe script is a non-abstract class deriving from StapSharp.ProbeScript, e.g. public sealed class Trace : ProbeScript {{ [Probe(\"begin\")] void Start() {{ }} }}");

    public static readonly StapDiagnosticDescriptor TooManyEventTypes = new(
        "STAP0104", "Too many event types in one script",
        "'{0}' would be event type number {1} of this script, and a script sends at most {2}: an event's header carries its type in one byte, next to a zero byte no printed text can hold. Emit fewer record types from one script (several records can share one with a kind field), or split the probes into two scripts");

    public static readonly StapDiagnosticDescriptor RawBytesInFormat = new(
        "STAP0105", "Printf conversion that writes raw bytes",
        "'{0}' writes {1} into the output the host reads events from, where a zero byte would let printed values pass for an event frame: {2}");
    public static readonly StapDiagnosticDescriptor KernelDebuginfoMissing = new(
        "STAP0045", "Kernel debuginfo not installed",
        "{0} needs the debuginfo of kernel {1}, which is not installed: {2}");

    public static readonly StapDiagnosticDescriptor ModuleDebuginfoMissing = new(
        "STAP0046", "No debuginfo for the kernel module",
        "{0} needs the debuginfo of the kernel module '{1}', and kernel {2} has no module of that name in {3}: name a module of this kernel (its .ko files there)");

    public static readonly StapDiagnosticDescriptor DebuginfoMayBeMissing = new(
        "STAP0047", "stap failed without kernel debuginfo",
        "stap could not resolve this without the debuginfo of kernel {0}, which is not installed (tapset probes on kernel functions such as vfs.* and netdev.*, and target variables and @entry in tapset probes, resolve only with it): {1}",
        StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor RelativeProgramPath = new(
        "STAP0050", "Relative path of a probed program",
        "{0}(\"{1}\") names a relative path, which stap resolves in its own working folder, not in the folder the script runs from: write the file's absolute path, or a bare program name stap finds through PATH");

    public static readonly StapDiagnosticDescriptor UprobesHiddenFromCheck = new(
        "STAP0051", "stap checked without the kernel's symbol map",
        "stap checked this against the installed kernel headers, whose stub System.map hides the kernel's uprobes and uretprobes from it, so it rejects process(...).return probes a module build accepts: {0}",
        StapSeverity.Warning);

    public static readonly StapDiagnosticDescriptor UnknownPointArgument = new(
        "STAP0290", "Probe point names no script argument",
        "'{{{0}}}' in a probe point names no [ScriptArgument] field of this script: one name in braces takes a script argument, so declare it ([ScriptArgument(1)] static long {0} = 5; for a number, static string {0}; for a program or a probe point), or, for a probe point component, write {0} without the braces");

    public static readonly StapDiagnosticDescriptor MisplacedPointArgument = new(
        "STAP0291", "Script argument that cannot stand there in a probe point",
        "'{{{0}}}' {1}");

    public static readonly StapDiagnosticDescriptor QuotedPointArgument = new(
        "STAP0292", "Script argument written in quotes",
        "\"{{{0}}}\" is the text {{{0}}}, not the argument: write {1}({{{0}}}) without the quotes (a string field is stap's @N, already a string)");

    public static readonly StapDiagnosticDescriptor ContextHelperNotInlinable = new(
        "STAP0293", "Helper inlined as a stap macro that a macro cannot hold",
        "'{0}' {1}, so it is inlined into each probe as a stap macro (@define), but {2}");

    public static readonly StapDiagnosticDescriptor MacroArgumentNotStable = new(
        "STAP0294", "Argument of an inlined helper that is not a plain value",
        "'{0}' is passed to '{1}', which is inlined as a stap macro: stap pastes an argument's text wherever the body uses its parameter, so it could be evaluated more than once, later or not at all, where C# evaluates it once, first; store it in a local first (var value = {0};) and pass the local");

    public static readonly StapDiagnosticDescriptor MacroParameterAssigned = new(
        "STAP0295", "Parameter of an inlined helper assigned",
        "'{0}' assigns its parameter '{1}', but '{0}' is inlined as a stap macro, where the parameter is the caller's argument itself: leave the parameter as it is and compute with it (return {1} + 1 instead of {1}++)");

    public static readonly StapDiagnosticDescriptor BadBuildIf = new(
        "STAP0296", "Invalid [BuildIf]",
        "{0} {1}");

    public static readonly StapDiagnosticDescriptor ConditionalGlobalUsed = new(
        "STAP0297", "Global declared under a condition used where it may not exist",
        "'{0}' is declared only when {1} ([BuildIf] on the field), but {2} is built {3}: where the condition does not hold, stap has no such global (an array is an unresolved symbol, a scalar silently a local); put the same [BuildIf(nameof({4}){5})] on the probe that uses it, or remove it from the field");

    public static readonly StapDiagnosticDescriptor TapsetGlobalWritten = new(
        "STAP0298", "Tapset global written",
        "'{0}' writes the tapset global {1}: stap allows it, but the tapset's own probes and functions read that global too, so the write changes them for the whole script; keep the value in a global of your own ({2}), start it from the tapset's where you need that, and write it instead");

    public static readonly StapDiagnosticDescriptor BadArgumentExpression = new(
        "STAP0299", "Script argument position that is not a constant from 1",
        "'{0}' {1}");

    /// <summary>All descriptors in id order, for the documentation catalogue and its tests.</summary>
    public static IReadOnlyList<StapDiagnosticDescriptor> All { get; } =
        typeof(DiagnosticCatalog).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(StapDiagnosticDescriptor))
            .Select(f => (StapDiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
}
