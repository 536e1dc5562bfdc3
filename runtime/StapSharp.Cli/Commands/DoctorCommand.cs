using System.CommandLine;
using Spectre.Console;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.Cli.Commands;

/// <summary>
/// <c>stapsharp doctor</c>: what is installed, what is missing, and the command that fixes it;
/// <c>--install-debuginfo</c> installs the target kernel's debuginfo (an explicit opt-in: close to a gigabyte).
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var installDebuginfo = new Option<bool>("--install-debuginfo")
        {
            Description = "Install the target kernel's debuginfo package (linux-image-RELEASE-dbg, about 0.9 GB to download and " +
                          "several GB on disk), which kernel.function, module(...).function and .statement probes need",
        };
        var command = new Command("doctor", "Show which tools are present and how to install what is missing") { installDebuginfo };
        command.SetAction((parse, cancel) => parse.GetValue(installDebuginfo) ? InstallDebuginfoAsync(cancel) : Task.FromResult(Run()));
        return command;
    }

    private static int Run()
    {
        var toolchain = StapToolchain.Discover();
        var table = new Table().AddColumns("tool", "for", "status");
        foreach (var item in toolchain.Report.Items)
        {
            var status = item.IsOk ? $"[green]{Markup.Escape(item.Path ?? "ok")}[/]"
                : item.Optional ? $"[yellow]{Markup.Escape(item.Problem!)}[/]"
                : $"[red]{Markup.Escape(item.Problem!)}[/]";
            table.AddRow(Markup.Escape(item.Name), Markup.Escape(item.Purpose), status);
        }

        AnsiConsole.Write(table);
        var host = HostCapabilities.Detect();
        AnsiConsole.MarkupLineInterpolated($"kernel release for modules: {toolchain.KernelRelease ?? "(none)"}; running kernel: {host.RunningRelease}");
        AnsiConsole.MarkupLineInterpolated($"run target: {(host.CanLoadModules ? "this kernel (staprun)" : $"a QEMU VM ({host.Reason})")}");
        if (toolchain.Debuginfo is { IsInstalled: false } debuginfo)
        {
            AnsiConsole.MarkupLineInterpolated($"kernel debuginfo (optional, for kernel.function, module(...).function and .statement probes): {debuginfo.InstallAdvice()}");
        }

        if (toolchain.Report.FixCommand is { } fix)
        {
            AnsiConsole.MarkupLineInterpolated($"to fix: [bold]{fix}[/]");
            return ExitCodes.UserError;
        }

        return ExitCodes.Success;
    }

    private static async Task<int> InstallDebuginfoAsync(CancellationToken cancel)
    {
        var toolchain = StapToolchain.Discover();
        var debuginfo = toolchain.Debuginfo
            ?? throw new ToolchainException("no distribution kernel is installed to install the debuginfo of", ToolchainReport.FixCommandFor(toolchain.Report.Missing));
        if (debuginfo.IsInstalled)
        {
            Console.WriteLine(DiagnosticText.Escape($"kernel debuginfo for {debuginfo.Release} is installed: {debuginfo.VmlinuxPath}"));
            return ExitCodes.Success;
        }

        Status.Notice($"installing {debuginfo.PackageName}{(debuginfo.Sizes is { } sizes ? $" ({sizes})" : string.Empty)}");
        var installed = await DebuginfoInstaller.InstallAsync(debuginfo, line => Status.Notice("  " + line), cancel);
        Console.WriteLine(DiagnosticText.Escape($"kernel debuginfo for {installed.Release} is installed: {installed.VmlinuxPath}"));
        return ExitCodes.Success;
    }
}
