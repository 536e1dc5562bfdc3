using StapSharp.Runtime.Machines;
using StapSharp.Runtime.Targets;

namespace StapSharp.Runtime.Tests.Machines;

/// <summary>--vm-disk's syntax, what it refuses, and what reaches QEMU and blkdebug.</summary>
public class VmDiskTests
{
    [Fact]
    public void A_size_alone_is_a_healthy_disk()
    {
        Assert.Equal(new VmDisk(64L << 20), VmDisk.Parse("64M"));
        Assert.Equal(new VmDisk(1L << 30), VmDisk.Parse("1g"));
        Assert.Equal(new VmDisk(2048L << 10), VmDisk.Parse("2048K"));
    }

    [Fact]
    public void Every_setting_becomes_a_typed_value()
    {
        var disk = VmDisk.Parse("64M,fault=enospc,on=read,after=3,sector=2048,sector=8,once");
        Assert.Equal(new VmDisk(64L << 20, new VmDiskFault(VmDiskError.Enospc, VmDiskOperation.Read)
        {
            After = 3,
            Sectors = [2048, 8],
            Once = true,
        }), disk);
    }

    [Fact]
    public void A_fault_fails_writes_unless_it_says_otherwise()
    {
        var fault = VmDisk.Parse("16M,fault=eio").Fault!;
        Assert.Equal(VmDiskOperation.Write, fault.Operation);
        Assert.Equal(0, fault.After);
        Assert.Empty(fault.Sectors);
        Assert.False(fault.Once);
    }

    [Theory]
    [InlineData("64M")]
    [InlineData("3G,fault=eio,on=write")]
    [InlineData("1536K,fault=enospc,on=read,after=7,sector=0,sector=3071,once")]
    public void The_text_of_a_disk_reads_back_as_the_same_disk(string text)
    {
        var disk = VmDisk.Parse(text);
        Assert.Equal(text, disk.ToString());
        Assert.Equal(disk, VmDisk.Parse(disk.ToString()));
    }

