namespace SyscallLatencyReport;

/// <summary>A failure to report as one clear message, without a stack trace.</summary>
internal sealed class ReportError(string message) : Exception(message);
