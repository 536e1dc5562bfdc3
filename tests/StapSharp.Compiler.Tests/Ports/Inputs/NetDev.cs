// Source: systemtap
// Original: testsuite/systemtap.examples/network/netdev.stp
// Area: network
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Network device events: registration, ioctls, promiscuity, MTU and MAC changes, packets.</summary>
public sealed class NetDev : ProbeScript
{
    [Probe("netdev.get_stats ?")]
    void GetStats(string dev_name) => Printf("%s was asked for statistics structure\n", dev_name);

    [Probe("netdev.register")]
    void Register(string dev_name) => Printf("Registering netdev_name %s\n", dev_name);

    [Probe("netdev.unregister")]
    void Unregister(string dev_name) => Printf("Unregistering netdev %s\n", dev_name);

    [Probe("netdev.ioctl")]
    void Ioctl(long cmd, string arg) => Printf("Netdev ioctl raised with param: %d and arg: %s\n", cmd, arg);

    [Probe("netdev.set_promiscuity")]
    void Promiscuity(string dev_name, bool enable)
    {
        if (enable)
            Printf("Device %s entering in promiscuous mode\n", dev_name);
        else
            Printf("Device %s leaving promiscuous mode\n", dev_name);
    }

    [Probe("netdev.change_rx_flag ?")]
    void RxFlags(string dev_name, long flags) => Printf("Device %s is changing its RX flags to %d\n", dev_name, flags);

    [Probe("netdev.change_mtu")]
    void Mtu(string dev_name, long old_mtu, long new_mtu) =>
        Printf("Changing MTU on device %s from %d to %d\n", dev_name, old_mtu, new_mtu);

    [Probe("netdev.change_mac")]
    void Mac(string dev_name, string old_mac, string new_mac) =>
        Printf("Changing MAC address on device %s from %s to %s\n", dev_name, old_mac, new_mac);

    [Probe("netdev.transmit")]
    void Transmit(string dev_name, long protocol) =>
        Printf("Device %s is sending (queued) a packet with protocol %d\n", dev_name, protocol);

    [Probe("netdev.hard_transmit")]
    void HardTransmit(string dev_name, long protocol) =>
        Printf("Device %s is sending (hard) a packet with protocol %d\n", dev_name, protocol);

    [Probe("netdev.rx")]
    void Receive(string dev_name, long protocol) =>
        Printf("Device %s received a packet with protocol %d\n", dev_name, protocol);
}
