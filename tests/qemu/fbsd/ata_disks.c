/*
 * ata_disks.c — the ATA disk scenario, portable: drivers/fbsd/ata on
 * dde_fbsd publishes the disk through disk(9) to bddf; this lists the
 * disks, writes the pattern of ata_pattern.h through bddf's whole-disk
 * device, reads it back, measures a sequential write and read, and leaves
 * the image for the host's check.
 *
 * Only DDEKit, dde_fbsd.h, bddf.h and <string.h>, so that the Linux guest
 * (ata_disks_main_posix.c) and bare metal (tests/baremetal/ata_disks_main.c)
 * run the same code. No floating point: the bare-metal image is built with
 * -mgeneral-regs-only.
 */
#include <ddekit/ddekit.h>
#include <ddekit/memory.h>
#include <ddekit/printf.h>
#include <ddekit/timer.h>

#include <string.h>

#include "bddf.h"
#include "dde_fbsd.h"
#include "ata_disks.h"
#include "ata_pattern.h"

#define MAX_DEVS           16
#define REGION_MAX_SECTORS 128

static int list_disks(char *name, size_t size)
{
	struct bddf_dev_info *devs;
	int i, n, err = -1;

	/* A few KiB: too much for a 32 KiB bare-metal thread stack. */
	devs = ddekit_simple_malloc(MAX_DEVS * sizeof(*devs));
	if (!devs) {
		ddekit_printf("FAIL: no memory for the device list\n");
		return -1;
	}
	n = bddf_devices(devs, MAX_DEVS);
	ddekit_printf("bddf lists %d device(s)\n", n);
	name[0] = '\0';
	for (i = 0; i < n && i < MAX_DEVS; i++) {
		ddekit_printf("  %-8s %llu sectors of %u bytes, model '%s', "
		              "table %d (%d%s%s)\n",
		              devs[i].name, (unsigned long long)devs[i].sectors,
		              devs[i].sector_size, devs[i].model, devs[i].table,
		              devs[i].table_error,
		              devs[i].table_msg[0] ? ": " : "",
		              devs[i].table_msg);
		if (!name[0] && devs[i].partition == 0) {
			if (devs[i].sectors != ATA_IMAGE_SECTORS) {
				ddekit_printf(
				    "FAIL: %s has %llu sectors, the image "
				    "%llu\n",
				    devs[i].name,
				    (unsigned long long)devs[i].sectors,
				    (unsigned long long)ATA_IMAGE_SECTORS);
				goto out;
			}
			ddekit_snprintf(name, size, "%s", devs[i].name);
		}
	}
	if (!name[0]) {
		ddekit_printf("FAIL: no disk was announced\n");
		goto out;
	}
	err = 0;
out:
	ddekit_simple_free(devs);
	return err;
}

static int write_and_verify(struct bddf_dev *dev)
{
	uint8_t *want, *got;
	unsigned r;
	int err, bad = 1;

	want = ddekit_simple_malloc(REGION_MAX_SECTORS * ATA_SECTOR);
	got = ddekit_simple_malloc(REGION_MAX_SECTORS * ATA_SECTOR);
	if (!want || !got) {
		ddekit_printf("FAIL: no memory for the region buffers\n");
		goto out;
	}
	for (r = 0; r < ATA_NREGIONS; r++) {
		const struct ata_region *g = &ata_regions[r];
		size_t len = (size_t)g->count * ATA_SECTOR;

		if (g->count > REGION_MAX_SECTORS) {
			ddekit_printf("FAIL: %s is larger than the buffers\n",
			              g->what);
			goto out;
		}
		ata_pattern_fill(want, g->lba, g->count);
		err = bddf_write(dev, g->lba, g->count, want);
		if (err) {
			ddekit_printf("FAIL: write of %s (LBA %llu, %u "
			              "sectors): %d\n",
			              g->what, (unsigned long long)g->lba,
			              g->count, err);
			goto out;
		}
		memset(got, 0, len);
		err = bddf_read(dev, g->lba, g->count, got);
		if (err || memcmp(want, got, len)) {
			ddekit_printf("FAIL: read back of %s (LBA %llu): %s "
			              "%d\n",
			              g->what, (unsigned long long)g->lba,
			              err ? "error" : "data differs", err);
			goto out;
		}
		ddekit_printf("ok: %s: LBA %llu, %u sectors written and read "
		              "back\n",
		              g->what, (unsigned long long)g->lba, g->count);
	}
	bad = 0;
out:
	ddekit_simple_free(want);
	ddekit_simple_free(got);
	return bad ? -1 : 0;
}

