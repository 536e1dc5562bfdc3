using System.Collections.Generic;

namespace StapSharp;

public readonly partial struct Errno
{
    // One static class, so the table and its indexes initialise in this file's order.
    private static class Catalog
    {
        /// <summary>The Linux error numbers (asm-generic errno-base.h and errno.h) with glibc's strerror texts; 41 and 58 are unassigned.</summary>
        public static readonly ErrnoEntry[] Table =
        [
            new(1, "EPERM", "Operation not permitted"),
            new(2, "ENOENT", "No such file or directory"),
            new(3, "ESRCH", "No such process"),
            new(4, "EINTR", "Interrupted system call"),
            new(5, "EIO", "Input/output error"),
            new(6, "ENXIO", "No such device or address"),
            new(7, "E2BIG", "Argument list too long"),
            new(8, "ENOEXEC", "Exec format error"),
            new(9, "EBADF", "Bad file descriptor"),
            new(10, "ECHILD", "No child processes"),
            new(11, "EAGAIN", "Resource temporarily unavailable"),
            new(12, "ENOMEM", "Cannot allocate memory"),
            new(13, "EACCES", "Permission denied"),
            new(14, "EFAULT", "Bad address"),
            new(15, "ENOTBLK", "Block device required"),
            new(16, "EBUSY", "Device or resource busy"),
            new(17, "EEXIST", "File exists"),
            new(18, "EXDEV", "Invalid cross-device link"),
            new(19, "ENODEV", "No such device"),
            new(20, "ENOTDIR", "Not a directory"),
            new(21, "EISDIR", "Is a directory"),
            new(22, "EINVAL", "Invalid argument"),
            new(23, "ENFILE", "Too many open files in system"),
            new(24, "EMFILE", "Too many open files"),
            new(25, "ENOTTY", "Inappropriate ioctl for device"),
            new(26, "ETXTBSY", "Text file busy"),
            new(27, "EFBIG", "File too large"),
            new(28, "ENOSPC", "No space left on device"),
            new(29, "ESPIPE", "Illegal seek"),
            new(30, "EROFS", "Read-only file system"),
            new(31, "EMLINK", "Too many links"),
            new(32, "EPIPE", "Broken pipe"),
            new(33, "EDOM", "Numerical argument out of domain"),
            new(34, "ERANGE", "Numerical result out of range"),
            new(35, "EDEADLK", "Resource deadlock avoided"),
            new(36, "ENAMETOOLONG", "File name too long"),
            new(37, "ENOLCK", "No locks available"),
            new(38, "ENOSYS", "Function not implemented"),
            new(39, "ENOTEMPTY", "Directory not empty"),
            new(40, "ELOOP", "Too many levels of symbolic links"),
            new(42, "ENOMSG", "No message of desired type"),
            new(43, "EIDRM", "Identifier removed"),
            new(44, "ECHRNG", "Channel number out of range"),
            new(45, "EL2NSYNC", "Level 2 not synchronized"),
            new(46, "EL3HLT", "Level 3 halted"),
            new(47, "EL3RST", "Level 3 reset"),
            new(48, "ELNRNG", "Link number out of range"),
            new(49, "EUNATCH", "Protocol driver not attached"),
            new(50, "ENOCSI", "No CSI structure available"),
            new(51, "EL2HLT", "Level 2 halted"),
            new(52, "EBADE", "Invalid exchange"),
            new(53, "EBADR", "Invalid request descriptor"),
            new(54, "EXFULL", "Exchange full"),
            new(55, "ENOANO", "No anode"),
            new(56, "EBADRQC", "Invalid request code"),
            new(57, "EBADSLT", "Invalid slot"),
            new(59, "EBFONT", "Bad font file format"),
            new(60, "ENOSTR", "Device not a stream"),
            new(61, "ENODATA", "No data available"),
            new(62, "ETIME", "Timer expired"),
            new(63, "ENOSR", "Out of streams resources"),
            new(64, "ENONET", "Machine is not on the network"),
            new(65, "ENOPKG", "Package not installed"),
            new(66, "EREMOTE", "Object is remote"),
            new(67, "ENOLINK", "Link has been severed"),
            new(68, "EADV", "Advertise error"),
            new(69, "ESRMNT", "Srmount error"),
            new(70, "ECOMM", "Communication error on send"),
            new(71, "EPROTO", "Protocol error"),
            new(72, "EMULTIHOP", "Multihop attempted"),
            new(73, "EDOTDOT", "RFS specific error"),
            new(74, "EBADMSG", "Bad message"),
            new(75, "EOVERFLOW", "Value too large for defined data type"),
            new(76, "ENOTUNIQ", "Name not unique on network"),
            new(77, "EBADFD", "File descriptor in bad state"),
            new(78, "EREMCHG", "Remote address changed"),
            new(79, "ELIBACC", "Can not access a needed shared library"),
            new(80, "ELIBBAD", "Accessing a corrupted shared library"),
            new(81, "ELIBSCN", ".lib section in a.out corrupted"),
            new(82, "ELIBMAX", "Attempting to link in too many shared libraries"),
            new(83, "ELIBEXEC", "Cannot exec a shared library directly"),
            new(84, "EILSEQ", "Invalid or incomplete multibyte or wide character"),
            new(85, "ERESTART", "Interrupted system call should be restarted"),
            new(86, "ESTRPIPE", "Streams pipe error"),
            new(87, "EUSERS", "Too many users"),
            new(88, "ENOTSOCK", "Socket operation on non-socket"),
            new(89, "EDESTADDRREQ", "Destination address required"),
            new(90, "EMSGSIZE", "Message too long"),
            new(91, "EPROTOTYPE", "Protocol wrong type for socket"),
            new(92, "ENOPROTOOPT", "Protocol not available"),
            new(93, "EPROTONOSUPPORT", "Protocol not supported"),
            new(94, "ESOCKTNOSUPPORT", "Socket type not supported"),
            new(95, "EOPNOTSUPP", "Operation not supported"),
            new(96, "EPFNOSUPPORT", "Protocol family not supported"),
            new(97, "EAFNOSUPPORT", "Address family not supported by protocol"),
            new(98, "EADDRINUSE", "Address already in use"),
            new(99, "EADDRNOTAVAIL", "Cannot assign requested address"),
            new(100, "ENETDOWN", "Network is down"),
            new(101, "ENETUNREACH", "Network is unreachable"),
            new(102, "ENETRESET", "Network dropped connection on reset"),
            new(103, "ECONNABORTED", "Software caused connection abort"),
            new(104, "ECONNRESET", "Connection reset by peer"),
            new(105, "ENOBUFS", "No buffer space available"),
            new(106, "EISCONN", "Transport endpoint is already connected"),
            new(107, "ENOTCONN", "Transport endpoint is not connected"),
            new(108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown"),
            new(109, "ETOOMANYREFS", "Too many references: cannot splice"),
            new(110, "ETIMEDOUT", "Connection timed out"),
            new(111, "ECONNREFUSED", "Connection refused"),
            new(112, "EHOSTDOWN", "Host is down"),
            new(113, "EHOSTUNREACH", "No route to host"),
            new(114, "EALREADY", "Operation already in progress"),
            new(115, "EINPROGRESS", "Operation now in progress"),
            new(116, "ESTALE", "Stale file handle"),
            new(117, "EUCLEAN", "Structure needs cleaning"),
            new(118, "ENOTNAM", "Not a XENIX named type file"),
            new(119, "ENAVAIL", "No XENIX semaphores available"),
            new(120, "EISNAM", "Is a named type file"),
            new(121, "EREMOTEIO", "Remote I/O error"),
            new(122, "EDQUOT", "Disk quota exceeded"),
            new(123, "ENOMEDIUM", "No medium found"),
            new(124, "EMEDIUMTYPE", "Wrong medium type"),
            new(125, "ECANCELED", "Operation canceled"),
            new(126, "ENOKEY", "Required key not available"),
            new(127, "EKEYEXPIRED", "Key has expired"),
            new(128, "EKEYREVOKED", "Key has been revoked"),
            new(129, "EKEYREJECTED", "Key was rejected by service"),
            new(130, "EOWNERDEAD", "Owner died"),
            new(131, "ENOTRECOVERABLE", "State not recoverable"),
            new(132, "ERFKILL", "Operation not possible due to RF-kill"),
            new(133, "EHWPOISON", "Memory page has hardware error"),
        ];

        /// <summary>Second names the headers define for a number that already has one.</summary>
        public static readonly (string Alias, int Number)[] AliasTable =
        [
            ("EWOULDBLOCK", 11),
            ("EDEADLOCK", 35),
        ];

        public static readonly ErrnoEntry?[] ByNumber = IndexByNumber();

        public static readonly Dictionary<string, int> ByName = IndexByName();

        private static ErrnoEntry?[] IndexByNumber()
        {
            var index = new ErrnoEntry?[MaxKnownNumber + 1];
            foreach (var entry in Table)
            {
                index[entry.Number] = entry;
            }

            return index;
        }

        private static Dictionary<string, int> IndexByName()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in Table)
            {
                index.Add(entry.Name, entry.Number);
            }

            foreach (var (alias, number) in AliasTable)
            {
                index.Add(alias, number);
            }

            return index;
        }
    }

    private sealed class ErrnoEntry
    {
        public ErrnoEntry(int number, string name, string message)
        {
            Number = number;
            Name = name;
            Message = message;
        }

        public int Number { get; }

        public string Name { get; }

        public string Message { get; }
    }
}
