namespace StapSharp.Compiler.IR;

/// <summary>SystemTap's scalar types. Arrays and statistics are globals, never values.</summary>
public enum StapType
{
    /// <summary>A function that returns nothing.</summary>
    Void,
    Long,
    String,
}
