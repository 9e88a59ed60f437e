/*
 * fuzz_seeds.c — writes the seed corpora of the fuzz targets into
 * <dir>/mbr and <dir>/gpt: small images with the tables the unit tests
 * use, so the fuzzers start from valid structures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image.h"

#define SECTORS 48

static int save(const char *dir, const char *name, const uint8_t *prefix,
                size_t plen, const struct image *img)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	ok = fwrite(prefix, 1, plen, f) == plen &&
	     fwrite(img->data, img->sector_size, img->sectors, f) ==
	         img->sectors;
	return fclose(f) == 0 && ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	static uint8_t data[SECTORS * 512];
	struct image img = {data, 512, SECTORS};
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, 8, 19, "root"},
	    {img_guid_linux, 20, 39, "Daten"},
	};
	const uint8_t fix_both = 3, fix_none = 0;
	char mbr[4096], gpt[4096];
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(mbr, sizeof(mbr), "%s/mbr", argv[1]);
	snprintf(gpt, sizeof(gpt), "%s/gpt", argv[1]);
	mkdir(argv[1], 0777);
	mkdir(mbr, 0777);
	mkdir(gpt, 0777);

	img_mbr_entry(&img, 0, 0x80, 0x83, 2, 10);
	img_mbr_entry(&img, 1, 0, 0x05, 16, 30);
	img_mbr_entry(&img, 2, 0, 0x07, 46, 2);
	img_ebr(&img, 16, 0x83, 1, 9, 10, 20);
	img_ebr(&img, 26, 0x82, 1, 19, 0, 0);
	err |= save(mbr, "logical", NULL, 0, &img);
	err |= save(gpt, "mbr", &fix_none, 1, &img);

	memset(data, 0, sizeof(data));
	img_mbr_entry(&img, 0, 0, 0x83, 1, SECTORS - 1);
	err |= save(mbr, "primary", NULL, 0, &img);

	memset(data, 0, sizeof(data));
	img_gpt(&img, parts, 2, 4);
	err |= save(mbr, "gpt", NULL, 0, &img);
	err |= save(gpt, "gpt", &fix_none, 1, &img);
	err |= save(gpt, "gpt_fixed", &fix_both, 1, &img);
	if (err)
		fprintf(stderr, "%s: cannot write the seeds\n", argv[0]);
	return err ? 1 : 0;
}