    [Theory]
    [InlineData("", "a disk starts with its size")]
    [InlineData("fault=eio", "a disk starts with its size")]
    [InlineData("64T", "a disk starts with its size")]
    [InlineData("-1M", "a disk starts with its size")]
    [InlineData("99999999999999G", "a disk starts with its size")]
    [InlineData("512K", "from 1M to 64G")]
    [InlineData("65G", "from 1M to 64G")]
    [InlineData("1048577", "whole number of 512-byte sectors")]
    [InlineData("64M,fault=eperm", "fault= takes eio or enospc (not \"eperm\")")]
    [InlineData("64M,fault=EIO", "fault= takes eio or enospc")]
    [InlineData("64M,fault=eio,on=flush", "on= takes write or read")]
    [InlineData("64M,fault=eio,after=-1", "after= takes a whole number from 0 to 1000")]
    [InlineData("64M,fault=eio,after=1001", "after= takes a whole number from 0 to 1000")]
    [InlineData("64M,fault=eio,after=3;reboot", "after= takes a whole number")]
    [InlineData("64M,fault=eio,sector=0x10", "sector= takes a whole number")]
    [InlineData("64M,fault=eio,sector=", "sector= takes a whole number")]
    [InlineData("64M,fault=eio,sector=131072", "sector 131072 is not on the disk: its sectors are 0 to 131071")]
    [InlineData("64M,fault=eio,sector=99999999999999999999", "sector= takes a whole number")]
    [InlineData("64M,fault=eio,once=off", "once takes no value")]
    [InlineData("64M,fault=eio,fault=enospc", "fault appears twice")]
    [InlineData("64M,on=write", "describe a fault: add fault=eio or fault=enospc")]
    [InlineData("64M,after=2", "describe a fault")]
    [InlineData("64M,fault=eio,file=/etc/passwd", "unknown disk setting \"file\"")]
    [InlineData("64M,fault=eio,,", "unknown disk setting \"\"")]
    [InlineData("64M,fault=eio,errno=\"5\"\n[inject-error]", "unknown disk setting \"errno\"")]
    public void What_the_syntax_does_not_describe_is_refused_with_what_to_write(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => VmDisk.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_disk_built_in_code_is_checked_before_a_run_attaches_it()
    {
        Assert.Null(new VmDisk(64L << 20, new VmDiskFault(VmDiskError.Eio, VmDiskOperation.Write) { Sectors = [131071] }).Problem());
        Assert.Contains("is not on the disk",
            new VmDisk(64L << 20, new VmDiskFault(VmDiskError.Eio, VmDiskOperation.Write) { Sectors = [-1] }).Problem());
        Assert.Contains("fault's error", new VmDisk(64L << 20, new VmDiskFault((VmDiskError)77, VmDiskOperation.Write)).Problem());
        Assert.Contains("fault's operation", new VmDisk(64L << 20, new VmDiskFault(VmDiskError.Eio, (VmDiskOperation)9)).Problem());
        Assert.Contains("from 1M to 64G", new VmDisk(100).Problem());
        var tooMany = Enumerable.Repeat(new VmDisk(1L << 20), VmDisk.MaxDisks + 1).ToList();
        Assert.Contains("at most 8 disks", Assert.Throws<ArgumentException>(() => GuestDisks.Validate(tooMany)).Message);
        Assert.Contains("disk 2 (vdb)", Assert.Throws<ArgumentException>(() => GuestDisks.Validate([new VmDisk(1L << 20), new VmDisk(7)])).Message);
    }

    [Fact]
    public void A_write_fault_arms_on_every_write_for_writes_only()
    {
        Assert.Equal("""
            [inject-error]
            event = "write_aio"
            iotype = "write"
            errno = "5"


            """.Replace("\r", ""), GuestDisks.BlkdebugConfig(new VmDiskFault(VmDiskError.Eio, VmDiskOperation.Write)));
    }

    [Fact]
    public void After_n_counts_the_operations_through_a_chain_of_states_and_each_sector_is_a_rule_of_the_last_state()
    {
        var config = GuestDisks.BlkdebugConfig(new VmDiskFault(VmDiskError.Enospc, VmDiskOperation.Read)
        {
            After = 2,
            Sectors = [8, 2048],
            Once = true,
        });
        Assert.Equal("""
            [set-state]
            event = "read_aio"
            state = "1"
            new_state = "2"

            [set-state]
            event = "read_aio"
            state = "2"
            new_state = "3"

            [inject-error]
            event = "read_aio"
            iotype = "read"
            errno = "28"
            state = "3"
            sector = "8"
            once = "on"

            [inject-error]
            event = "read_aio"
            iotype = "read"
            errno = "28"
            state = "3"
            sector = "2048"
            once = "on"


            """.Replace("\r", ""), config);
    }

    [Fact]
    public void Disks_attach_in_order_as_virtio_blk_with_errors_reported_to_the_guest_and_commas_in_paths_doubled()
    {
        var arguments = QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/c.log", "/t/c.sock")
        {
            Disks =
            [
                new AttachedDisk(new VmDisk(1L << 20, new VmDiskFault(VmDiskError.Eio, VmDiskOperation.Write)), "/t,x/disk0.img", "/t,x/disk0.blkdebug"),
                new AttachedDisk(new VmDisk(1L << 20), "/t,x/disk1.img", null),
            ],
        });
        Assert.Contains("-drive if=none,id=disk0,format=raw,file=blkdebug:/t,,x/disk0.blkdebug:/t,,x/disk0.img,werror=report,rerror=report " +
            "-device virtio-blk-pci,drive=disk0 " +
            "-drive if=none,id=disk1,format=raw,file=/t,,x/disk1.img,werror=report,rerror=report " +
            "-device virtio-blk-pci,drive=disk1", string.Join(' ', arguments));
        Assert.DoesNotContain("virtio-blk-pci", QemuMachine.BuildArguments(new QemuLaunch("/q", "/k", "/t/i.gz", 512, "/t/c.log", "/t/c.sock")));
    }

    [Fact]
    public void The_images_are_sparse_files_of_the_disks_size_in_the_runs_folder_and_go_with_it()
    {
        string folder;
        using (var work = new TempDirectory())
        {
            folder = work.Path;
            var disks = GuestDisks.Create([new VmDisk(64L << 20, new VmDiskFault(VmDiskError.Eio, VmDiskOperation.Write) { After = 1 }), new VmDisk(1L << 20)], work.Path);
            Assert.Equal([work.Combine("disk0.img"), work.Combine("disk1.img")], disks.Select(d => d.ImagePath));
            Assert.Equal(64L << 20, new FileInfo(disks[0].ImagePath).Length);
            Assert.Equal(GuestDisks.BlkdebugConfig(disks[0].Disk.Fault!), File.ReadAllText(disks[0].BlkdebugConfigPath!));
            Assert.Null(disks[1].BlkdebugConfigPath);
        }
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void The_guest_loads_virtio_blk_and_waits_for_each_disk_before_staprun_starts()
    {
        var init = GuestInitScript.ForRun(new GuestInitScript.RunPlan("m", ["/m.ko"], null, TimeSpan.Zero, false)
        {
            KernelModules = [new GuestKernelModule("virtio_blk", "/lib/modules/r/virtio_blk.ko")],
            Disks = 2,
        }, new GuestMarkers());
        var insmod = init.IndexOf("insmod '/lib/modules/r/virtio_blk.ko'", StringComparison.Ordinal);
        var vda = init.IndexOf("[ ! -b /dev/vda ]", StringComparison.Ordinal);
        var vdb = init.IndexOf("[ ! -b /dev/vdb ]", StringComparison.Ordinal);
        var staprun = init.IndexOf("staprun ", StringComparison.Ordinal);
        Assert.True(insmod >= 0 && insmod < vda && vda < vdb && vdb < staprun, init);
        Assert.Contains("virtio_blk", GuestDisks.KernelModules);
    }
}
