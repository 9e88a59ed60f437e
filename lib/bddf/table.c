/*
 * table.c — choosing the partition table format and the checks every
 * format shares. Hostile tables are refused as a whole, never clipped: a
 * server that trusted half of a corrupt table could write where the disk's
 * owner never meant it to.
 */
#include <stdarg.h>
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "bddf_internal.h"

int bddf__table_fail(struct bddf_ptable *t, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ddekit_vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	va_end(ap);
	t->error = err;
	t->count = 0;
	return err;
}

int bddf__table_add(struct bddf_ptable *t, const struct bddf_part_ent *e)
{
	if (t->count >= BDDF_MAX_PARTS)
		return bddf__table_fail(t, -DDEKIT_EINVAL,
		                        "more than %d partitions",
		                        BDDF_MAX_PARTS);
	t->ents[t->count++] = *e;
	return 0;
}

int bddf__table_add_area(struct bddf_ptable *t, uint64_t start,
                         uint64_t sectors)
{
	if (t->nareas >= BDDF_MAX_AREAS)
		return bddf__table_fail(t, -DDEKIT_EINVAL,
		                        "partition table has too many parts");
	t->areas[t->nareas].start = start;
	t->areas[t->nareas].sectors = sectors;
	t->nareas++;
	return 0;
}

int bddf__read(const struct bddf_table_src *src, struct bddf_ptable *t,
               uint64_t lba)
{
	int err;

	if (lba >= src->sectors)
		return bddf__table_fail(
		    t, -DDEKIT_EINVAL,
		    "table points past the disk end (LBA %llu)",
		    (unsigned long long)lba);
	err = src->read(src->ctx, lba, src->buf);
	if (err < 0)
		return bddf__table_fail(
		    t, -DDEKIT_EIO, "cannot read LBA %llu: %s",
		    (unsigned long long)lba, ddekit_strerror(err));
	return 0;
}

/* Both ranges are non-empty and lie within the disk, so the ends cannot
 * overflow. */
static bool ranges_overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a < b + bn && b < a + an;
}

int bddf__table_check(const struct bddf_table_src *src, struct bddf_ptable *t)
{
	int i, j;

	for (i = 0; i < t->count; i++) {
		const struct bddf_part_ent *e = &t->ents[i];

		if (e->sectors == 0)
			return bddf__table_fail(t, -DDEKIT_EINVAL,
			                        "partition %d has zero length",
			                        e->number);
		if (e->start >= src->sectors ||
		    e->sectors > src->sectors - e->start)
			return bddf__table_fail(
			    t, -DDEKIT_EINVAL,
			    "partition %d ends past the disk end", e->number);
	}
	for (i = 0; i < t->count; i++) {
		const struct bddf_part_ent *e = &t->ents[i];

		for (j = 0; j < t->nareas; j++) {
			const struct bddf_area *a = &t->areas[j];

			if (ranges_overlap(e->start, e->sectors, a->start,
			                   a->sectors))
				return bddf__table_fail(
				    t, -DDEKIT_EINVAL,
				    "partition %d covers the partition table "
				    "(LBA %llu)",
				    e->number, (unsigned long long)a->start);
		}
		for (j = 0; j < i; j++) {
			const struct bddf_part_ent *o = &t->ents[j];

			if (ranges_overlap(e->start, e->sectors, o->start,
			                   o->sectors))
				return bddf__table_fail(
				    t, -DDEKIT_EINVAL,
				    "partition %d overlaps partition %d",
				    e->number, o->number);
		}
	}
	return 0;
}

static bool gpt_signature(const uint8_t *sector)
{
	return memcmp(sector, "EFI PART", 8) == 0;
}

int bddf__parse_table(const struct bddf_table_src *src, struct bddf_ptable *out)
{
	int err;

	memset(out, 0, sizeof(*out));
	out->table = BDDF_TABLE_NONE;
	err = bddf__parse_mbr(src, out);
	if (err < 0 || out->table != BDDF_TABLE_NONE)
		goto out;
	/* UEFI asks for a protective MBR, but a disk whose MBR was wiped
	 * still has its GPT: recognise it by the header's signature. */
	if (src->sectors < 3)
		goto out;
	err = bddf__read(src, out, 1);
	if (err < 0)
		goto out;
	if (gpt_signature(src->buf)) {
		memset(out, 0, sizeof(*out));
		err = bddf__parse_gpt(src, out);
	}
out:
	if (err < 0)
		out->count = 0;
	return err;
}

void bddf__guid_format(const uint8_t g[16], char *out, size_t size)
{
	/* The first three fields are stored little-endian, the last two as
	 * bytes in order. */
	ddekit_snprintf(out, size,
	                "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	                (unsigned)bddf__le32(g), (unsigned)bddf__le16(g + 4),
	                (unsigned)bddf__le16(g + 6), g[8], g[9], g[10], g[11],
	                g[12], g[13], g[14], g[15]);
}

static size_t utf8_encode(uint32_t c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

void bddf__utf16le_to_utf8(const uint8_t *in, size_t units, char *out,
                           size_t size)
{
	size_t i = 0, len = 0;

	if (size == 0)
		return;
	while (i < units) {
		uint32_t c = bddf__le16(in + 2 * i++);
		char enc[4];
		size_t n;

		if (c == 0)
			break;
		if (c >= 0xd800 && c < 0xdc00 && i < units) {
			uint32_t lo = bddf__le16(in + 2 * i);

			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
				i++;
			}
		}
		if (c >= 0xd800 && c < 0xe000)
			c = 0xfffd;
		n = utf8_encode(c, enc);
		if (len + n >= size)
			break;
		memcpy(out + len, enc, n);
		len += n;
	}
	out[len] = '\0';
}
