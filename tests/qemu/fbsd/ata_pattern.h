/*
 * ata_pattern.h — what the ATA scenarios write where, shared by the guest
 * program (ata_disks.c) and the host's image check (ata_image_check.c).
 */
#ifndef TESTS_QEMU_FBSD_ATA_PATTERN_H
#define TESTS_QEMU_FBSD_ATA_PATTERN_H

#include <stdint.h>

#define ATA_SECTOR 512u
/* The sparse image: 200 GiB, so LBA48 addresses above 2^28 exist. */
#define ATA_IMAGE_SECTORS (200ull * 1024 * 1024 * 1024 / ATA_SECTOR)

struct ata_region {
	const char *what;
	uint64_t lba;
	uint32_t count;
};

/* The regions written with the pattern; the last sector's LBA is the
 * image's (checked against the size the driver reports). */
static const struct ata_region ata_regions[] = {
    {"first sector", 0, 1},
    {"128 sectors across the 64 KiB boundary", 120, 128},
    {"LBA48, above 2^28 (128 GiB)", (1ull << 28) + 5, 16},
    {"last sector", ATA_IMAGE_SECTORS - 1, 1},
};
#define ATA_NREGIONS (sizeof(ata_regions) / sizeof(ata_regions[0]))

/* The sequential-throughput area: written with the pattern, not checked
 * by the host beyond its first and last sector. */
#define ATA_SEQ_LBA   4096ull
#define ATA_SEQ_BYTES (16u * 1024 * 1024)
#define ATA_SEQ_IO    (64u * 1024)

/* Sectors the host samples for zeros: between and around the regions. */
static const uint64_t ata_zero_samples[] = {
    1,
    119,
    248,
    4095,
    ATA_SEQ_LBA + ATA_SEQ_BYTES / ATA_SECTOR,
    (1ull << 28) - 1,
    (1ull << 28) + 4,
    (1ull << 28) + 21,
    ATA_IMAGE_SECTORS / 2,
    ATA_IMAGE_SECTORS - 2,
};
#define ATA_NZERO (sizeof(ata_zero_samples) / sizeof(ata_zero_samples[0]))

/* Byte @i of sector @lba: never zero, different per sector and offset. */
static inline uint8_t ata_pattern_byte(uint64_t lba, uint32_t i)
{
	uint64_t x = lba * 0x9e3779b97f4a7c15ull + i * 0x2545f4914f6cdd1dull;

	x ^= x >> 29;
	return (uint8_t)((x & 0xff) | 1);
}

static inline void ata_pattern_fill(uint8_t *buf, uint64_t lba, uint32_t count)
{
	uint32_t s, i;

	for (s = 0; s < count; s++)
		for (i = 0; i < ATA_SECTOR; i++)
			buf[s * ATA_SECTOR + i] = ata_pattern_byte(lba + s, i);
}

#endif /* TESTS_QEMU_FBSD_ATA_PATTERN_H */
