/*
 * bddf_internal.h — what the modules of lib/bddf share: the partition table
 * parsers (pure functions over a sector-reading callback, so unit tests and
 * fuzz targets drive them with byte buffers), CRC32, and the registry's
 * records. Not installed; tests include it to reach the parsers.
 */
#ifndef BDDF_INTERNAL_H
#define BDDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ddekit/condvar.h>
#include <ddekit/lock.h>

#include "bddf.h"

/* ---- partition tables ---------------------------------------------------- */

/* More partitions than this is treated as a hostile table: GPT's usual
 * array has 128 entries, MBR 4 primaries plus at most 128 logical ones. */
#define BDDF_MAX_PARTS   256
#define BDDF_MAX_LOGICAL 128
/* Sectors that hold the table itself (MBR, EBRs, GPT headers and arrays). */
#define BDDF_MAX_AREAS (BDDF_MAX_LOGICAL + 8)
/* Largest GPT entry array bddf reads. */
#define BDDF_GPT_MAX_ARRAY (1u << 20)

struct bddf_part_ent {
	int number; /* "disk:N" */
	uint64_t start;
	uint64_t sectors;
	char type[40];
	char label[72];
};

struct bddf_area {
	uint64_t start;
	uint64_t sectors;
};

/* Reads sector @lba into @buf (sector_size bytes): 0 or a negative code. */
typedef int (*bddf_read_sector_fn)(void *ctx, uint64_t lba, void *buf);

struct bddf_table_src {
	uint64_t sectors;
	uint32_t sector_size; /* a power of two, 512..65536 */
	bddf_read_sector_fn read;
	void *ctx;
	uint8_t *buf; /* scratch, sector_size bytes */
};

struct bddf_ptable {
	enum bddf_table table;
	int error; /* 0, -DDEKIT_EIO or -DDEKIT_EINVAL */
	char msg[96];
	int count;
	struct bddf_part_ent ents[BDDF_MAX_PARTS];
	int nareas;
	struct bddf_area areas[BDDF_MAX_AREAS];
};

/**
 * bddf__parse_table() - find and check the partition table of a disk: an
 * MBR, or GPT when the MBR is protective (type 0xEE) or absent with a GPT
 * header at LBA 1. Fills @out; on a refused table out->error is set, a
 * message written and out->count is 0. Returns out->error.
 */
int bddf__parse_table(const struct bddf_table_src *src,
                      struct bddf_ptable *out);
/* The two halves, for the fuzz targets; @out must be zeroed first. */
int bddf__parse_mbr(const struct bddf_table_src *src, struct bddf_ptable *out);
int bddf__parse_gpt(const struct bddf_table_src *src, struct bddf_ptable *out);

/* table.c: helpers the parsers share. */
int bddf__table_fail(struct bddf_ptable *t, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int bddf__table_add(struct bddf_ptable *t, const struct bddf_part_ent *e);
int bddf__table_add_area(struct bddf_ptable *t, uint64_t start,
                         uint64_t sectors);
/** Refuses partitions outside the disk, zero-length ones, overlapping ones
 * and those covering a table area. */
int bddf__table_check(const struct bddf_table_src *src, struct bddf_ptable *t);
int bddf__read(const struct bddf_table_src *src, struct bddf_ptable *t,
               uint64_t lba);

void bddf__guid_format(const uint8_t guid[16], char *out, size_t size);
/** UTF-16LE (@units code units, stopping at NUL) to NUL-terminated UTF-8,
 * cut at a character boundary to fit @size; bad surrogates become U+FFFD. */
void bddf__utf16le_to_utf8(const uint8_t *in, size_t units, char *out,
                           size_t size);

uint32_t bddf__crc32(uint32_t crc, const void *data, size_t len);

static inline uint16_t bddf__le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t bddf__le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline uint64_t bddf__le64(const uint8_t *p)
{
	return (uint64_t)bddf__le32(p) | ((uint64_t)bddf__le32(p + 4) << 32);
}

/* ---- registry and devices --------------------------------------------------
 */

/* A block device: the whole disk (parts[0]) or one partition. */
struct bddf_part {
	struct bddf_disk *disk;
	int number;
	uint64_t start;
	uint64_t sectors;
	char type[40];
	char label[72];
};

struct bddf_disk {
	struct bddf_disk *next;
	char name[BDDF_NAME_MAX];
	char model[48];
	uint32_t sector_size;
	uint64_t sectors;
	uint32_t max_io_sectors;
	struct bddf_provider_ops ops;
	void *ctx;

	/* Under bddf.lock. */
	bool ready;  /* table read: listed and openable */
	bool gone;   /* bddf_disk_gone() began: no new requests */
	bool listed; /* still in bddf.disks */
	int refs;    /* open handles */
	int active;  /* requests not yet completed */

	enum bddf_table table;
	int table_error;
	char table_msg[96];
	int nparts;
	struct bddf_part *parts;
};

struct bddf_dev {
	struct bddf_part *part;
	int flags;
	int active; /* under bddf.lock */
};

/* One lock and one condition variable for all of bddf: requests touch
 * them only to account for themselves, so contention stays low, and the
 * records they guard never outlive them. */
struct bddf_state {
	int users;
	ddekit_lock_t lock;
	ddekit_condvar_t *cv;
	struct bddf_disk *disks;
};

extern struct bddf_state bddf;

void bddf__disk_free(struct bddf_disk *disk);
/* Lock held: the ready disk called @name (@len bytes), or NULL. */
struct bddf_disk *bddf__disk_lookup(const char *name, size_t len);
void bddf__part_info(const struct bddf_part *part, struct bddf_dev_info *out);
/* Synchronous provider I/O, bypassing the request layer (table reads). */
int bddf__disk_io(struct bddf_disk *disk, enum bddf_op op, uint64_t lba,
                  uint32_t count, void *buf);

#endif /* BDDF_INTERNAL_H */