/* "12.3": @bytes moved in @ns, in MB/s (10^6 bytes) with one decimal. */
static void format_rate(char *buf, size_t size, uint64_t bytes, uint64_t ns)
{
	uint64_t tenths;

	if (!ns)
		ns = 1;
	/* bytes * 10^4 stays far below 2^64 for the 16 MiB measured. */
	tenths = (bytes * 10000 + ns / 2) / ns;
	ddekit_snprintf(buf, size, "%llu.%llu",
	                (unsigned long long)(tenths / 10),
	                (unsigned long long)(tenths % 10));
}

/* 64 KiB requests, as dd with bs=64k oflag=direct would issue them. */
static int sequential(struct bddf_dev *dev)
{
	uint32_t per = ATA_SEQ_IO / ATA_SECTOR, off;
	uint8_t *data, *back;
	uint64_t t0, tw, tr;
	char wr[24], rd[24];
	int err = -1;

	data = ddekit_simple_malloc(ATA_SEQ_BYTES);
	back = ddekit_simple_malloc(ATA_SEQ_BYTES);
	if (!data || !back) {
		ddekit_printf("FAIL: no memory for the sequential buffers\n");
		goto out;
	}
	err = 0;
	ata_pattern_fill(data, ATA_SEQ_LBA, ATA_SEQ_BYTES / ATA_SECTOR);
	t0 = ddekit_clock_ns();
	for (off = 0; off < ATA_SEQ_BYTES && !err; off += ATA_SEQ_IO)
		err = bddf_write(dev, ATA_SEQ_LBA + off / ATA_SECTOR, per,
		                 data + off);
	if (!err)
		err = bddf_flush(dev);
	tw = ddekit_clock_ns() - t0;
	t0 = ddekit_clock_ns();
	for (off = 0; off < ATA_SEQ_BYTES && !err; off += ATA_SEQ_IO)
		err = bddf_read(dev, ATA_SEQ_LBA + off / ATA_SECTOR, per,
		                back + off);
	tr = ddekit_clock_ns() - t0;
	if (err) {
		ddekit_printf("FAIL: sequential transfer: %d\n", err);
		goto out;
	}
	if (memcmp(data, back, ATA_SEQ_BYTES)) {
		ddekit_printf("FAIL: sequential area reads back different "
		              "data\n");
		err = -1;
		goto out;
	}
	format_rate(wr, sizeof(wr), ATA_SEQ_BYTES, tw);
	format_rate(rd, sizeof(rd), ATA_SEQ_BYTES, tr);
	ddekit_printf("throughput: sequential write %s MB/s, read %s MB/s "
	              "(%u MiB in 64 KiB requests, verified)\n",
	              wr, rd, ATA_SEQ_BYTES >> 20);
out:
	ddekit_simple_free(data);
	ddekit_simple_free(back);
	return err;
}

int ata_disks_run(void)
{
	struct bddf_dev *dev = NULL;
	char name[BDDF_NAME_MAX];
	int err, status = 1;

	err = bddf_init();
	if (err) {
		ddekit_printf("FAIL: bddf_init: %d\n", err);
		return 1;
	}
	err = dde_fbsd_init();
	if (err) {
		ddekit_printf("FAIL: dde_fbsd_init: %d\n", err);
		goto out_bddf;
	}
	dde_fbsd_disks_settle();
	if (list_disks(name, sizeof(name)))
		goto out_fbsd;
	err = bddf_open(name, BDDF_OPEN_WRITE, &dev);
	if (err) {
		ddekit_printf("FAIL: bddf_open(%s): %d\n", name, err);
		goto out_fbsd;
	}
	if (write_and_verify(dev) || sequential(dev))
		goto out_close;
	err = bddf_flush(dev);
	if (err) {
		ddekit_printf("FAIL: flush: %d\n", err);
		goto out_close;
	}
	status = 0;
out_close:
	bddf_close(dev);
out_fbsd:
	dde_fbsd_exit();
out_bddf:
	bddf_exit();
	return status;
}
