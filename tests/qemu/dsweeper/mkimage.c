/*
 * mkimage.c — host side of the dsweeper scenarios: makes the disk images
 * the guest sweeps and checks them afterwards.
 *
 * Images (512-byte sectors, every byte outside the tables a recognisable,
 * low-entropy pattern that names its own LBA):
 *   mbr      40 MiB: primaries 1 and 2, extended 3 holding logicals 5, 6
 *   gpt      48 MiB: protective MBR, GPT with backup, partitions 1-3
 *            labelled alpha, bravo, charlie
 *   hostile  40 MiB: MBR whose partition 2 overlaps partition 1 and whose
 *            partition 3 runs past the end of the disk
 *   bench    sparse, MBR with one partition (--bench-mib, default 128)
 *
 * usage: dsw_mkimage make <kind> <file> [<MiB for bench>]
 *        dsw_mkimage range <kind> <partition>    (prints start, sectors)
 *        dsw_mkimage check <kind> <file> [same | zero N | random N]
 *
 * check regenerates the image and compares it with the file: "same" (the
 * default) wants every byte as made; "zero N" wants partition N all zero
 * and every other byte as made; "random N" wants partition N replaced
 * sector by sector (no sector as made, none all zero), its bytes close to
 * 8 bits of entropy each, and every other byte as made. Exit 0 when it
 * holds, 1 (with the first difference) when not, 2 on usage errors.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECTOR 512u
#define MIB    (1024u * 1024u / SECTOR) /* sectors */

#define GPT_ENTRIES    128u
#define GPT_ENT_SIZE   128u
#define GPT_ARRAY_SECS (GPT_ENTRIES * GPT_ENT_SIZE / SECTOR)

/* Entropy of the range read as 16-bit symbols: random data of a few MiB
 * comes within 0.02 of 16 bits; the pattern, whose bytes are nearly
 * uniform one by one but step predictably, has about 8. */
#define MIN_ENTROPY 15.9

struct part {
	int number;
	uint8_t mbr_type;
	uint64_t start, sectors;
	const char *gpt_type; /* GUID text */
	const char *label;
};

struct layout {
	const char *kind;
	uint64_t sectors;
	bool gpt, pattern;
	struct part part[6];
	int nparts;
	/* MBR extended partition (entry 3) with its EBR chain. */
	uint64_t ext_start, ext_sectors;
};

static const char *const guid_linux = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
static const char *const guid_basic = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7";

static struct layout layouts[] = {
    {.kind = "mbr",
     .sectors = 40 * MIB,
     .pattern = true,
     .part = {{1, 0x83, 2048, 8 * MIB, NULL, NULL},
              {2, 0x0c, 18432, 8 * MIB, NULL, NULL},
              {5, 0x83, 36864, 8 * MIB, NULL, NULL},
              {6, 0x82, 55296, 8 * MIB, NULL, NULL}},
     .nparts = 4,
     .ext_start = 34816,
     .ext_sectors = 40 * MIB - 34816},
    {.kind = "gpt",
     .sectors = 48 * MIB,
     .gpt = true,
     .pattern = true,
     .part = {{1, 0, 2048, 8 * MIB, guid_linux, "alpha"},
              {2, 0, 18432, 8 * MIB, guid_basic, "bravo"},
              {3, 0, 34816, 16 * MIB, guid_linux, "charlie"}},
     .nparts = 3},
    {.kind = "hostile",
     .sectors = 40 * MIB,
     .pattern = true,
     .part = {{1, 0x83, 2048, 8 * MIB, NULL, NULL},
              {2, 0x83, 10240, 8 * MIB, NULL, NULL},
              {3, 0x83, 40 * MIB - 2048, 8 * MIB, NULL, NULL}},
     .nparts = 3},
    {.kind = "bench",
     .sectors = 0, /* 128 MiB partition + 1 MiB, or as asked */
     .part = {{1, 0x83, 2048, 128 * MIB, NULL, NULL}},
     .nparts = 1},
};

static void le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* CRC-32 as in zlib and the UEFI specification: reflected polynomial
 * 0xedb88320, all ones in and out. */
static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

/* A GUID's text into its on-disk form: the first three fields
 * little-endian, the last two as written. */
