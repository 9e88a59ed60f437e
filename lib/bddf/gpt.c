/*
 * gpt.c — the GUID partition table (UEFI specification, chapter 5.3).
 *
 * Header (little-endian): 0 signature "EFI PART", 8 revision (1.x), 12
 * header size, 16 header CRC32 (computed with this field zero), 24 my LBA,
 * 32 alternate LBA, 40 first usable LBA, 48 last usable LBA, 56 disk GUID,
 * 72 entry array LBA, 80 number of entries, 84 entry size, 88 entry array
 * CRC32. Entry: 0 type GUID (all zero: unused), 16 unique GUID, 32 first
 * LBA, 40 last LBA (inclusive), 48 attributes, 56 name (36 UTF-16LE units).
 *
 * The primary header lives at LBA 1, the backup at the disk's last LBA.
 * A primary header that fails its checks is replaced by the backup; an
 * entry array that fails its CRC, or entries that break the rules, make
 * the table refused.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "bddf_internal.h"

#define GPT_HDR_MIN 92
#define GPT_ENT_MIN 128

struct gpt_hdr {
	uint64_t my_lba;
	uint64_t alt_lba;
	uint64_t first;
	uint64_t last;
	uint64_t array_lba;
	uint64_t array_sectors;
	uint32_t entries;
	uint32_t entry_size;
	uint32_t array_crc;
};

/* Read and check the header at @lba: 0 valid, 1 invalid (*@why says
 * why), or a negative code when the sector cannot be read. */
static int gpt_header(const struct bddf_table_src *src, struct bddf_ptable *t,
                      uint64_t lba, struct gpt_hdr *h, const char **why)
{
	uint8_t *b = src->buf;
	uint32_t size, crc;
	uint64_t bytes;
	int err;

	err = bddf__read(src, t, lba);
	if (err < 0)
		return err;
	*why = "has no signature";
	if (memcmp(b, "EFI PART", 8) != 0)
		return 1;
	*why = "has an unknown revision";
	if (bddf__le32(b + 8) >> 16 != 1)
		return 1;
	*why = "has a bad size";
	size = bddf__le32(b + 12);
	if (size < GPT_HDR_MIN || size > src->sector_size)
		return 1;
	*why = "has a bad CRC";
	crc = bddf__le32(b + 16);
	memset(b + 16, 0, 4);
	if (bddf__crc32(0, b, size) != crc)
		return 1;

	h->my_lba = bddf__le64(b + 24);
	h->alt_lba = bddf__le64(b + 32);
	h->first = bddf__le64(b + 40);
	h->last = bddf__le64(b + 48);
	h->array_lba = bddf__le64(b + 72);
	h->entries = bddf__le32(b + 80);
	h->entry_size = bddf__le32(b + 84);
	h->array_crc = bddf__le32(b + 88);

	*why = "is not at its own LBA";
	if (h->my_lba != lba)
		return 1;
	*why = "has a bad usable range";
	if (h->first > h->last || h->last >= src->sectors)
		return 1;
	*why = "has a bad entry size";
	if (h->entry_size < GPT_ENT_MIN ||
	    (h->entry_size & (h->entry_size - 1)) != 0)
		return 1;
	/* 64-bit product of two 32-bit values: cannot overflow. */
	*why = "has an absurd entry count";
	bytes = (uint64_t)h->entries * h->entry_size;
	if (bytes > BDDF_GPT_MAX_ARRAY)
		return 1;
	h->array_sectors = (bytes + src->sector_size - 1) / src->sector_size;
	*why = "has its entry array outside the disk";
	if (h->array_lba >= src->sectors ||
	    h->array_sectors > src->sectors - h->array_lba)
		return 1;
	*why = "has its entry array in the usable range";
	if (h->array_sectors && h->array_lba <= h->last &&
	    h->first < h->array_lba + h->array_sectors)
		return 1;
	return 0;
}

