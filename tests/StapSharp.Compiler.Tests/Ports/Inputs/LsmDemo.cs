// Source: systemtap
// Original: testsuite/systemtap.bpf/bpf_tests/lsm/lsm_demo.stp
// Area: tapset
// Faithful: yes
using System.Text.RegularExpressions;
using StapSharp;
using static StapSharp.Stap;

/// <summary>Security monitoring through the lsm tapset: executions, file opens and permission checks outside /proc and /sys, sockets, directory changes and deletions.</summary>
public sealed class LsmDemo : ProbeScript
{
    static readonly StapMap<string, Stats> exec_log = new();
    static readonly StapMap<string, Stats> file_log = new();
    static readonly StapMap<(string, string), Stats> socket_log = new();

    // Monitor program execution
    [Probe("lsm.bprm_check_security")]
    void BprmCheckSecurity(string filename)
    {
        exec_log[filename].Add(1);
        Printf("EXEC: %s (args=%d)\n", filename, Argc);
    }

    // Monitor file access
    [Probe("lsm.file_open")]
    void FileOpen(string pathname, long inode, long mode)
    {
        if (!Regex.IsMatch(pathname, "^/proc") && !Regex.IsMatch(pathname, "^/sys"))
        {
            file_log[pathname].Add(1);
            Printf("OPEN: %s (inode=%d, mode=0%o)\n", pathname, inode, mode);
        }
    }

    // Monitor file permission checks
    [Probe("lsm.file_permission")]
    void FilePermission(string pathname, long may_read, long may_write, long may_exec)
    {
        string access = "";
        if (may_read != 0) access = access + "R";
        if (may_write != 0) access = access + "W";
        if (may_exec != 0) access = access + "X";

        if (access != "" && !Regex.IsMatch(pathname, "^/proc") && !Regex.IsMatch(pathname, "^/sys"))
            Printf("PERM: %s (%s)\n", pathname, access);
    }

    // Monitor socket operations
    [Probe("lsm.socket_create")]
    void SocketCreate(long family, long type, long protocol)
    {
        string fam_str = (family == 2) ? "AF_INET" :
                         (family == 10) ? "AF_INET6" :
                         (family == 1) ? "AF_UNIX" : Sprintf("AF_%d", family);

        string type_str = (type == 1) ? "STREAM" :
                          (type == 2) ? "DGRAM" : Sprintf("TYPE_%d", type);

        socket_log[(fam_str, type_str)].Add(1);
        Printf("SOCKET: %s/%s proto=%d\n", fam_str, type_str, protocol);
    }

    // Monitor directory operations
    [Probe("lsm.inode_mkdir")]
    void InodeMkdir(string dir_inode, string dirname, long mode) =>
        Printf("MKDIR: %s/%s (mode=0%o)\n", dir_inode, dirname, mode);

    [Probe("lsm.inode_rmdir")]
    void InodeRmdir(string dir_inode, string dirname) =>
        Printf("RMDIR: %s/%s\n", dir_inode, dirname);

    // Monitor file deletions
    [Probe("lsm.inode_unlink")]
    void InodeUnlink(string dir_inode, string filename) =>
        Printf("UNLINK: %s/%s\n", dir_inode, filename);

    // Report summary
    [Probe("end")]
    void End()
    {
        Println("\n=== EXECUTION SUMMARY ===");
        foreach (var (exe, _) in exec_log.OrderByDescending(e => e.Value).Take(10))
            Printf("  %s: %d times\n", exe, exec_log[exe].Count());

        Println("\n=== FILE ACCESS SUMMARY ===");
        foreach (var (path, _) in file_log.OrderByDescending(e => e.Value).Take(10))
            Printf("  %s: %d times\n", path, file_log[path].Count());

        Println("\n=== SOCKET SUMMARY ===");
        foreach (var ((fam, type), _) in socket_log.OrderByDescending(e => e.Value))
            Printf("  %s/%s: %d times\n", fam, type, socket_log[(fam, type)].Count());
    }
}