static void guid(uint8_t out[16], const char *s)
{
	static const int at[16] = {3, 2, 1,  0,  5,  4,  7,  6,
	                           8, 9, 10, 11, 12, 13, 14, 15};
	int n = 0;

	for (; *s && n < 32; s++) {
		int v;

		if (*s == '-')
			continue;
		v = *s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10;
		if (n % 2 == 0)
			out[at[n / 2]] = (uint8_t)(v << 4);
		else
			out[at[n / 2]] |= (uint8_t)v;
		n++;
	}
}

/* The pattern: the sector's LBA and the image's kind, then bytes that
 * step with the offset; never zero, so a zeroed sector is told apart. */
static void pattern(uint8_t *s, uint64_t lba, const char *kind)
{
	for (unsigned i = 0; i < SECTOR; i++)
		s[i] = (uint8_t)(1 + (lba * 31 + i) % 255);
	memcpy(s, "DSWEEPER", 8);
	le64(s + 8, lba);
	strncpy((char *)s + 16, kind, 8);
}

static void mbr_entry(uint8_t *sector, int i, uint8_t type, uint64_t start,
                      uint64_t sectors)
{
	uint8_t *e = sector + 446 + 16 * i;

	memset(e, 0, 16);
	e[4] = type;
	le32(e + 8, (uint32_t)start);
	le32(e + 12, (uint32_t)(sectors > 0xffffffffu ? 0xffffffffu : sectors));
}

static void signature(uint8_t *sector)
{
	memset(sector + 446, 0, 64);
	sector[510] = 0x55;
	sector[511] = 0xaa;
}

static void make_mbr(uint8_t *img, const struct layout *l)
{
	uint8_t *m = img;
	int slot = 0;

	signature(m);
	for (int i = 0; i < l->nparts; i++) {
		const struct part *p = &l->part[i];

		if (p->number <= 4)
			mbr_entry(m, slot++, p->mbr_type, p->start, p->sectors);
	}
	if (!l->ext_sectors)
		return;
	mbr_entry(m, slot, 0x0f, l->ext_start, l->ext_sectors);
	/* One EBR just before each logical partition, 2048 sectors ahead
	 * of it (where partitioning tools put them). */
	for (int i = 0; i < l->nparts; i++) {
		const struct part *p = &l->part[i];
		uint64_t ebr = p->start - 2048;
		uint8_t *e = img + ebr * SECTOR;

		if (p->number < 5)
			continue;
		signature(e);
		mbr_entry(e, 0, p->mbr_type, 2048, p->sectors);
		if (i + 1 < l->nparts)
			mbr_entry(e, 1, 0x05,
			          l->part[i + 1].start - 2048 - l->ext_start,
			          l->part[i + 1].sectors + 2048);
	}
}

static void gpt_header(uint8_t *h, const struct layout *l, uint64_t my,
                       uint64_t alt, uint64_t array, uint32_t array_crc)
{
	memset(h, 0, SECTOR);
	memcpy(h, "EFI PART", 8);
	le32(h + 8, 0x00010000);
	le32(h + 12, 92);
	le64(h + 24, my);
	le64(h + 32, alt);
	le64(h + 40, 2 + GPT_ARRAY_SECS);
	le64(h + 48, l->sectors - 2 - GPT_ARRAY_SECS);
	guid(h + 56, "D5EE9E12-0000-4000-8000-000000000001");
	le64(h + 72, array);
	le32(h + 80, GPT_ENTRIES);
	le32(h + 84, GPT_ENT_SIZE);
	le32(h + 88, array_crc);
	le32(h + 16, crc32(h, 92));
}

