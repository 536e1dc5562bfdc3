namespace StapSharp.Runtime.Machines;

/// <summary>How a VM run's output (the module's bytes) travels from the guest to the host.</summary>
public enum VmOutputChannel
{
    /// <summary>A virtio-serial port (the guest's virtio_console driver): tens of MB/s. The default.</summary>
    VirtioSerial,

    /// <summary>The second emulated UART (ttyS1): about 0.45 MB/s, but it needs no guest kernel module.</summary>
    Uart,
}
