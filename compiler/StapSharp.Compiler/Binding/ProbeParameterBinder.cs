using Microsoft.CodeAnalysis;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.IR;
using StapSharp.Compiler.Naming;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// A probe method's parameters read the probe's context: by default the alias variable of the
/// same name (<c>string argstr</c> in a <c>syscall.*</c> probe); with <c>[Target]</c> the target
/// variable <c>$name</c>, and with <c>[Target("return")]</c> a chosen one such as <c>$return</c>;
/// <c>[Target] ref</c> also writes it where stap allows (<see cref="TargetWriteRules"/>).
/// </summary>
internal static class ProbeParameterBinder
{
    public static void Declare(IParameterSymbol parameter, BodyContext context)
    {
        var location = parameter.Locations[0];
        var type = StapTypes.Map(parameter.Type, out var advice);
        if (type is not (StapType.Long or StapType.String))
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadProbeParameter, location, parameter.Name,
                $"has type '{parameter.Type.ToDisplayString()}': context variables are long or string" + (advice.Length > 0 ? "; " + advice : string.Empty));
        }

        var target = context.Known.Find(parameter, context.Known.TargetAttribute).FirstOrDefault();
        // [Target] ref string value: assigning it writes the target variable, as a ref parameter writes its caller's.
        var refAllowed = parameter.RefKind == RefKind.Ref && target is not null;
        if ((parameter.RefKind != RefKind.None && !refAllowed) || parameter.IsParams || parameter.HasExplicitDefaultValue)
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadProbeParameter, location, parameter.Name,
                "is ref, out, in, params or optional: a context variable is a plain value (only a [Target] parameter may be ref, to write its target variable)");
        }

        if (target is null)
        {
            // An alias variable must keep its exact name: that name is what binds it.
            if (!context.Locals.TryClaimExact(parameter, parameter.Name))
            {
                context.Diagnostics.Report(DiagnosticCatalog.BadProbeParameter, location, parameter.Name,
                    "cannot name a context variable: " + WhyNotAnAliasVariable(parameter.Name));
            }

            return;
        }

        var name = target.ConstructorArguments.FirstOrDefault().Value as string ?? parameter.Name;
        if (!StapNames.IsTargetPath(name, allowIndex: false))
        {
            context.Diagnostics.Report(DiagnosticCatalog.BadProbeParameter, location, parameter.Name,
                $"names the target variable '{name}', which is not of the form name or name->field (without $)");
            name = parameter.Name;
        }

        context.TargetParameters[parameter] = name;
    }

    // What keeps the name from an alias variable, and what the parameter can be instead: only a global
    // of the script can be renamed; stap reads its own words everywhere, and a tapset's global is what
    // its name means in every probe and alias body, so no alias variable has it.
    private static string WhyNotAnAliasVariable(string name)
    {
        var target = $"for the target variable ${name}, mark the parameter [Target]";
        if (!StapNames.IsIdentifier(name))
        {
            return "it is not a stap identifier (ASCII letters, digits and _), so no context variable has it";
        }

        return ReservedNames.IsWord(name) ? $"stap reads it itself (a keyword or a print built-in); {target}"
            : ReservedNames.TapsetGlobals.Contains(name) ? $"it is a tapset's global, which the name means in every probe and alias, so no alias variable has it; {target}"
            : $"it is a global of this script; rename the field, or {target}";
    }
}