static void make_gpt(uint8_t *img, const struct layout *l)
{
	uint64_t last = l->sectors - 1;
	uint8_t *array = img + 2 * SECTOR;
	uint32_t crc;

	signature(img);
	mbr_entry(img, 0, 0xee, 1, l->sectors - 1);
	memset(array, 0, GPT_ARRAY_SECS * SECTOR);
	for (int i = 0; i < l->nparts; i++) {
		const struct part *p = &l->part[i];
		uint8_t *e = array + (p->number - 1) * GPT_ENT_SIZE;
		char uniq[40];

		guid(e, p->gpt_type);
		snprintf(uniq, sizeof(uniq),
		         "D5EE9E12-0000-4000-8000-0000000000%02d", 10 + i);
		guid(e + 16, uniq);
		le64(e + 32, p->start);
		le64(e + 40, p->start + p->sectors - 1);
		for (int k = 0; p->label[k]; k++)
			e[56 + 2 * k] = (uint8_t)p->label[k];
	}
	crc = crc32(array, GPT_ARRAY_SECS * SECTOR);
	memcpy(img + (last - GPT_ARRAY_SECS) * SECTOR, array,
	       GPT_ARRAY_SECS * SECTOR);
	gpt_header(img + SECTOR, l, 1, last, 2, crc);
	gpt_header(img + last * SECTOR, l, last, 1, last - GPT_ARRAY_SECS, crc);
}

static uint8_t *build(const struct layout *l)
{
	uint8_t *img = calloc(l->sectors, SECTOR);

	if (!img)
		return NULL;
	if (l->pattern)
		for (uint64_t s = 0; s < l->sectors; s++)
			pattern(img + s * SECTOR, s, l->kind);
	if (l->gpt)
		make_gpt(img, l);
	else
		make_mbr(img, l);
	return img;
}

static struct layout *find_layout(const char *kind)
{
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (!strcmp(layouts[i].kind, kind))
			return &layouts[i];
	fprintf(stderr, "dsw_mkimage: no image kind '%s'\n", kind);
	return NULL;
}

static const struct part *find_part(const struct layout *l, const char *n)
{
	int number = atoi(n);

	for (int i = 0; i < l->nparts; i++)
		if (l->part[i].number == number)
			return &l->part[i];
	fprintf(stderr, "dsw_mkimage: %s has no partition '%s'\n", l->kind, n);
	return NULL;
}

/* The bench image holds only its tables: the rest stays a hole. */
static int write_image(const char *file, const struct layout *l,
                       const uint8_t *img)
{
	FILE *f = fopen(file, "wb");
	int r = 1;

	if (!f) {
		perror(file);
		return 1;
	}
	if (l->pattern) {
		if (fwrite(img, SECTOR, l->sectors, f) != l->sectors)
			goto out;
	} else {
		if (fwrite(img, SECTOR, 2048, f) != 2048 ||
		    fseeko(f, (off_t)(l->sectors * SECTOR - 1), SEEK_SET) ||
		    fputc(0, f) == EOF)
			goto out;
	}
	r = 0;
out:
	if (fclose(f) || r) {
		perror(file);
		r = 1;
	}
	return r;
}

static double entropy(const uint8_t *p, size_t n)
{
	static uint64_t count[65536];
	double h = 0;

	n /= 2;
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
		count[p[2 * i] | p[2 * i + 1] << 8]++;
	for (int b = 0; b < 65536; b++)
		if (count[b]) {
			double q = (double)count[b] / (double)n;

			h -= q * log2(q);
		}
	return h;
}

static int first_difference(const uint8_t *a, const uint8_t *b, uint64_t from,
                            uint64_t to)
{
	for (uint64_t o = from * SECTOR; o < to * SECTOR; o++)
		if (a[o] != b[o]) {
			printf("FAIL: byte %llu (LBA %llu + %llu) is %#x, was "
			       "%#x\n",
			       (unsigned long long)o,
			       (unsigned long long)(o / SECTOR),
			       (unsigned long long)(o % SECTOR), a[o], b[o]);
			return 1;
		}
	return 0;
}

