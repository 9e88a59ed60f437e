/*
 * mbr.c — the MBR partition table: four primary entries in sector 0, one
 * of which may be an extended partition holding a chain of extended boot
 * records (EBRs), each describing one logical partition and linking to the
 * next EBR.
 *
 * Entry layout (16 bytes at 446 + 16 * i): status (0x00 or 0x80), CHS of
 * the first sector, type, CHS of the last sector, start LBA (le32), sector
 * count (le32). In an EBR, entry 0 is the logical partition, its start
 * relative to that EBR; entry 1 links to the next EBR, its start relative
 * to the extended partition's start. CHS fields are ignored: LBA rules.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "bddf_internal.h"

#define MBR_TABLE    446
#define MBR_TYPE_GPT 0xee

struct mbr_ent {
	uint8_t status;
	uint8_t type;
	uint32_t start;
	uint32_t sectors;
};

static void mbr_decode(const uint8_t *sector, int i, struct mbr_ent *e)
{
	const uint8_t *p = sector + MBR_TABLE + 16 * i;

	e->status = p[0];
	e->type = p[4];
	e->start = bddf__le32(p + 8);
	e->sectors = bddf__le32(p + 12);
}

static bool mbr_signed(const uint8_t *sector)
{
	return sector[510] == 0x55 && sector[511] == 0xaa;
}

static bool mbr_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static void mbr_ent_fill(struct bddf_part_ent *pe, int number, uint64_t start,
                         uint32_t sectors, uint8_t type)
{
	memset(pe, 0, sizeof(*pe));
	pe->number = number;
	pe->start = start;
	pe->sectors = sectors;
	ddekit_snprintf(pe->type, sizeof(pe->type), "0x%02x", type);
}

/* Walk the EBR chain of the extended partition [@ext, @ext + @ext_len),
 * adding logical partitions 5, 6, ... and each EBR as a table area. */
static int mbr_logicals(const struct bddf_table_src *src, struct bddf_ptable *t,
                        uint64_t ext, uint64_t ext_len)
{
	uint64_t visited[BDDF_MAX_LOGICAL];
	uint64_t ebr = ext, ext_end = ext + ext_len;
	int nvisited = 0, number = 5, i, err;

	for (;;) {
		struct mbr_ent log, link;
		struct bddf_part_ent pe;

		if (nvisited == BDDF_MAX_LOGICAL)
			return bddf__table_fail(
			    t, -DDEKIT_EINVAL, "EBR chain longer than %d links",
			    BDDF_MAX_LOGICAL);
		for (i = 0; i < nvisited; i++)
			if (visited[i] == ebr)
				return bddf__table_fail(
				    t, -DDEKIT_EINVAL,
				    "EBR chain loops back to LBA %llu",
				    (unsigned long long)ebr);
		visited[nvisited++] = ebr;
		err = bddf__read(src, t, ebr);
		if (err < 0)
			return err;
		if (!mbr_signed(src->buf))
			return bddf__table_fail(
			    t, -DDEKIT_EINVAL,
			    "EBR at LBA %llu has no signature",
			    (unsigned long long)ebr);
		err = bddf__table_add_area(t, ebr, 1);
		if (err < 0)
			return err;
		mbr_decode(src->buf, 0, &log);
		mbr_decode(src->buf, 1, &link);

		if (log.type != 0) {
			uint64_t start = ebr + log.start;

			if (mbr_extended(log.type))
				return bddf__table_fail(
				    t, -DDEKIT_EINVAL,
				    "EBR at LBA %llu nests an extended "
				    "partition",
				    (unsigned long long)ebr);
			if (log.start == 0 || log.sectors == 0 ||
			    start >= ext_end || log.sectors > ext_end - start)
				return bddf__table_fail(
				    t, -DDEKIT_EINVAL,
				    "logical partition %d lies outside its "
				    "extended partition",
				    number);
			mbr_ent_fill(&pe, number++, start, log.sectors,
			             log.type);
			err = bddf__table_add(t, &pe);
			if (err < 0)
				return err;
		}

		if (link.type == 0)
			return 0;
		if (!mbr_extended(link.type))
			return bddf__table_fail(
			    t, -DDEKIT_EINVAL,
			    "EBR at LBA %llu links with type 0x%02x",
			    (unsigned long long)ebr, link.type);
		if (link.start == 0 || link.start >= ext_len)
			return bddf__table_fail(
			    t, -DDEKIT_EINVAL,
			    "EBR at LBA %llu links outside the extended "
			    "partition",
			    (unsigned long long)ebr);
		ebr = ext + link.start;
	}
}

int bddf__parse_mbr(const struct bddf_table_src *src, struct bddf_ptable *out)
{
	struct mbr_ent e[4];
	int ext = -1, i, err;

	err = bddf__read(src, out, 0);
	if (err < 0)
		return err;
	if (!mbr_signed(src->buf))
		return 0;
	for (i = 0; i < 4; i++)
		mbr_decode(src->buf, i, &e[i]);
	for (i = 0; i < 4; i++)
		if (e[i].type == MBR_TYPE_GPT) {
			memset(out, 0, sizeof(*out));
			return bddf__parse_gpt(src, out);
		}

	out->table = BDDF_TABLE_MBR;
	err = bddf__table_add_area(out, 0, 1);
	if (err < 0)
		return err;
	for (i = 0; i < 4; i++) {
		struct bddf_part_ent pe;

		if (e[i].status != 0 && e[i].status != 0x80)
			return bddf__table_fail(
			    out, -DDEKIT_EINVAL,
			    "MBR entry %d has a bad status byte 0x%02x", i + 1,
			    e[i].status);
		if (e[i].type == 0)
			continue;
		if (e[i].sectors == 0)
			return bddf__table_fail(out, -DDEKIT_EINVAL,
			                        "partition %d has zero length",
			                        i + 1);
		if (mbr_extended(e[i].type)) {
			if (ext >= 0)
				return bddf__table_fail(
				    out, -DDEKIT_EINVAL,
				    "MBR has two extended partitions");
			ext = i;
			continue;
		}
		mbr_ent_fill(&pe, i + 1, e[i].start, e[i].sectors, e[i].type);
		err = bddf__table_add(out, &pe);
		if (err < 0)
			return err;
	}

	if (ext >= 0) {
		uint64_t start = e[ext].start, len = e[ext].sectors;

		/* The extended partition itself is not listed (writing it
		 * would destroy the EBRs), but it must be as sane as a
		 * primary one before its chain is followed. */
		if (start == 0 || len == 0 || start >= src->sectors ||
		    len > src->sectors - start)
			return bddf__table_fail(
			    out, -DDEKIT_EINVAL,
			    "extended partition %d lies outside the disk",
			    ext + 1);
		for (i = 0; i < out->count; i++) {
			const struct bddf_part_ent *p = &out->ents[i];

			if (p->start < start + len &&
			    start < p->start + p->sectors)
				return bddf__table_fail(out, -DDEKIT_EINVAL,
				                        "partition %d overlaps "
				                        "extended partition %d",
				                        p->number, ext + 1);
		}
		err = mbr_logicals(src, out, start, len);
		if (err < 0)
			return err;
	}
	return bddf__table_check(src, out);
}
