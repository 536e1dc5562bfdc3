using System.Text;

namespace StapSharp.Runtime.Machines;

/// <summary>
/// The guest end of the output port. The UART is /dev/ttyS1. A virtio-serial port is found by its name in sysfs once
/// virtio_console has seen the host announce it (there is no udev for /dev/virtio-ports/NAME); its node is
/// /dev/vportNpM. A virtio port opens only once at a time, so /init opens it once, as descriptor
/// <see cref="Descriptor"/>, and everything that writes there (staprun, the exit-code marker) inherits that.
/// </summary>
internal static class GuestOutputPort
{
    /// <summary>The virtio-serial port's name (QEMU's virtserialport name=).</summary>
    public const string VirtioPortName = "org.stapsharp.output";

    /// <summary>The descriptor /init holds the output port open as.</summary>
    public const int Descriptor = 4;

    /// <summary>Shell redirection of standard output to the output port.</summary>
    public const string Redirect = ">&4";

    /// <summary>Shell redirection that keeps the port from a command that must not write there (the guest command).</summary>
    public const string Close = "4>&-";

    private const string Variable = "out";
    private const string Device = "\"$" + Variable + "\"";

    /// <summary>How long /init waits for the virtio port to appear (the host announces it after the driver asks).</summary>
    private const int WaitTenths = 100;

    /// <summary>The distribution kernel modules the channel needs in the guest.</summary>
    public static IReadOnlyList<string> KernelModules(VmOutputChannel channel) =>
        channel == VmOutputChannel.VirtioSerial ? ["virtio_pci", "virtio_console"] : [];

    /// <summary>Shell lines that open the port as <see cref="Descriptor"/>; when it never appears, a marker says so and the guest powers off.</summary>
    public static void AppendOpen(StringBuilder script, VmOutputChannel channel, GuestMarkers markers)
    {
        if (channel == VmOutputChannel.Uart)
        {
            script.Append($"exec {Descriptor}>{GuestInitScript.UartOutputPort}\n");
            return;
        }
        script.Append($"{Variable}=; i=0\n");
        // Until the device file exists, not only the port's sysfs entry: devtmpfs may add the file a moment later.
        script.Append($"while [ ! -c {Device} ] && [ $i -lt {WaitTenths} ]; do\n");
        script.Append("  for port in /sys/class/virtio-ports/*; do\n");
        script.Append($"    [ \"$(cat $port/name 2>/dev/null)\" = {VirtioPortName} ] && {Variable}=/dev/${{port##*/}}\n");
        script.Append("  done\n");
        script.Append($"  [ -c {Device} ] || sleep 0.1; i=$((i+1))\n");
        script.Append("done\n");
        script.Append($"[ -c {Device} ] || ")
            .Append(GuestInitScript.FailAndPowerOff(markers, $"the guest found no virtio-serial port named {VirtioPortName}")).Append('\n');
        script.Append($"exec {Descriptor}>{Device}\n");
    }
}