static int check_range(const uint8_t *got, const uint8_t *made,
                       const struct part *p, const char *mode)
{
	static const uint8_t zero[SECTOR];
	uint64_t s, end = p->start + p->sectors;
	double h;

	if (!strcmp(mode, "zero")) {
		for (s = p->start; s < end; s++)
			if (memcmp(got + s * SECTOR, zero, SECTOR)) {
				printf("FAIL: partition %d: LBA %llu is not "
				       "zero\n",
				       p->number, (unsigned long long)s);
				return 1;
			}
		printf("partition %d: all %llu sectors zero\n", p->number,
		       (unsigned long long)p->sectors);
		return 0;
	}
	for (s = p->start; s < end; s++) {
		const uint8_t *g = got + s * SECTOR;

		if (!memcmp(g, made + s * SECTOR, SECTOR) ||
		    !memcmp(g, zero, SECTOR)) {
			printf("FAIL: partition %d: LBA %llu is %s\n",
			       p->number, (unsigned long long)s,
			       memcmp(g, zero, SECTOR) ? "as before"
			                               : "all zero");
			return 1;
		}
	}
	h = entropy(got + p->start * SECTOR, p->sectors * SECTOR);
	printf("partition %d: every sector rewritten, %.5f bits of entropy "
	       "per 16-bit symbol (the pattern had %.5f)\n",
	       p->number, h,
	       entropy(made + p->start * SECTOR, p->sectors * SECTOR));
	if (h < MIN_ENTROPY) {
		printf("FAIL: partition %d: entropy %.5f < %.2f: not random "
		       "data\n",
		       p->number, h, MIN_ENTROPY);
		return 1;
	}
	return 0;
}

static int check(const struct layout *l, const char *file, const char *mode,
                 const char *n)
{
	const struct part *p = NULL;
	uint8_t *made = NULL, *got = NULL;
	FILE *f = NULL;
	int r = 1;

	if (strcmp(mode, "same")) {
		if (strcmp(mode, "zero") && strcmp(mode, "random")) {
			fprintf(stderr, "dsw_mkimage: check mode '%s'?\n",
			        mode);
			return 2;
		}
		p = n ? find_part(l, n) : NULL;
		if (!p)
			return 2;
	}
	made = build(l);
	got = malloc(l->sectors * SECTOR);
	f = fopen(file, "rb");
	if (!made || !got || !f) {
		perror(file);
		goto out;
	}
	if (fread(got, SECTOR, l->sectors, f) != l->sectors ||
	    fgetc(f) != EOF) {
		printf("FAIL: %s is not %llu sectors long\n", file,
		       (unsigned long long)l->sectors);
		goto out;
	}
	if (p) {
		if (first_difference(got, made, 0, p->start) ||
		    first_difference(got, made, p->start + p->sectors,
		                     l->sectors) ||
		    check_range(got, made, p, mode))
			goto out;
		printf("%s: every byte outside partition %d (LBA %llu-%llu) "
		       "as made\n",
		       file, p->number, (unsigned long long)p->start,
		       (unsigned long long)(p->start + p->sectors - 1));
	} else {
		if (first_difference(got, made, 0, l->sectors))
			goto out;
		printf("%s: all %llu sectors as made\n", file,
		       (unsigned long long)l->sectors);
	}
	r = 0;
out:
	if (f)
		fclose(f);
	free(made);
	free(got);
	return r;
}

int main(int argc, char **argv)
{
	struct layout *l = argc >= 3 ? find_layout(argv[2]) : NULL;
	uint8_t *img;
	int r;

	if (!l)
		goto usage;
	if (!strcmp(l->kind, "bench")) {
		uint64_t mib = argc >= 5 ? strtoull(argv[4], NULL, 10) : 128;

		if (mib < 1 || mib > 4096)
			goto usage;
		l->part[0].sectors = mib * MIB;
		l->sectors = l->part[0].start + l->part[0].sectors + MIB;
	}
	if (!strcmp(argv[1], "make") && argc >= 4) {
		img = build(l);
		if (!img) {
			perror("dsw_mkimage");
			return 1;
		}
		r = write_image(argv[3], l, img);
		free(img);
		return r;
	}
	if (!strcmp(argv[1], "range") && argc == 4) {
		const struct part *p = find_part(l, argv[3]);

		if (!p)
			return 2;
		printf("%llu %llu\n", (unsigned long long)p->start,
		       (unsigned long long)p->sectors);
		return 0;
	}
	if (!strcmp(argv[1], "check") && (argc == 4 || argc == 5 || argc == 6))
		return check(l, argv[3], argc >= 5 ? argv[4] : "same",
		             argc == 6 ? argv[5] : NULL);
usage:
	fputs("usage: dsw_mkimage make <mbr|gpt|hostile|bench> <file> "
	      "[<MiB>]\n"
	      "       dsw_mkimage range <kind> <partition>\n"
	      "       dsw_mkimage check <kind> <file> [same | zero N | "
	      "random N]\n",
	      stderr);
	return 2;
}
