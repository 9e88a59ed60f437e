/*
 * ata_ddekit.c — the ATA benchmark's libdde side, in the same guest after
 * the kernel's driver let go of the controller: drivers/fbsd/ata on
 * dde_fbsd and posix_uio, through bddf's whole-disk device, with the same
 * requests as ata_native (64 KiB, synchronous, one at a time). It first
 * reads the range back as the kernel's driver left it (the same data must
 * be there), then writes and reads it itself.
 *
 * usage: ata_ddekit OFFSET_MIB SIZE_MIB
 */
#include "ata_common.h"

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/memory.h>

#include "bddf.h"
#include "dde_fbsd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pass(struct bddf_dev *dev, int write, uint64_t first, uint64_t n,
                uint32_t sectors, void *buf, const char *what)
{
	struct ata_bench_clock t0, t1;
	uint64_t i;
	int r;

	ata_bench_clock(&t0);
	for (i = 0; i < n; i++) {
		uint64_t lba = first + i * sectors;

		if (write) {
			ata_bench_fill(buf, i);
			r = bddf_write(dev, lba, sectors, buf);
		} else {
			r = bddf_read(dev, lba, sectors, buf);
			if (r == 0 && ata_bench_check(buf, i) != 0)
				r = -DDEKIT_EIO;
		}
		if (r != 0) {
			fprintf(stderr,
			        "ata_ddekit: %s of request %llu (LBA %llu) "
			        "failed: %s\n",
			        write ? "write" : "read", (unsigned long long)i,
			        (unsigned long long)lba, ddekit_strerror(r));
			return -1;
		}
	}
	ata_bench_clock(&t1);
	ata_bench_report("ddekit", what, n * ATA_BENCH_REQ, &t0, &t1);
	return 0;
}

int main(int argc, char **argv)
{
	struct bddf_dev_info info;
	struct bddf_dev *dev = NULL;
	uint64_t off, size, n, first;
	uint32_t sectors;
	void *buf = NULL;
	int r, status = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OFFSET_MIB SIZE_MIB\n", argv[0]);
		return 2;
	}
	off = strtoull(argv[1], NULL, 0) << 20;
	size = strtoull(argv[2], NULL, 0) << 20;
	if ((r = ddekit_init_checked()) != 0 || (r = bddf_init()) != 0 ||
	    (r = dde_fbsd_init()) != 0) {
		fprintf(stderr, "ata_ddekit: start-up failed: %d\n", r);
		return 1;
	}
	dde_fbsd_disks_settle();
	if (bddf_devices(&info, 1) < 1 ||
	    (r = bddf_open(info.name, BDDF_OPEN_WRITE, &dev)) != 0) {
		fprintf(stderr, "ata_ddekit: no disk to open\n");
		goto out;
	}
	sectors = ATA_BENCH_REQ / info.sector_size;
	first = off / info.sector_size;
	n = size / ATA_BENCH_REQ;
	/* DMA-able memory, as a libdde client that cares for speed uses
	 * (dsweeper does): the driver transfers to it directly. */
	buf = ddekit_large_malloc(ATA_BENCH_REQ);
	if (!buf)
		goto out;
	printf("ata_ddekit: %s (%s), %u-byte sectors\n", info.name, info.model,
	       info.sector_size);
	/* The kernel driver's data, read by ours: both saw the same disk. */
	if (pass(dev, 0, first, n, sectors, buf, "read-native-data") ||
	    pass(dev, 1, first, n, sectors, buf, "write") ||
	    pass(dev, 0, first, n, sectors, buf, "read"))
		goto out;
	status = 0;
out:
	ddekit_large_free(buf);
	if (dev)
		bddf_close(dev);
	dde_fbsd_exit();
	bddf_exit();
	ddekit_deinit();
	return status;
}
