/*
 * ata_image_check.c — host side of the ATA scenarios: the raw image holds
 * the pattern in every region the guest wrote and zeros where sampled.
 *
 * usage: ata_image_check <image>
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ata_pattern.h"

static int check_sector(int fd, uint64_t lba, int zero, const char *what)
{
	uint8_t got[ATA_SECTOR], want[ATA_SECTOR];
	uint32_t i;

	if (pread(fd, got, sizeof(got), (off_t)(lba * ATA_SECTOR)) !=
	    (ssize_t)sizeof(got)) {
		printf("FAIL: cannot read LBA %llu (%s)\n",
		       (unsigned long long)lba, what);
		return 1;
	}
	if (zero)
		memset(want, 0, sizeof(want));
	else
		ata_pattern_fill(want, lba, 1);
	for (i = 0; i < ATA_SECTOR; i++) {
		if (got[i] != want[i]) {
			printf("FAIL: LBA %llu (%s) byte %u is %#x, want %#x\n",
			       (unsigned long long)lba, what, i, got[i],
			       want[i]);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct stat st;
	unsigned r, s, checked = 0;
	int fd, bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <image>\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 1;
	}
	if ((uint64_t)st.st_size != ATA_IMAGE_SECTORS * ATA_SECTOR) {
		printf("FAIL: %s has %lld bytes, want %llu\n", argv[1],
		       (long long)st.st_size,
		       (unsigned long long)(ATA_IMAGE_SECTORS * ATA_SECTOR));
		return 1;
	}
	for (r = 0; r < ATA_NREGIONS; r++) {
		for (s = 0; s < ata_regions[r].count; s++, checked++)
			bad |= check_sector(fd, ata_regions[r].lba + s, 0,
			                    ata_regions[r].what);
	}
	bad |= check_sector(fd, ATA_SEQ_LBA, 0, "sequential area start");
	bad |= check_sector(fd, ATA_SEQ_LBA + ATA_SEQ_BYTES / ATA_SECTOR - 1, 0,
	                    "sequential area end");
	for (r = 0; r < ATA_NZERO; r++)
		bad |=
		    check_sector(fd, ata_zero_samples[r], 1, "must stay zero");
	close(fd);
	if (bad)
		return 1;
	printf("image check: %u pattern sectors in %zu regions, 2 of the "
	       "sequential area and %zu zero samples match\n",
	       checked, ATA_NREGIONS, ATA_NZERO);
	return 0;
}
