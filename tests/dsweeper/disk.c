/*
 * disk.c — RAM disks and partition tables for the dsweeper tests (disk.h).
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/errno.h>

#include "disk.h"

struct ramdisk *ramdisk_new(uint64_t sectors, uint32_t max_io_bytes)
{
	struct ramdisk *rd = calloc(1, sizeof(*rd));

	if (!rd)
		return NULL;
	rd->data = calloc(sectors, DISK_SECTOR);
	if (!rd->data) {
		free(rd);
		return NULL;
	}
	rd->sectors = sectors;
	rd->max_io_bytes = max_io_bytes;
	ddekit_lock_init(&rd->lock);
	return rd;
}

static void execute(struct ramdisk *rd, struct bddf_provider_io *io)
{
	size_t off = io->lba * DISK_SECTOR, len = io->count * DISK_SECTOR;
	bool over;
	int status = 0;

	ddekit_lock_lock(&rd->lock);
	over = io->op != BDDF_OP_FLUSH && io->lba <= rd->fail_lba &&
	       rd->fail_lba < io->lba + io->count;
	if (rd->fail && over)
		status = -DDEKIT_EIO;
	rd->inflight--;
	ddekit_lock_unlock(&rd->lock);
	if (!status && io->op == BDDF_OP_READ) {
		memcpy(io->buf, rd->data + off, len);
		if (rd->corrupt && io->lba <= rd->corrupt_lba &&
		    rd->corrupt_lba < io->lba + io->count)
			((uint8_t *)io
			     ->buf)[(rd->corrupt_lba - io->lba) * DISK_SECTOR +
			            7] ^= 0x40;
	} else if (!status && io->op == BDDF_OP_WRITE) {
		memcpy(rd->data + off, io->buf, len);
	}
	io->done(io, status);
}

static void worker(void *arg)
{
	struct ramdisk *rd = arg;
	struct bddf_provider_io *io;

	for (;;) {
		ddekit_sem_down(rd->queued);
		ddekit_lock_lock(&rd->lock);
		if (rd->head == rd->tail) {
			ddekit_lock_unlock(&rd->lock);
			if (rd->stop)
				break;
			continue;
		}
		io = rd->queue[rd->head++ % DISK_QUEUE];
		ddekit_lock_unlock(&rd->lock);
		/* Let the submitter run ahead, so requests pile up. */
		ddekit_thread_usleep(200);
		execute(rd, io);
	}
	ddekit_sem_up(rd->stopped);
}

void ramdisk_async(struct ramdisk *rd)
{
	rd->queued = ddekit_sem_init(0);
	rd->stopped = ddekit_sem_init(0);
	rd->worker = ddekit_thread_create(worker, rd, "ramdisk");
}

static int submit(void *ctx, struct bddf_provider_io *io)
{
	struct ramdisk *rd = ctx;

	ddekit_lock_lock(&rd->lock);
	if (io->op == BDDF_OP_READ)
		rd->reads++;
	else if (io->op == BDDF_OP_WRITE)
		rd->writes++;
	else
		rd->flushes++;
	if (io->count > rd->max_count)
		rd->max_count = io->count;
	if (++rd->inflight > rd->max_inflight)
		rd->max_inflight = rd->inflight;
	if (rd->worker) {
		rd->queue[rd->tail++ % DISK_QUEUE] = io;
		ddekit_lock_unlock(&rd->lock);
		ddekit_sem_up(rd->queued);
		return 0;
	}
	ddekit_lock_unlock(&rd->lock);
	execute(rd, io);
	return 0;
}

static const struct bddf_provider_ops ops = {.submit = submit};

int ramdisk_announce(struct ramdisk *rd, const char *name)
{
	struct bddf_disk_info info = {
	    .name = name,
	    .sector_size = DISK_SECTOR,
	    .sectors = rd->sectors,
	    .max_io_bytes = rd->max_io_bytes,
	    .model = "RAM disk",
	};

	return bddf_disk_announce(&info, &ops, rd, &rd->disk);
}

void ramdisk_free(struct ramdisk *rd)
{
	if (!rd)
		return;
	if (rd->disk)
		bddf_disk_gone(rd->disk);
	if (rd->worker) {
		rd->stop = true;
		ddekit_sem_up(rd->queued);
		ddekit_sem_down(rd->stopped);
	}
	if (rd->queued)
		ddekit_sem_deinit(rd->queued);
	if (rd->stopped)
		ddekit_sem_deinit(rd->stopped);
	ddekit_lock_deinit(&rd->lock);
	free(rd->data);
	free(rd);
}

