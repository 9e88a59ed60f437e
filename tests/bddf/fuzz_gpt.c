/*
 * fuzz_gpt.c — libFuzzer target for the GPT parser. Random bytes almost
 * never carry a valid CRC, so the first input byte selects which CRCs the
 * harness recomputes before parsing (bit 0: primary header and its entry
 * array, bit 1: the backup's); the rest is the disk image. That lets the
 * fuzzer reach the checks behind the CRCs: counts, ranges, overlaps.
 */
#include <stdlib.h>
#include <string.h>

#include "bddf_internal.h"
#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void fix_header(uint8_t *img, size_t len, uint64_t lba)
{
	uint8_t *h;
	uint32_t hsize;
	uint64_t array, bytes;

	if (lba >= len / 512)
		return;
	h = img + lba * 512;
	array = bddf__le64(h + 72);
	bytes = (uint64_t)bddf__le32(h + 80) * bddf__le32(h + 84);
	if (array < len / 512 && bytes <= len - array * 512)
		put32(h + 88, bddf__crc32(0, img + array * 512, bytes));
	hsize = bddf__le32(h + 12);
	if (hsize >= 92 && hsize <= 512) {
		put32(h + 16, 0);
		put32(h + 16, bddf__crc32(0, h, hsize));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	uint8_t *img;

	if (size < 1)
		return 0;
	len = (size - 1) & ~(size_t)511;
	if (len == 0)
		return 0;
	img = malloc(len);
	if (!img)
		return 0;
	memcpy(img, data + 1, len);
	if (data[0] & 1)
		fix_header(img, len, 1);
	if (data[0] & 2)
		fix_header(img, len, len / 512 - 1);
	fuzz_parse_image(img, len);
	free(img);
	return 0;
}
