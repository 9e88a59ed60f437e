/*
 * ramdisk.c — the test provider (ramdisk.h).
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/errno.h>

#include "ramdisk.h"

/* Every ramdisk alive, so a test that failed half-way is cleaned up. */
static struct ramdisk *ramdisks[16];

struct ramdisk *ramdisk_new(uint32_t sector_size, uint64_t sectors,
                            uint32_t max_io_bytes)
{
	struct ramdisk *rd = calloc(1, sizeof(*rd));

	if (!rd)
		return NULL;
	rd->data = calloc(sectors, sector_size);
	if (!rd->data) {
		free(rd);
		return NULL;
	}
	rd->sector_size = sector_size;
	rd->sectors = sectors;
	rd->max_io_bytes = max_io_bytes;
	pthread_mutex_init(&rd->lock, NULL);
	for (int i = 0; i < 16; i++)
		if (!ramdisks[i]) {
			ramdisks[i] = rd;
			break;
		}
	return rd;
}

/* Lock not held: done() may submit the next transfer. */
static void ramdisk_execute(struct ramdisk *rd, struct bddf_provider_io *io)
{
	size_t off = io->lba * rd->sector_size;
	size_t len = (size_t)io->count * rd->sector_size;
	int status = 0;

	pthread_mutex_lock(&rd->lock);
	if (rd->fail && io->op != BDDF_OP_FLUSH && rd->fail_lba >= io->lba &&
	    rd->fail_lba < io->lba + io->count)
		status = -DDEKIT_EIO;
	rd->inflight--;
	pthread_mutex_unlock(&rd->lock);
	if (status == 0 && io->op == BDDF_OP_READ)
		memcpy(io->buf, rd->data + off, len);
	else if (status == 0 && io->op == BDDF_OP_WRITE)
		memcpy(rd->data + off, io->buf, len);
	io->done(io, status);
}

static int ramdisk_submit(void *ctx, struct bddf_provider_io *io)
{
	struct ramdisk *rd = ctx;
	bool hold, bad;

	pthread_mutex_lock(&rd->lock);
	if (rd->refuse) {
		pthread_mutex_unlock(&rd->lock);
		return rd->refuse;
	}
	bad = io->lba > rd->sectors || io->count > rd->sectors - io->lba ||
	      (uint64_t)io->count * rd->sector_size > rd->max_io_bytes;
	if (bad)
		rd->out_of_range = true;
	switch (io->op) {
	case BDDF_OP_READ:
		rd->reads++;
		rd->bytes_read += (uint64_t)io->count * rd->sector_size;
		break;
	case BDDF_OP_WRITE:
		rd->writes++;
		rd->bytes_written += (uint64_t)io->count * rd->sector_size;
		break;
	default:
		rd->flushes++;
		break;
	}
	if (io->count > rd->max_count)
		rd->max_count = io->count;
	if (++rd->inflight > rd->max_inflight)
		rd->max_inflight = rd->inflight;
	hold = rd->hold && rd->nqueued < RAMDISK_QUEUE;
	if (hold)
		rd->queue[rd->nqueued++] = io;
	pthread_mutex_unlock(&rd->lock);
	if (!hold && !bad)
		ramdisk_execute(rd, io);
	else if (!hold)
		io->done(io, -DDEKIT_EIO);
	return 0;
}

static const struct bddf_provider_ops ramdisk_ops = {
    .submit = ramdisk_submit,
};

int ramdisk_announce(struct ramdisk *rd, const char *name)
{
	struct bddf_disk_info info = {
	    .name = name,
	    .sector_size = rd->sector_size,
	    .sectors = rd->sectors,
	    .max_io_bytes = rd->max_io_bytes,
	    .model = "RAM disk",
	};

	return bddf_disk_announce(&info, &ramdisk_ops, rd, &rd->disk);
}

void ramdisk_gone(struct ramdisk *rd)
{
	if (rd->disk)
		bddf_disk_gone(rd->disk);
	rd->disk = NULL;
}

void ramdisk_free(struct ramdisk *rd)
{
	if (!rd)
		return;
	for (int i = 0; i < 16; i++)
		if (ramdisks[i] == rd)
			ramdisks[i] = NULL;
	pthread_mutex_destroy(&rd->lock);
	free(rd->data);
	free(rd);
}

bool ramdisk_complete_one(struct ramdisk *rd)
{
	struct bddf_provider_io *io = NULL;

	pthread_mutex_lock(&rd->lock);
	if (rd->nqueued) {
		io = rd->queue[0];
		memmove(rd->queue, rd->queue + 1,
		        (size_t)--rd->nqueued * sizeof(rd->queue[0]));
	}
	pthread_mutex_unlock(&rd->lock);
	if (io)
		ramdisk_execute(rd, io);
	return io != NULL;
}

void ramdisk_complete_all(struct ramdisk *rd)
{
	while (ramdisk_complete_one(rd))
		;
}

int ramdisk_queued(struct ramdisk *rd)
{
	int n;

	pthread_mutex_lock(&rd->lock);
	n = rd->nqueued;
	pthread_mutex_unlock(&rd->lock);
	return n;
}

void ramdisk_free_all(void)
{
	for (int i = 0; i < 16; i++) {
		struct ramdisk *rd = ramdisks[i];

		if (!rd)
			continue;
		pthread_mutex_lock(&rd->lock);
		rd->hold = false;
		pthread_mutex_unlock(&rd->lock);
		ramdisk_complete_all(rd);
		ramdisk_gone(rd);
		ramdisk_free(rd);
	}
}
