/*
 * ramdisk.h — a bddf provider over a buffer, for the tests: it counts and
 * checks what bddf hands it, can fail chosen sectors, and can hold
 * transfers until the test completes them.
 */
#ifndef TESTS_BDDF_RAMDISK_H
#define TESTS_BDDF_RAMDISK_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "bddf.h"
#include "bddf_provider.h"

#define RAMDISK_QUEUE 64

struct ramdisk {
	struct bddf_disk *disk;
	uint8_t *data;
	uint32_t sector_size;
	uint64_t sectors;
	uint32_t max_io_bytes;

	pthread_mutex_t lock;
	/* Set by the test before I/O. */
	bool hold; /* queue transfers until ramdisk_complete_*() */
	bool fail; /* transfers touching fail_lba end in -EIO */
	uint64_t fail_lba;
	int refuse; /* submit() returns this when non-zero */
	/* Seen by the provider. */
	int reads, writes, flushes;
	uint64_t bytes_read, bytes_written;
	uint32_t max_count; /* largest transfer, sectors */
	int inflight, max_inflight;
	bool out_of_range; /* a transfer went past the disk's end */
	int nqueued;
	struct bddf_provider_io *queue[RAMDISK_QUEUE];
};

struct ramdisk *ramdisk_new(uint32_t sector_size, uint64_t sectors,
                            uint32_t max_io_bytes);
/** ramdisk_announce() - bddf_disk_announce() as @name. */
int ramdisk_announce(struct ramdisk *rd, const char *name);
/** ramdisk_gone() - bddf_disk_gone() if announced. */
void ramdisk_gone(struct ramdisk *rd);
void ramdisk_free(struct ramdisk *rd);
/** Release held transfers, then gone and free every ramdisk still alive. */
void ramdisk_free_all(void);

/** Complete the oldest held transfer; false if none is held. */
bool ramdisk_complete_one(struct ramdisk *rd);
/** Complete held transfers, also those queued meanwhile, until none is. */
void ramdisk_complete_all(struct ramdisk *rd);
int ramdisk_queued(struct ramdisk *rd);

static inline uint8_t *ramdisk_sector(struct ramdisk *rd, uint64_t lba)
{
	return rd->data + lba * rd->sector_size;
}

#endif /* TESTS_BDDF_RAMDISK_H */
