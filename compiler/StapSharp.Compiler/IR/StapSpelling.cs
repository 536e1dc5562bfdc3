namespace StapSharp.Compiler.IR;

// Every switch lists each member and has no default arm: a member without a spelling is a compile error
// (CS8509 is an error in this project). Only a value outside the enum (a cast) is left, and it throws.
#pragma warning disable CS8524

/// <summary>How stap spells the IR's operators, aggregates and histograms: the one place that knows.</summary>
public static class StapSpelling
{
    /// <summary><c>$N</c> (the argument's tokens: a number, or a probe point) or <c>@N</c> (its text as a string).</summary>
    public static string ScriptArgument(int position, bool isString) =>
        position >= 1 ? (isString ? "@" : "$") + position.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(position), position, "script arguments count from 1");

    /// <summary><c>%( $# >= N %? read %: fallback %)</c>: the argument where it is given, else the fallback, decided when the script is built.</summary>
    public static string ScriptArgumentOr(int position, string read, string fallback) =>
        $"%( $# >= {position.ToString(System.Globalization.CultureInfo.InvariantCulture)} %? {read} %: {fallback} %)";

    public static string Spelling(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.UnsignedShiftRight => ">>>",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.ExclusiveOr => "^",
        BinaryOperator.LogicalAnd => "&&",
        BinaryOperator.LogicalOr => "||",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Concatenate => ".",
        BinaryOperator.RegexMatch => "=~",
        BinaryOperator.RegexNoMatch => "!~",
    };

    public static string Spelling(this UnaryOperator op) => op switch
    {
        UnaryOperator.Negate => "-",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.LogicalNot => "!",
    };

    public static string Spelling(this CrementOperator op) => op switch
    {
        CrementOperator.Increment => "++",
        CrementOperator.Decrement => "--",
    };

    public static string Spelling(this AssignmentOperator op) => op switch
    {
        AssignmentOperator.Assign => "=",
        AssignmentOperator.Add => "+=",
        AssignmentOperator.Subtract => "-=",
        AssignmentOperator.Multiply => "*=",
        AssignmentOperator.Divide => "/=",
        AssignmentOperator.Remainder => "%=",
        AssignmentOperator.ShiftLeft => "<<=",
        AssignmentOperator.ShiftRight => ">>=",
        AssignmentOperator.BitwiseAnd => "&=",
        AssignmentOperator.BitwiseOr => "|=",
        AssignmentOperator.ExclusiveOr => "^=",
        AssignmentOperator.Append => ".=",
    };

    public static string Spelling(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
    };

    public static string Spelling(this AggregateFunction aggregate) => aggregate switch
    {
        AggregateFunction.Count => "@count",
        AggregateFunction.Sum => "@sum",
        AggregateFunction.Min => "@min",
        AggregateFunction.Max => "@max",
        AggregateFunction.Avg => "@avg",
        AggregateFunction.Variance => "@variance",
    };

    public static string Spelling(this HistogramKind kind) => kind switch
    {
        HistogramKind.Log => "@hist_log",
        HistogramKind.Linear => "@hist_linear",
    };

    public static string Spelling(this LibraryMacroKind kind) => kind switch
    {
        LibraryMacroKind.ChooseDefined => "@choose_defined",
        LibraryMacroKind.TypeDefined => "@type_defined",
        LibraryMacroKind.TypeMemberDefined => "@type_member_defined",
        LibraryMacroKind.CastSizeof => "@cast_sizeof",
        LibraryMacroKind.CastModuleSizeof => "@cast_module_sizeof",
        LibraryMacroKind.PrometheusDumpArray1 => "@prometheus_dump_array1",
        LibraryMacroKind.PrometheusDumpArray2 => "@prometheus_dump_array2",
        LibraryMacroKind.PrometheusDumpArray3 => "@prometheus_dump_array3",
        LibraryMacroKind.PrometheusDumpArray1Map => "@prometheus_dump_array1_map",
        LibraryMacroKind.PrometheusDumpArray2Map => "@prometheus_dump_array2_map",
        LibraryMacroKind.PrometheusDumpArray3Map => "@prometheus_dump_array3_map",
    };
}
