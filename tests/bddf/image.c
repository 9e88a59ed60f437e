/*
 * image.c — partition tables for test images (image.h). Independent of
 * lib/bddf, CRC included, so that the tests check bddf against the
 * formats and not against itself.
 */
#include <string.h>

#include "image.h"

const uint8_t img_guid_linux[16] = {
    0xaf, 0x3d, 0xc6, 0x0f, 0x83, 0x84, 0x72, 0x47,
    0x8e, 0x79, 0x3d, 0x69, 0xd8, 0x47, 0x7d, 0xe4,
};

void img_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void img_put64(uint8_t *p, uint64_t v)
{
	img_put32(p, (uint32_t)v);
	img_put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

uint32_t img_crc32(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

uint8_t *img_sector(struct image *img, uint64_t lba)
{
	return img->data + lba * img->sector_size;
}

static void put_entry(uint8_t *p, uint8_t status, uint8_t type, uint32_t start,
                      uint32_t sectors)
{
	memset(p, 0, 16);
	p[0] = status;
	p[4] = type;
	img_put32(p + 8, start);
	img_put32(p + 12, sectors);
}

void img_mbr_entry(struct image *img, int i, uint8_t status, uint8_t type,
                   uint32_t start, uint32_t sectors)
{
	uint8_t *s = img_sector(img, 0);

	put_entry(s + 446 + 16 * i, status, type, start, sectors);
	s[510] = 0x55;
	s[511] = 0xaa;
}

void img_ebr(struct image *img, uint64_t lba, uint8_t type, uint32_t rel,
             uint32_t sectors, uint32_t next_rel, uint32_t next_sectors)
{
	uint8_t *s = img_sector(img, lba);

	memset(s, 0, img->sector_size);
	if (type)
		put_entry(s + 446, 0, type, rel, sectors);
	if (next_rel)
		put_entry(s + 462, 0, 0x05, next_rel, next_sectors);
	s[510] = 0x55;
	s[511] = 0xaa;
}

/* UTF-8 to UTF-16LE, at most 36 units. */
static void put_label(uint8_t *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = 0;

	while (*u && n < 36) {
		uint32_t c;

		if (*u < 0x80) {
			c = *u++;
		} else if (*u < 0xe0) {
			c = (uint32_t)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
			u += 2;
		} else if (*u < 0xf0) {
			c = (uint32_t)(u[0] & 0x0f) << 12 |
			    (uint32_t)(u[1] & 0x3f) << 6 | (u[2] & 0x3f);
			u += 3;
		} else {
			c = (uint32_t)(u[0] & 0x07) << 18 |
			    (uint32_t)(u[1] & 0x3f) << 12 |
			    (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
			u += 4;
		}
		if (c >= 0x10000 && n < 35) {
			c -= 0x10000;
			p[2 * n] = (uint8_t)(0xd800 + (c >> 10));
			p[2 * n + 1] = (uint8_t)((0xd800 + (c >> 10)) >> 8);
			n++;
			c = 0xdc00 + (c & 0x3ff);
		}
		p[2 * n] = (uint8_t)c;
		p[2 * n + 1] = (uint8_t)(c >> 8);
		n++;
	}
}

void img_gpt_fix_header(struct image *img, uint64_t lba)
{
	uint8_t *h = img_sector(img, lba);
	uint32_t size = get32(h + 12);

	img_put32(h + 16, 0);
	img_put32(h + 16, img_crc32(h, size));
}

void img_gpt_fix_array(struct image *img, uint64_t lba)
{
	uint8_t *h = img_sector(img, lba);
	uint64_t array = get64(h + 72);
	uint64_t bytes = (uint64_t)get32(h + 80) * get32(h + 84);

	img_put32(h + 88, img_crc32(img_sector(img, array), bytes));
	img_gpt_fix_header(img, lba);
}

static void put_header(struct image *img, uint64_t lba, uint64_t alt,
                       uint64_t first, uint64_t last, uint64_t array,
                       uint32_t entries)
{
	uint8_t *h = img_sector(img, lba);

	memset(h, 0, img->sector_size);
	memcpy(h, "EFI PART", 8);
	img_put32(h + 8, 0x00010000);
	img_put32(h + 12, 92);
	img_put64(h + 24, lba);
	img_put64(h + 32, alt);
	img_put64(h + 40, first);
	img_put64(h + 48, last);
	memset(h + 56, 0x5a, 16); /* disk GUID */
	img_put64(h + 72, array);
	img_put32(h + 80, entries);
	img_put32(h + 84, 128);
	img_gpt_fix_array(img, lba);
}

void img_gpt(struct image *img, const struct img_gpt_part *parts, int n,
             uint32_t entries)
{
	uint64_t last_lba = img->sectors - 1;
	uint64_t asec =
	    ((uint64_t)entries * 128 + img->sector_size - 1) / img->sector_size;
	uint64_t first = 2 + asec, last = last_lba - 1 - asec;
	uint8_t *array = img_sector(img, 2);

	memset(img_sector(img, 0), 0, img->sector_size);
	img_mbr_entry(img, 0, 0, 0xee, 1,
	              last_lba > 0xffffffffu ? 0xffffffffu
	                                     : (uint32_t)last_lba);
	memset(array, 0, asec * img->sector_size);
	for (int i = 0; i < n; i++) {
		uint8_t *e = array + 128 * i;

		memcpy(e, parts[i].type, 16);
		memset(e + 16, 0x11 * (i + 1), 16);
		img_put64(e + 32, parts[i].first);
		img_put64(e + 40, parts[i].last);
		if (parts[i].label)
			put_label(e + 56, parts[i].label);
	}
	memcpy(img_sector(img, last_lba - asec), array,
	       asec * img->sector_size);
	put_header(img, 1, last_lba, first, last, 2, entries);
	put_header(img, last_lba, 1, first, last, last_lba - asec, entries);
}
