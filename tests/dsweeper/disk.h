/*
 * disk.h — RAM disks for the dsweeper tests: a bddf provider over a
 * buffer that counts what reaches it, can fail a sector, can hand back a
 * corrupted sector on reads, and can complete from a thread of its own;
 * plus the partition tables the tests lay out in it.
 */
#ifndef TESTS_DSWEEPER_DISK_H
#define TESTS_DSWEEPER_DISK_H

#include <stdbool.h>
#include <stdint.h>

#include <ddekit/lock.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#include "bddf.h"
#include "bddf_provider.h"

#define DISK_SECTOR 512u
#define DISK_QUEUE  64

struct ramdisk {
	struct bddf_disk *disk;
	uint8_t *data;
	uint64_t sectors;
	uint32_t max_io_bytes;

	ddekit_lock_t lock;
	/* Set by the test before I/O. */
	bool fail; /* transfers over fail_lba end in -EIO */
	uint64_t fail_lba;
	bool corrupt; /* reads return corrupt_lba's sector altered */
	uint64_t corrupt_lba;
	/* Seen by the provider (under lock). */
	int reads, writes, flushes;
	uint32_t max_count;
	int inflight, max_inflight;

	/* Completion from a worker thread (ramdisk_async()). */
	ddekit_thread_t *worker;
	ddekit_sem_t *queued, *stopped;
	bool stop;
	int head, tail;
	struct bddf_provider_io *queue[DISK_QUEUE];
};

struct ramdisk *ramdisk_new(uint64_t sectors, uint32_t max_io_bytes);
/** Complete transfers from a thread of the disk's own from now on. */
void ramdisk_async(struct ramdisk *rd);
int ramdisk_announce(struct ramdisk *rd, const char *name);
/** bddf_disk_gone(), then the worker ends, then everything is freed. */
void ramdisk_free(struct ramdisk *rd);

static inline uint8_t *ramdisk_sector(struct ramdisk *rd, uint64_t lba)
{
	return rd->data + lba * DISK_SECTOR;
}

/* ---- partition tables ---------------------------------------------- */

void mbr_entry(uint8_t *disk, int i, uint8_t type, uint32_t start,
               uint32_t sectors);
/** An EBR at @lba: a logical partition @rel sectors after it, and the next
 * EBR @next_rel sectors after the extended partition's start (0: last). */
void mbr_ebr(uint8_t *disk, uint64_t lba, uint8_t type, uint32_t rel,
             uint32_t sectors, uint32_t next_rel, uint32_t next_sectors);

struct gpt_part {
	uint64_t first, last;
	const char *label; /* ASCII */
};

/* The Linux filesystem data type GUID in its text form, as bddf lists it. */
#define GUID_LINUX_TEXT "0fc63daf-8483-4772-8e79-3d69d8477de4"

/** A protective MBR, both GPT headers and entry arrays (128 entries), with
 * partitions of the Linux type. */
void gpt_build(uint8_t *disk, uint64_t sectors, const struct gpt_part *p,
               int n);

#endif /* TESTS_DSWEEPER_DISK_H */
