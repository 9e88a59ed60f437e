/*
 * test_gpt.c — GUID partition tables: entries, labels, type GUIDs, the
 * protective MBR, falling back to the backup header, and the corrupt or
 * hostile tables bddf refuses.
 */
#include <string.h>

#include <ddekit/errno.h>

#include "bddf_fixture.h"

#define SECTORS 4096
#define LAST    (SECTORS - 1)
/* 128 entries of 128 bytes: 32 sectors of array on either side. */
#define FIRST_USABLE 34
#define LAST_USABLE  (LAST - 1 - 32)

static const char label2[] = "Daten-\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80";

static struct ramdisk *gpt_disk(struct image *img)
{
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, 64, 1087, "root"},
	    {img_guid_linux, 1088, 2047, label2},
	};
	struct ramdisk *rd = fx_disk(SECTORS, 65536, img);

	img_gpt(img, parts, 2, 128);
	return rd;
}

static struct ramdisk *gpt_disk_with(struct image *img,
                                     const struct img_gpt_part *parts, int n)
{
	struct ramdisk *rd = fx_disk(SECTORS, 65536, img);

	img_gpt(img, parts, n, 128);
	return rd;
}

/* Change a 32-bit header field in both headers, keeping their CRCs. */
static void both_headers_put32(struct image *img, int off, uint32_t v)
{
	img_put32(img_sector(img, 1) + off, v);
	img_gpt_fix_header(img, 1);
	img_put32(img_sector(img, LAST) + off, v);
	img_gpt_fix_header(img, LAST);
}

static void expect_refused(const char *why)
{
	struct bddf_dev_info info;

	fx_info("ad0", &info);
	assert_int_equal(info.table, BDDF_TABLE_GPT);
	assert_int_equal(info.table_error, -DDEKIT_EINVAL);
	if (!strstr(info.table_msg, why))
		fail_msg("table_msg \"%s\" does not say \"%s\"", info.table_msg,
		         why);
	assert_int_equal(fx_count(), 1);
}

static void test_gpt_partitions_are_named_by_entry_index(void **state)
{
	struct bddf_dev_info all[4];
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_int_equal(bddf_devices(all, 4), 3);
	assert_string_equal(all[0].name, "ad0");
	assert_int_equal(all[0].table, BDDF_TABLE_GPT);
	assert_int_equal(all[0].table_error, 0);
	assert_string_equal(all[0].table_msg, "");
	assert_string_equal(all[1].name, "ad0:1");
	assert_int_equal(all[1].start_lba, 64);
	assert_int_equal(all[1].sectors, 1024);
	assert_string_equal(all[2].name, "ad0:2");
	assert_int_equal(all[2].start_lba, 1088);
	assert_int_equal(all[2].sectors, 960);
}

static void test_gpt_empty_entries_keep_their_index(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);
	struct bddf_dev_info info;
	uint8_t *array = img_sector(&img, 2);

	(void)state;
	/* Move entry 2 to slot 5. */
	memcpy(array + 4 * 128, array + 128, 128);
	memset(array + 128, 0, 128);
	memcpy(img_sector(&img, LAST - 32), array, 32 * 512);
	img_gpt_fix_array(&img, 1);
	img_gpt_fix_array(&img, LAST);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_int_equal(fx_count(), 3);
	fx_info("ad0:5", &info);
	assert_int_equal(info.start_lba, 1088);
}

static void test_gpt_type_guid_is_formatted_mixed_endian(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0:1", &info);
	assert_string_equal(info.type, "0fc63daf-8483-4772-8e79-3d69d8477de4");
}

static void test_gpt_label_is_converted_from_utf16_to_utf8(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0:1", &info);
	assert_string_equal(info.label, "root");
	fx_info("ad0:2", &info);
	assert_string_equal(info.label, label2);
}

static void test_protective_mbr_selects_gpt(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	/* A hybrid MBR: besides 0xEE an entry bddf must not list. */
	img_mbr_entry(&img, 1, 0, 0x83, 3000, 100);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.table, BDDF_TABLE_GPT);
	assert_int_equal(fx_count(), 3);
	fx_info("ad0:2", &info);
	assert_int_equal(info.start_lba, 1088);
}

static void test_gpt_without_mbr_is_found_by_its_signature(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	memset(img_sector(&img, 0), 0, 512);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.table, BDDF_TABLE_GPT);
	assert_int_equal(fx_count(), 3);
}

