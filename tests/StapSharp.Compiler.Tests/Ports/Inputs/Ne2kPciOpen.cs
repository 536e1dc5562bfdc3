// Source: systemtap
// Original: testsuite/buildok/pr10678.stp
// Area: language
// Faithful: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>The ne2k_pci module's open, probed only where the kernel builds the driver as a module (CONFIG_NE2K_PCI=m); elsewhere a begin probe says so and exits.</summary>
public sealed class Ne2kPciOpen : ProbeScript
{
    static bool Ne2kPciIsAModule => Kernel.Config("CONFIG_NE2K_PCI") == "m";

    // The ne2k_pci module dwarf refers to both kernel and 8390 module symbols
    [BuildIf(nameof(Ne2kPciIsAModule))]
    [Probe("module(\"ne2k_pci\").function(\"ne2k_pci_open\")")]
    void Open() => Log(Var.Parms);

    [BuildIf(nameof(Ne2kPciIsAModule), Otherwise = true)]
    [Probe("begin")]
    void Skipped()
    {
        Log("No ne2k-pci module, this test skipped.");
        Exit();
    }
}