static int gpt_entry(struct bddf_ptable *t, const struct gpt_hdr *h,
                     const uint8_t *e, uint32_t index)
{
	static const uint8_t unused[16];
	struct bddf_part_ent pe;
	uint64_t first = bddf__le64(e + 32), last = bddf__le64(e + 40);

	if (memcmp(e, unused, 16) == 0)
		return 0;
	if (last < first)
		return bddf__table_fail(t, -DDEKIT_EINVAL,
		                        "GPT entry %u ends before it starts",
		                        index + 1);
	if (first < h->first || last > h->last)
		return bddf__table_fail(
		    t, -DDEKIT_EINVAL,
		    "partition %u lies outside the GPT usable range",
		    index + 1);
	memset(&pe, 0, sizeof(pe));
	pe.number = (int)index + 1;
	pe.start = first;
	pe.sectors = last - first + 1;
	bddf__guid_format(e, pe.type, sizeof(pe.type));
	bddf__utf16le_to_utf8(e + 56, 36, pe.label, sizeof(pe.label));
	return bddf__table_add(t, &pe);
}

/* Read the entry array sector by sector, checking its CRC and collecting
 * the entries that begin in each sector. Entry size and sector size are
 * both powers of two, so an entry either lies within one sector or starts
 * one; its first 128 bytes, all that is decoded, never straddle. */
static int gpt_entries(const struct bddf_table_src *src, struct bddf_ptable *t,
                       const struct gpt_hdr *h)
{
	uint64_t bytes = (uint64_t)h->entries * h->entry_size;
	uint32_t crc = 0, ss = src->sector_size;
	uint64_t s;
	int err;

	for (s = 0; s < h->array_sectors; s++) {
		uint64_t base = s * ss, next = base + ss;
		uint64_t idx = (base + h->entry_size - 1) / h->entry_size;

		err = bddf__read(src, t, h->array_lba + s);
		if (err < 0)
			return err;
		crc = bddf__crc32(crc, src->buf,
		                  next <= bytes ? ss : (size_t)(bytes - base));
		for (; idx < h->entries && idx * h->entry_size < next; idx++) {
			err = gpt_entry(t, h,
			                src->buf + (idx * h->entry_size - base),
			                (uint32_t)idx);
			if (err < 0)
				return err;
		}
	}
	if (crc != h->array_crc)
		return bddf__table_fail(t, -DDEKIT_EINVAL,
		                        "GPT entry array has a bad CRC");
	return 0;
}

int bddf__parse_gpt(const struct bddf_table_src *src, struct bddf_ptable *out)
{
	const char *why_primary = NULL, *why_backup = NULL;
	uint64_t backup = src->sectors - 1;
	struct gpt_hdr h;
	int r;

	out->table = BDDF_TABLE_GPT;
	if (src->sectors < 3)
		return bddf__table_fail(out, -DDEKIT_EINVAL,
		                        "disk too small for a GPT");
	r = gpt_header(src, out, 1, &h, &why_primary);
	if (r < 0)
		return r;
	if (r > 0) {
		r = gpt_header(src, out, backup, &h, &why_backup);
		if (r < 0)
			return r;
		if (r > 0)
			return bddf__table_fail(
			    out, -DDEKIT_EINVAL,
			    "GPT primary header %s, backup header %s",
			    why_primary, why_backup);
		ddekit_snprintf(out->msg, sizeof(out->msg),
		                "GPT primary header %s: using the backup at "
		                "LBA %llu",
		                why_primary, (unsigned long long)backup);
	}

	r = bddf__table_add_area(out, 0, 2);
	if (r == 0)
		r = bddf__table_add_area(out, h.my_lba, 1);
	if (r == 0 && h.array_sectors)
		r = bddf__table_add_area(out, h.array_lba, h.array_sectors);
	if (r == 0 && h.alt_lba < src->sectors)
		r = bddf__table_add_area(out, h.alt_lba, 1);
	if (r < 0)
		return r;
	r = gpt_entries(src, out, &h);
	if (r < 0)
		return r;
	return bddf__table_check(src, out);
}
