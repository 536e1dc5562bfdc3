/*
 * A small block backend in the shape of QEMU's virtio-blk device model: virtio_blk_handle_write()
 * submits a request and virtio_blk_rw_complete(opaque, ret) is its completion callback, called with
 * 0 or -errno. The writes are real: O_DIRECT on a block device (the VM's faulty /dev/vda), so the
 * errors are the disk's own. Built with -g -O0 so the probes find the functions and their variables.
 *
 * Usage: virtio-blk-backend DEVICE SECTOR... (one 4 KiB write per sector, in order)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SECTOR_SIZE 512
#define REQUEST_SECTORS 8

/* The request: where it writes and how much, as QEMU's VirtIOBlockReq carries them. */
typedef struct VirtIOBlockReq {
    int64_t sector;
    int nb_sectors;
    int fd;
    void *buffer;
} VirtIOBlockReq;

static int failures;

/* The completion callback: opaque is the request, ret 0 or -errno. */
__attribute__((noinline)) void virtio_blk_rw_complete(void *opaque, int ret)
{
    VirtIOBlockReq *req = opaque;
    if (ret != 0) {
        failures++;
        fprintf(stderr, "sector %lld: %s\n", (long long)req->sector, strerror(-ret));
    }
}

/* Submits one write and completes it. */
__attribute__((noinline)) void virtio_blk_handle_write(VirtIOBlockReq *req)
{
    ssize_t written = pwrite(req->fd, req->buffer, (size_t)req->nb_sectors * SECTOR_SIZE,
                             (off_t)req->sector * SECTOR_SIZE);
    int ret = written < 0 ? -errno : written == (ssize_t)req->nb_sectors * SECTOR_SIZE ? 0 : -EIO;
    virtio_blk_rw_complete(req, ret);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DEVICE SECTOR...\n", argv[0]);
        return 2;
    }
    int fd = open(argv[1], O_WRONLY | O_DIRECT);
    if (fd < 0) {
        perror(argv[1]);
        return 2;
    }
    void *buffer;
    if (posix_memalign(&buffer, 4096, REQUEST_SECTORS * SECTOR_SIZE) != 0)
        return 2;
    memset(buffer, 0x5a, REQUEST_SECTORS * SECTOR_SIZE);
    for (int i = 2; i < argc; i++) {
        char *end;
        long long sector = strtoll(argv[i], &end, 10);
        if (*end != '\0' || sector < 0) {
            fprintf(stderr, "not a sector: %s\n", argv[i]);
            return 2;
        }
        VirtIOBlockReq req = { .sector = sector, .nb_sectors = REQUEST_SECTORS, .fd = fd, .buffer = buffer };
        virtio_blk_handle_write(&req);
    }
    close(fd);
    free(buffer);
    return failures == 0 ? 0 : 1;
}
