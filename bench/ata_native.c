/*
 * ata_native.c — the ATA benchmark's native side, in the Linux guest: the
 * kernel's own driver (ahci or ata_piix) under O_DIRECT sequential writes,
 * then reads, of 64 KiB requests — what `dd bs=64k oflag=direct` /
 * `iflag=direct` does (busybox dd has no direct flags).
 *
 * usage: ata_native /dev/sdX OFFSET_MIB SIZE_MIB
 */
#define _GNU_SOURCE
#include "ata_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct ata_bench_clock t0, t1;
	uint64_t off, size, i, n;
	void *buf;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s /dev/sdX OFFSET_MIB SIZE_MIB\n",
		        argv[0]);
		return 2;
	}
	off = strtoull(argv[2], NULL, 0) << 20;
	size = strtoull(argv[3], NULL, 0) << 20;
	n = size / ATA_BENCH_REQ;
	fd = open(argv[1], O_RDWR | O_DIRECT);
	if (fd < 0 || posix_memalign(&buf, 4096, ATA_BENCH_REQ) != 0) {
		fprintf(stderr, "ata_native: %s: %s\n", argv[1],
		        strerror(errno));
		return 1;
	}
	ata_bench_clock(&t0);
	for (i = 0; i < n; i++) {
		ata_bench_fill(buf, i);
		if (pwrite(fd, buf, ATA_BENCH_REQ, off + i * ATA_BENCH_REQ) !=
		    ATA_BENCH_REQ) {
			fprintf(stderr, "ata_native: write: %s\n",
			        strerror(errno));
			return 1;
		}
	}
	ata_bench_clock(&t1);
	ata_bench_report("native", "write", size, &t0, &t1);
	ata_bench_clock(&t0);
	for (i = 0; i < n; i++) {
		if (pread(fd, buf, ATA_BENCH_REQ, off + i * ATA_BENCH_REQ) !=
		        ATA_BENCH_REQ ||
		    ata_bench_check(buf, i) != 0) {
			fprintf(stderr,
			        "ata_native: read back of request %llu "
			        "failed\n",
			        (unsigned long long)i);
			return 1;
		}
	}
	ata_bench_clock(&t1);
	ata_bench_report("native", "read", size, &t0, &t1);
	close(fd);
	free(buf);
	return 0;
}
