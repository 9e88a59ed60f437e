/*
 * image.h — building partition tables in a disk image, byte by byte, for
 * the tests and the fuzz seeds.
 */
#ifndef TESTS_BDDF_IMAGE_H
#define TESTS_BDDF_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct image {
	uint8_t *data;
	uint32_t sector_size;
	uint64_t sectors;
};

/** An MBR partition entry @i (0..3) in sector 0, with the boot signature. */
void img_mbr_entry(struct image *img, int i, uint8_t status, uint8_t type,
                   uint32_t start, uint32_t sectors);
/** An EBR at @lba: a logical partition (@type 0: none) starting @rel
 * sectors after the EBR, and a link to the next EBR @next_rel sectors
 * after the extended partition's start (0: end of chain). */
void img_ebr(struct image *img, uint64_t lba, uint8_t type, uint32_t rel,
             uint32_t sectors, uint32_t next_rel, uint32_t next_sectors);

struct img_gpt_part {
	const uint8_t *type; /* 16 bytes as stored */
	uint64_t first, last;
	const char *label; /* UTF-8, converted to UTF-16LE */
};

/* A Linux filesystem data type GUID, as stored on disk; its text form is
 * 0fc63daf-8483-4772-8e79-3d69d8477de4. */
extern const uint8_t img_guid_linux[16];

/**
 * img_gpt() - a protective MBR, the primary header at LBA 1 with its
 * entry array (@entries of 128 bytes) from LBA 2, and the backup array and
 * header at the end of the disk; usable range between them.
 */
void img_gpt(struct image *img, const struct img_gpt_part *parts, int n,
             uint32_t entries);
/** Recompute the header CRC of the GPT header at @lba. */
void img_gpt_fix_header(struct image *img, uint64_t lba);
/** Recompute the entry array CRC in the header at @lba, then its CRC. */
void img_gpt_fix_array(struct image *img, uint64_t lba);
uint8_t *img_sector(struct image *img, uint64_t lba);

void img_put32(uint8_t *p, uint32_t v);
void img_put64(uint8_t *p, uint64_t v);

uint32_t img_crc32(const void *data, size_t len);

#endif /* TESTS_BDDF_IMAGE_H */
