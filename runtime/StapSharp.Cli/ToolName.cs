using System.Reflection;

namespace StapSharp.Cli;

/// <summary>
/// The name users type: the tool package's ToolCommandName (StapSharp.Cli.csproj), not the assembly's name,
/// which System.CommandLine's RootCommand would show in every usage line.
/// </summary>
internal static class ToolName
{
    public static string Value { get; } = typeof(ToolName).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "ToolCommandName").Value!;
}
