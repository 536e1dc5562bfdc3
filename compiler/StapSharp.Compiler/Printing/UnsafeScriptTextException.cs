namespace StapSharp.Compiler.Printing;

/// <summary>
/// The IR holds text the printer will not put in a script (a name that is not a stap identifier, a
/// probe point that is not canonical, ...). A translator bug, never the user's: the script is not
/// emitted, and the compiler reports it as an internal error.
/// </summary>
public sealed class UnsafeScriptTextException(string message) : Exception(message);
