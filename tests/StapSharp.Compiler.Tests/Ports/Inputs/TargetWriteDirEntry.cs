// Source: systemtap
// Original: testsuite/buildok/twenty.stp
// Area: language
// Faithful: yes
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Writes a member of a probed function's argument (guru mode), chosen by the kernel's version.</summary>
[Guru]
public sealed class TargetWriteDirEntry : ProbeScript
{
    [Probe("kernel.function(\"iterate_dir\") !")]
    [Probe("kernel.function(\"vfs_readdir\")")]
    void ReadDir()
    {
        if (Kernel.VersionAtLeast("2.6.20"))
        {
            Var.Set("file->f_path->dentry->d_name->len", 1);
        }
        else
        {
            Var.Set("file->f_dentry->d_name->len", 1);
        }
    }
}
