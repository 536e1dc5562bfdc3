using System.CommandLine;
using Spectre.Console;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary><c>stapsharp doctor</c>: what is installed, what is missing, and the command that fixes it.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Show which tools are present and how to install what is missing");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var toolchain = StapToolchain.Discover();
        var table = new Table().AddColumns("tool", "for", "status");
        foreach (var item in toolchain.Report.Items)
        {
            table.AddRow(Markup.Escape(item.Name), Markup.Escape(item.Purpose),
                item.IsOk ? $"[green]{Markup.Escape(item.Path ?? "ok")}[/]" : $"[red]{Markup.Escape(item.Problem!)}[/]");
        }

        AnsiConsole.Write(table);
        var host = HostCapabilities.Detect();
        AnsiConsole.MarkupLineInterpolated($"kernel release for modules: {toolchain.KernelRelease ?? "(none)"}; running kernel: {host.RunningRelease}");
        AnsiConsole.MarkupLineInterpolated($"run target: {(host.CanLoadModules ? "this kernel (staprun)" : $"a QEMU VM ({host.Reason})")}");
        if (toolchain.Report.FixCommand is { } fix)
        {
            AnsiConsole.MarkupLineInterpolated($"to fix: [bold]{fix}[/]");
            return ExitCodes.UserError;
        }

        return ExitCodes.Success;
    }
}