/* ---- partition tables ---------------------------------------------- */

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static void mbr_slot(uint8_t *sector, int i, uint8_t type, uint32_t start,
                     uint32_t sectors)
{
	uint8_t *e = sector + 446 + 16 * i;

	memset(e, 0, 16);
	e[4] = type;
	put32(e + 8, start);
	put32(e + 12, sectors);
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

void mbr_entry(uint8_t *disk, int i, uint8_t type, uint32_t start,
               uint32_t sectors)
{
	mbr_slot(disk, i, type, start, sectors);
}

void mbr_ebr(uint8_t *disk, uint64_t lba, uint8_t type, uint32_t rel,
             uint32_t sectors, uint32_t next_rel, uint32_t next_sectors)
{
	uint8_t *s = disk + lba * DISK_SECTOR;

	memset(s, 0, DISK_SECTOR);
	mbr_slot(s, 0, type, rel, sectors);
	if (next_rel)
		mbr_slot(s, 1, 0x05, next_rel, next_sectors);
}

static uint32_t crc32(const uint8_t *p, size_t len)
{
	uint32_t c = 0xffffffffu;
	int k;

	while (len--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return ~c;
}

/* 0fc63daf-8483-4772-8e79-3d69d8477de4, the first three fields little
 * endian as GPT stores them. */
static const uint8_t guid_linux[16] = {0xaf, 0x3d, 0xc6, 0x0f, 0x83, 0x84,
                                       0x72, 0x47, 0x8e, 0x79, 0x3d, 0x69,
                                       0xd8, 0x47, 0x7d, 0xe4};

#define GPT_ENTRIES       128
#define GPT_ENTRY_BYTES   128
#define GPT_ARRAY_SECTORS (GPT_ENTRIES * GPT_ENTRY_BYTES / DISK_SECTOR)

static void gpt_header(uint8_t *disk, uint64_t lba, uint64_t alt,
                       uint64_t array, uint64_t sectors, uint32_t array_crc)
{
	uint8_t *h = disk + lba * DISK_SECTOR;

	memset(h, 0, DISK_SECTOR);
	memcpy(h, "EFI PART", 8);
	put32(h + 8, 0x00010000);
	put32(h + 12, 92);
	put64(h + 24, lba);
	put64(h + 32, alt);
	put64(h + 40, 2 + GPT_ARRAY_SECTORS);
	put64(h + 48, sectors - 2 - GPT_ARRAY_SECTORS);
	memset(h + 56, 0x5a, 16); /* disk GUID */
	put64(h + 72, array);
	put32(h + 80, GPT_ENTRIES);
	put32(h + 84, GPT_ENTRY_BYTES);
	put32(h + 88, array_crc);
	put32(h + 16, crc32(h, 92));
}

void gpt_build(uint8_t *disk, uint64_t sectors, const struct gpt_part *p, int n)
{
	uint8_t *array = disk + 2 * DISK_SECTOR;
	uint64_t last = sectors - 1, backup = last - GPT_ARRAY_SECTORS;
	uint32_t crc;
	int i, j;

	memset(disk, 0, DISK_SECTOR);
	mbr_slot(disk, 0, 0xee, 1,
	         sectors - 1 > 0xffffffffu ? 0xffffffffu
	                                   : (uint32_t)(sectors - 1));
	memset(array, 0, GPT_ARRAY_SECTORS * DISK_SECTOR);
	for (i = 0; i < n; i++) {
		uint8_t *e = array + i * GPT_ENTRY_BYTES;

		memcpy(e, guid_linux, 16);
		memset(e + 16, 0x10 + i, 16); /* unique GUID */
		put64(e + 32, p[i].first);
		put64(e + 40, p[i].last);
		for (j = 0; p[i].label[j] && j < 36; j++)
			put16(e + 56 + 2 * j, (uint8_t)p[i].label[j]);
	}
	crc = crc32(array, GPT_ARRAY_SECTORS * DISK_SECTOR);
	memcpy(disk + backup * DISK_SECTOR, array,
	       GPT_ARRAY_SECTORS * DISK_SECTOR);
	gpt_header(disk, 1, last, 2, sectors, crc);
	gpt_header(disk, last, 1, backup, sectors, crc);
}
