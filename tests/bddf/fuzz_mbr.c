/*
 * fuzz_mbr.c — libFuzzer target: the input is a disk image as it is, so
 * mostly MBRs and EBR chains (and GPTs whose CRCs the fuzzer rarely gets
 * right; fuzz_gpt.c fixes those).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size & ~(size_t)511;
	uint8_t *img;

	if (len == 0)
		return 0;
	/* A copy of exactly the image, so ASan sees any read past it. */
	img = malloc(len);
	if (!img)
		return 0;
	memcpy(img, data, len);
	fuzz_parse_image(img, len);
	free(img);
	return 0;
}
