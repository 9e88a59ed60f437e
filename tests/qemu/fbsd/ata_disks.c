/*
 * ata_disks.c — the guest side of the ATA scenarios: drivers/fbsd/ata on
 * dde_fbsd publishes the disk through disk(9) to bddf; this program lists
 * the disks, writes the pattern of ata_pattern.h through bddf's whole-disk
 * device, reads it back, measures a sequential write and read, and leaves
 * the image for the host's check.
 *
 * usage: fbsd_ata_disks
 */
#include <ddekit/ddekit.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bddf.h"
#include "dde_fbsd.h"
#include "ata_pattern.h"

#define MAX_DEVS 16

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int list_disks(char *name, size_t size)
{
	struct bddf_dev_info devs[MAX_DEVS];
	int i, n = bddf_devices(devs, MAX_DEVS);

	printf("bddf lists %d device(s)\n", n);
	name[0] = '\0';
	for (i = 0; i < n && i < MAX_DEVS; i++) {
		printf("  %-8s %llu sectors of %u bytes, model '%s', table %d "
		       "(%d%s%s)\n",
		       devs[i].name, (unsigned long long)devs[i].sectors,
		       devs[i].sector_size, devs[i].model, devs[i].table,
		       devs[i].table_error, devs[i].table_msg[0] ? ": " : "",
		       devs[i].table_msg);
		if (!name[0] && devs[i].partition == 0) {
			if (devs[i].sectors != ATA_IMAGE_SECTORS) {
				printf("FAIL: %s has %llu sectors, the image "
				       "%llu\n",
				       devs[i].name,
				       (unsigned long long)devs[i].sectors,
				       (unsigned long long)ATA_IMAGE_SECTORS);
				return -1;
			}
			snprintf(name, size, "%s", devs[i].name);
		}
	}
	if (!name[0]) {
		printf("FAIL: no disk was announced\n");
		return -1;
	}
	return 0;
}

static int write_and_verify(struct bddf_dev *dev)
{
	uint8_t *want, *got;
	unsigned r;
	int err, bad = 0;

	want = malloc(128 * ATA_SECTOR);
	got = malloc(128 * ATA_SECTOR);
	if (!want || !got) {
		free(want);
		free(got);
		return -1;
	}
	for (r = 0; r < ATA_NREGIONS && !bad; r++) {
		const struct ata_region *g = &ata_regions[r];
		size_t len = (size_t)g->count * ATA_SECTOR;

		ata_pattern_fill(want, g->lba, g->count);
		err = bddf_write(dev, g->lba, g->count, want);
		if (err) {
			printf("FAIL: write of %s (LBA %llu, %u sectors): %d\n",
			       g->what, (unsigned long long)g->lba, g->count,
			       err);
			bad = 1;
			break;
		}
		memset(got, 0, len);
		err = bddf_read(dev, g->lba, g->count, got);
		if (err || memcmp(want, got, len)) {
			printf("FAIL: read back of %s (LBA %llu): %s %d\n",
			       g->what, (unsigned long long)g->lba,
			       err ? "error" : "data differs", err);
			bad = 1;
			break;
		}
		printf("ok: %s: LBA %llu, %u sectors written and read back\n",
		       g->what, (unsigned long long)g->lba, g->count);
	}
	free(want);
	free(got);
	return bad ? -1 : 0;
}

/* 64 KiB requests, as dd with bs=64k oflag=direct would issue them. */
static int sequential(struct bddf_dev *dev)
{
	uint32_t per = ATA_SEQ_IO / ATA_SECTOR, off;
	uint8_t *data = malloc(ATA_SEQ_BYTES), *back = malloc(ATA_SEQ_BYTES);
	double t0, tw, tr;
	int err = 0;

	if (!data || !back) {
		err = -1;
		goto out;
	}
	ata_pattern_fill(data, ATA_SEQ_LBA, ATA_SEQ_BYTES / ATA_SECTOR);
	t0 = now();
	for (off = 0; off < ATA_SEQ_BYTES && !err; off += ATA_SEQ_IO)
		err = bddf_write(dev, ATA_SEQ_LBA + off / ATA_SECTOR, per,
		                 data + off);
	if (!err)
		err = bddf_flush(dev);
	tw = now() - t0;
	t0 = now();
	for (off = 0; off < ATA_SEQ_BYTES && !err; off += ATA_SEQ_IO)
		err = bddf_read(dev, ATA_SEQ_LBA + off / ATA_SECTOR, per,
		                back + off);
	tr = now() - t0;
	if (err) {
		printf("FAIL: sequential transfer: %d\n", err);
		goto out;
	}
	if (memcmp(data, back, ATA_SEQ_BYTES)) {
		printf("FAIL: sequential area reads back different data\n");
		err = -1;
		goto out;
	}
	printf("throughput: sequential write %.1f MB/s, read %.1f MB/s "
	       "(%u MiB in 64 KiB requests, verified)\n",
	       ATA_SEQ_BYTES / tw / 1e6, ATA_SEQ_BYTES / tr / 1e6,
	       ATA_SEQ_BYTES >> 20);
out:
	free(data);
	free(back);
	return err;
}

int main(void)
{
	struct bddf_dev *dev = NULL;
	char name[BDDF_NAME_MAX];
	int err, status = 1;

	err = ddekit_init_checked();
	if (err) {
		printf("FAIL: ddekit_init: %d\n", err);
		return 1;
	}
	err = bddf_init();
	if (err) {
		printf("FAIL: bddf_init: %d\n", err);
		goto out_ddekit;
	}
	err = dde_fbsd_init();
	if (err) {
		printf("FAIL: dde_fbsd_init: %d\n", err);
		goto out_bddf;
	}
	dde_fbsd_disks_settle();
	if (list_disks(name, sizeof(name)))
		goto out_fbsd;
	err = bddf_open(name, BDDF_OPEN_WRITE, &dev);
	if (err) {
		printf("FAIL: bddf_open(%s): %d\n", name, err);
		goto out_fbsd;
	}
	if (write_and_verify(dev) || sequential(dev))
		goto out_close;
	err = bddf_flush(dev);
	if (err) {
		printf("FAIL: flush: %d\n", err);
		goto out_close;
	}
	status = 0;
out_close:
	bddf_close(dev);
out_fbsd:
	dde_fbsd_exit();
out_bddf:
	bddf_exit();
out_ddekit:
	err = ddekit_deinit();
	if (err) {
		printf("FAIL: ddekit_deinit: %d\n", err);
		status = 1;
	}
	printf("fbsd_ata_disks: %s\n", status ? "FAIL" : "PASS");
	return status;
}
