namespace StapSharp;

/// <summary>
/// On a static <c>long</c> or <c>string</c> field: the script's positional argument <c>$N</c>
/// (<c>@N</c> for a string), given after <c>--</c> on the command line
/// (<c>stapsharp run Script.cs -- 100 bash</c>) and compiled into the module when it is built.
/// The field's initialiser is the value when the argument is not given; without one the argument is required.
/// <code>
/// [ScriptArgument(1)] static long Threshold = 100;   // global Threshold = %( $# >= 1 %? $1 %: 100 %)
/// [ScriptArgument(2)] static string Command;         // global Command = @2
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ScriptArgumentAttribute : Attribute
{
    public ScriptArgumentAttribute(int position) => Position = position;

    /// <summary>The argument's position, from 1.</summary>
    public int Position { get; }
}
