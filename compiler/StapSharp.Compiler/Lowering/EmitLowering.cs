using System.Text;
using StapSharp.Compiler.Bound;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// <c>Emit(new R(a, b))</c> → one temporary per field, each argument evaluated once in C# order, the
/// timestamp, the cpu and the frame check, then a single <c>printf</c> of the whole <c>B</c> frame, so
/// another probe's output can never split it (runtime/StapSharp/WIRE-FORMAT.md).
/// </summary>
internal static class EmitLowering
{
    /// <param name="freshLocal">Claims a local name in the body, from a preferred one.</param>
    public static IReadOnlyList<Statement> Lower(BoundEmit emit, Func<string, string> freshLocal)
    {
        var span = emit.Span;
        var schema = emit.Schema;
        var statements = new List<Statement>();
        var temporaries = new VariableRef[schema.Fields.Count];
        foreach (var argument in emit.Arguments)
        {
            temporaries[argument.Ordinal] = Temporary("ev_" + schema.Fields[argument.Ordinal].Name, argument.Value);
        }

        // The timestamp and the cpu go into temporaries too: the frame check covers them.
        var timestamp = Temporary("ev_ts", new Call(span, StapType.Long, TranslatorFunctions.GetTimeOfDayNs, []));
        var cpu = Temporary("ev_cpu", new Call(span, StapType.Long, TranslatorFunctions.Cpu, []));
        var checkedValues = new List<Expression> { timestamp, cpu };
        checkedValues.AddRange(temporaries.Select(t => t.Type == StapType.String ? new Call(t.Span, StapType.Long, TranslatorFunctions.StrLen, [t]) : (Expression)t));
        var check = Temporary("ev_check", FrameCheck.Sum(span, schema.Id, checkedValues));

        // A B frame: every value as little-endian bytes, so the probe formats no digits and the host parses
        // none. The id and the cpu take two bytes, the timestamp and each integer eight; the check four.
        // The id's second byte is zero (ids stop at 255), which no printed text can hold.
        var format = new StringBuilder(WireFormat.FrameStartFormat);
        var values = new List<Expression> { new Literal(span, StapType.Long, schema.Id, null), timestamp, cpu };
        foreach (var temporary in temporaries)
        {
            if (temporary.Type == StapType.String)
            {
                format.Append(WireFormat.StringFieldFormat);
                values.Add(new Call(temporary.Span, StapType.Long, TranslatorFunctions.StrLen, [temporary]));
            }
            else
            {
                format.Append(WireFormat.IntegerFieldFormat);
            }

            values.Add(temporary);
        }

        format.Append(WireFormat.CheckFormat);
        values.Add(FrameCheck.Folded(span, check));
        statements.Add(new ExpressionStatement(span, new FormatCall(span, StapType.Void, "printf", format.Append('\n').ToString(), values)));
        return statements;

        // Assigns the value to a fresh local named after the preferred name; returns the local.
        VariableRef Temporary(string name, Expression value)
        {
            var temporary = new VariableRef(value.Span, value.Type, freshLocal(name));
            statements.Add(new ExpressionStatement(value.Span, new Assignment(value.Span, value.Type, AssignmentOperator.Assign, temporary, value)));
            return temporary;
        }
    }
}