static void test_gpt_bad_primary_header_crc_falls_back_to_backup(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	img_sector(&img, 1)[40] ^= 1;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.table_error, 0);
	assert_string_equal(info.table_msg,
	                    "GPT primary header has a bad CRC: using the "
	                    "backup at LBA 4095");
	assert_int_equal(fx_count(), 3);
	fx_info("ad0:2", &info);
	assert_string_equal(info.label, label2);
}

static void test_gpt_with_both_headers_bad_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	img_sector(&img, 1)[40] ^= 1;
	memset(img_sector(&img, LAST), 0, 8);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("GPT primary header has a bad CRC, backup header has "
	               "no signature");
}

static void test_gpt_bad_entry_array_crc_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	img_sector(&img, 2)[56] = 'R';
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("GPT entry array has a bad CRC");
}

static void test_gpt_overlapping_entries_are_refused(void **state)
{
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, 64, 1087, "a"},
	    {img_guid_linux, 1087, 2047, "b"},
	};
	struct image img;
	struct ramdisk *rd = gpt_disk_with(&img, parts, 2);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 2 overlaps partition 1");
}

static void test_gpt_entry_beyond_usable_range_is_refused(void **state)
{
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, 64, LAST_USABLE + 1, "a"},
	};
	struct image img;
	struct ramdisk *rd = gpt_disk_with(&img, parts, 1);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 1 lies outside the GPT usable range");
}

static void test_gpt_entry_in_the_table_area_is_refused(void **state)
{
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, FIRST_USABLE - 1, 100, "a"},
	};
	struct image img;
	struct ramdisk *rd = gpt_disk_with(&img, parts, 1);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 1 lies outside the GPT usable range");
}

static void test_gpt_entry_ending_before_its_start_is_refused(void **state)
{
	const struct img_gpt_part parts[] = {
	    {img_guid_linux, 200, 100, "a"},
	};
	struct image img;
	struct ramdisk *rd = gpt_disk_with(&img, parts, 1);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("GPT entry 1 ends before it starts");
}

static void test_gpt_absurd_entry_count_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	both_headers_put32(&img, 80, 100000);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("primary header has an absurd entry count");
}

static void test_gpt_entry_count_overflowing_32_bits_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	/* 2^25 entries of 128 bytes: 2^32 bytes, 0 in 32-bit arithmetic. */
	both_headers_put32(&img, 80, 1u << 25);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("primary header has an absurd entry count");
}

static void test_gpt_bad_entry_size_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	both_headers_put32(&img, 84, 100);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("primary header has a bad entry size");
}

static void test_gpt_entry_array_in_usable_range_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = gpt_disk(&img);

	(void)state;
	both_headers_put32(&img, 72, 100);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("primary header has its entry array in the usable "
	               "range");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BDDF_TEST(test_gpt_partitions_are_named_by_entry_index),
	    BDDF_TEST(test_gpt_empty_entries_keep_their_index),
	    BDDF_TEST(test_gpt_type_guid_is_formatted_mixed_endian),
	    BDDF_TEST(test_gpt_label_is_converted_from_utf16_to_utf8),
	    BDDF_TEST(test_protective_mbr_selects_gpt),
	    BDDF_TEST(test_gpt_without_mbr_is_found_by_its_signature),
	    BDDF_TEST(test_gpt_bad_primary_header_crc_falls_back_to_backup),
	    BDDF_TEST(test_gpt_with_both_headers_bad_is_refused),
	    BDDF_TEST(test_gpt_bad_entry_array_crc_is_refused),
	    BDDF_TEST(test_gpt_overlapping_entries_are_refused),
	    BDDF_TEST(test_gpt_entry_beyond_usable_range_is_refused),
	    BDDF_TEST(test_gpt_entry_in_the_table_area_is_refused),
	    BDDF_TEST(test_gpt_entry_ending_before_its_start_is_refused),
	    BDDF_TEST(test_gpt_absurd_entry_count_is_refused),
	    BDDF_TEST(test_gpt_entry_count_overflowing_32_bits_is_refused),
	    BDDF_TEST(test_gpt_bad_entry_size_is_refused),
	    BDDF_TEST(test_gpt_entry_array_in_usable_range_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
