namespace StapSharp.Compiler.IR;

/// <summary>SystemTap's scalar types. Arrays and statistics are globals, never values.</summary>
public enum StapType
{
    /// <summary>A function that returns nothing.</summary>
    Void,
    Long,
    String,

    /// <summary>A statistic (aggregate): a global or an array's values, written with <c>&lt;&lt;&lt;</c>, read with <c>@count</c> etc.</summary>
    Stats,
}
