using StapSharp;
using static StapSharp.Stap;

namespace Samples;

/// <summary>One request the block backend completed, as its completion callback received it.</summary>
/// <param name="Pid">The backend's process.</param>
/// <param name="Caller">The function that submitted the request (virtio_blk_handle_write).</param>
/// <param name="Sector">The request's first sector (512 bytes each).</param>
/// <param name="Sectors">How many sectors it covered.</param>
/// <param name="Errno">The "Return Code Received" by virtio_blk_rw_complete: 0, or the error (EIO, ENOSPC, ...).</param>
public sealed record BackendCompletion(long Pid, string Caller, long Sector, long Sectors, Errno Errno);

/// <summary>One block request the guest kernel completed with an error.</summary>
/// <param name="Device">The disk (vda, ...).</param>
/// <param name="Sector">The request's first sector.</param>
/// <param name="Sectors">How many sectors failed.</param>
/// <param name="Direction">read, write or other (a flush, a discard, ...).</param>
/// <param name="Errno">The error the kernel hands up (blk_status_to_errno).</param>
public sealed record BlockRequestError(string Device, long Sector, long Sectors, string Direction, Errno Errno);

/// <summary>One request the guest's virtio-blk driver got back from the device with an error status (needs the kernel's debuginfo).</summary>
/// <param name="Device">The disk (vda, ...).</param>
/// <param name="Sector">The request's first sector.</param>
/// <param name="Sectors">How many sectors it covered.</param>
/// <param name="Direction">read, write or other.</param>
/// <param name="VirtioStatus">The device's status byte: 1 VIRTIO_BLK_S_IOERR, 2 VIRTIO_BLK_S_UNSUPP.</param>
public sealed record VirtioRequestError(string Device, long Sector, long Sectors, string Direction, long VirtioStatus);

/// <summary>
/// I/O errors of a virtual disk seen twice: where a KVM host's block backend gets them back (QEMU's
/// virtio_blk_rw_complete(opaque, ret), here the sample's small backend of the same shape) and where the
/// guest kernel fails the request (the block_rq_complete tracepoint).
/// </summary>
/// <remarks>
/// The completion callback gets the request as a void pointer; the caller's probe reads the request through its
/// typed parameter and keeps its sector and size by the request's address, which the callback's opaque is.
/// On a KVM host, the same probes with process("/usr/libexec/qemu-kvm") follow QEMU's own requests (README.md).
/// </remarks>
public sealed class VirtioBlkErrors : ProbeScript
{
    /// <summary>The first sector of each request in flight, by the request's address.</summary>
    static readonly StapMap<long, long> sectorOf = new(maxEntries: 4096);

    /// <summary>Its size in sectors, by the same address.</summary>
    static readonly StapMap<long, long> sectorsOf = new(maxEntries: 4096);

    /// <summary>The function that submitted it, by the same address.</summary>
    static readonly StapMap<long, string> callerOf = new(maxEntries: 4096);

    [Probe("process(\"virtio-blk-backend\").function(\"virtio_blk_handle_write\")")]
    void Submit()
    {
        long request = Var.Long("req");
        sectorOf[request] = Var.Long("req->sector");
        sectorsOf[request] = Var.Long("req->nb_sectors");
        callerOf[request] = ProbeFunc();
    }

    [Probe("process(\"virtio-blk-backend\").function(\"virtio_blk_rw_complete\")")]
    void Complete()
    {
        long request = Var.Long("opaque");
        // A request submitted before the script started has no record.
        if (!sectorOf.ContainsKey(request))
        {
            return;
        }

        Emit(new BackendCompletion(Pid(), callerOf[request], sectorOf[request], sectorsOf[request], new Errno(Var.Long("ret"))));
        sectorOf.Remove(request);
        sectorsOf.Remove(request);
        callerOf.Remove(request);
    }

    [Probe("kernel.trace(\"block_rq_complete\")")]
    void KernelCompletion()
    {
        long status = Var.Long("error");
        if (status == 0)
        {
            return;
        }

        Emit(new BlockRequestError(Var.KernelString("rq->q->disk->disk_name"), Var.Long("rq->__sector"), Var.Long("nr_bytes") / 512,
            DirectionOf(Var.Long("rq->cmd_flags")), new Errno(ErrnoOf(status))));
    }

    /// <summary>
    /// The driver's own view, where the device's status byte arrives (virtblk_request_done reads it into a blk_status_t).
    /// It needs the kernel's debuginfo; without it, it reports nothing and the other probes run alone.
    /// </summary>
    [Probe("module(\"virtio_blk\").function(\"virtblk_request_done\")?")]
    void DriverCompletion()
    {
        // Without the debuginfo the function is still found (by its symbol) but its variables are not: then the
        // whole body is left out when the script is built, and the probe does nothing.
        if (Defined(Var.Long("vbr->status")) && Defined(Var.Long("req->__sector")))
        {
            long status = Var.Long("vbr->status");
            if (status != 0)
            {
                Emit(new VirtioRequestError(Var.KernelString("req->q->disk->disk_name"), Var.Long("req->__sector"), Var.Long("req->__data_len") / 512,
                    DirectionOf(Var.Long("req->cmd_flags")), status));
            }
        }
    }

    /// <summary>read, write or other, from a request's cmd_flags (REQ_OP_MASK: the low 8 bits).</summary>
    static string DirectionOf(long flags)
    {
        long operation = flags & 255;
        return operation == 0 ? "read" : operation == 1 ? "write" : "other";
    }

    /// <summary>The kernel's blk_status_to_errno for the statuses a disk returns (block/blk-core.c); the rest are EIO, as there.</summary>
    static long ErrnoOf(long status)
    {
        if (status == 1)
        {
            return -95;  // BLK_STS_NOTSUPP: EOPNOTSUPP
        }

        if (status == 2)
        {
            return -110; // BLK_STS_TIMEOUT: ETIMEDOUT
        }

        if (status == 3)
        {
            return -28;  // BLK_STS_NOSPC: ENOSPC
        }

        if (status == 7)
        {
            return -61;  // BLK_STS_MEDIUM: ENODATA
        }

        if (status == 9)
        {
            return -12;  // BLK_STS_RESOURCE: ENOMEM
        }

        if (status == 12)
        {
            return -11; // BLK_STS_AGAIN: EAGAIN
        }

        return -5;                    // BLK_STS_IOERR and the rest: EIO
    }
}
