using System.Text;
using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Targets;

public class VmPlumbingTests
{
    [Fact]
    public void Qemu_uses_tcg_and_four_serial_ports()
    {
        var arguments = QemuMachine.BuildArguments(new QemuLaunch("/q", "/boot/vmlinuz-x", "/t/i.gz", 384, "/t/console.log", "/t/c.sock"));
        var line = string.Join(' ', arguments);
        Assert.Contains("-accel tcg", line);
        Assert.Contains("-m 384", line);
        Assert.Contains("-kernel /boot/vmlinuz-x -initrd /t/i.gz", line);
        Assert.Contains("rdinit=/init", line);
        Assert.Contains("-no-reboot", line);
        Assert.Equal(["file:/t/console.log", "stdio", "chardev:control", "chardev:messages"],
            arguments.Select((a, i) => (a, i)).Where(p => p.a == "-serial").Select(p => arguments[p.i + 1]));
        Assert.Contains("socket,id=control,path=/t/c.sock,server=on,wait=on", arguments);
        Assert.Contains("socket,id=messages,path=/t/messages.sock,server=on,wait=on", arguments);
    }

    [Fact]
    public void Virtio_output_goes_to_a_named_virtio_serial_port_on_its_own_socket_and_the_uart_to_nothing()
    {
        var arguments = QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/console.log", "/t/c.sock")
        {
            Output = VmOutputChannel.VirtioSerial,
        });
        Assert.Equal(["file:/t/console.log", "null", "chardev:control", "chardev:messages"],
            arguments.Select((a, i) => (a, i)).Where(p => p.a == "-serial").Select(p => arguments[p.i + 1]));
        var line = string.Join(' ', arguments);
        Assert.Contains("-device virtio-serial-pci,id=ports " +
            "-chardev socket,id=output,path=/t/output.sock,server=on,wait=on " +
            "-device virtserialport,bus=ports.0,chardev=output,name=org.stapsharp.output", line);
    }

    [Fact]
    public void Kvm_runs_the_guest_with_qemus_default_cpu_model()
    {
        var arguments = QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/c.log", "/t/c.sock") { Accelerator = VmAccelerator.Kvm });
        Assert.Equal(["-accel", "kvm"], arguments.Take(2));
        Assert.DoesNotContain("tcg", arguments);
        Assert.DoesNotContain("-cpu", arguments);
    }

    [Fact]
    public void The_host_file_system_is_shared_read_only_with_inode_numbers_kept_apart()
    {
        var line = string.Join(' ', QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/c.log", "/t/c.sock") { ShareHostFileSystem = true }));
        Assert.Contains("-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap " +
            "-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot", line);
        Assert.DoesNotContain("fsdev", string.Join(' ', QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/c.log", "/t/c.sock"))));
    }

    [Theory]
    [InlineData(VmOutputChannel.VirtioSerial, 512, 1, 16)]
    [InlineData(VmOutputChannel.Uart, 512, 1, 1)]
    [InlineData(VmOutputChannel.VirtioSerial, 128, 2, 8)]
    [InlineData(VmOutputChannel.VirtioSerial, 8, 1, 1)]
    public void The_guest_buffer_holds_a_few_seconds_of_the_port_within_an_eighth_of_the_memory(VmOutputChannel port, int memoryMb, int cpus, int expected) =>
        Assert.Equal(expected, VmTarget.GuestBufferSizeMb(new RunOptions { VmOutput = port, GuestMemoryMb = memoryMb, GuestCpus = cpus }));

    [Fact]
    public void A_guest_kernel_panic_is_named_in_the_failure_since_its_stack_trace_fills_the_console_tail()
    {
        const string console = "[    9.1] Run /init as init process\n[   19.3] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000200\n[   19.3] CPU: 0 PID: 1\n";
        Assert.Equal(" (the guest kernel panicked: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000200)", VmTarget.PanicOf(console));
        Assert.Equal("", VmTarget.PanicOf("[    9.1] Run /init as init process\n"));
    }

    [Fact]
    public async Task Serial_lines_split_on_newline_drop_carriage_returns_and_keep_a_partial_last_line()
    {
        var bytes = Encoding.UTF8.GetBytes("one\r\ntwo\n\nthr\u00e9e\r\npartial");
        var lines = new List<string>();
        await foreach (var line in QemuMachine.SplitLinesAsync(new MemoryStream(bytes)))
        {
            lines.Add(line);
        }

        Assert.Equal(["one", "two", "", "thr\u00e9e", "partial"], lines);
    }
}
