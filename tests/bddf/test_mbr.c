/*
 * test_mbr.c — MBR partition tables with primary, extended and logical
 * partitions, and the hostile ones bddf refuses.
 */
#include <string.h>

#include <ddekit/errno.h>

#include "bddf_fixture.h"
#include "mock.h"

#define SECTORS 4096

/* Primaries 1 (0x83) and 3 (0x07), extended 2 holding logicals 5 and 6. */
static struct ramdisk *good_mbr(struct image *img)
{
	struct ramdisk *rd = fx_disk(SECTORS, 65536, img);

	img_mbr_entry(img, 0, 0x80, 0x83, 64, 512);
	img_mbr_entry(img, 1, 0, 0x05, 1024, 2048);
	img_mbr_entry(img, 2, 0, 0x07, 3072, 1024);
	img_ebr(img, 1024, 0x83, 1, 511, 512, 1024);
	img_ebr(img, 1536, 0x82, 1, 1023, 0, 0);
	return rd;
}

static void expect_refused(const char *why)
{
	struct bddf_dev_info info;

	fx_info("ad0", &info);
	assert_int_equal(info.table_error, -DDEKIT_EINVAL);
	if (!strstr(info.table_msg, why))
		fail_msg("table_msg \"%s\" does not say \"%s\"", info.table_msg,
		         why);
	assert_int_equal(fx_count(), 1);
}

static void test_mbr_lists_disk_then_primaries_then_logicals(void **state)
{
	static const char *const names[] = {"ad0", "ad0:1", "ad0:3", "ad0:5",
	                                    "ad0:6"};
	static const uint64_t starts[] = {0, 64, 3072, 1025, 1537};
	static const uint64_t sizes[] = {SECTORS, 512, 1024, 511, 1023};
	struct bddf_dev_info all[8];
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_int_equal(bddf_devices(all, 8), 5);
	for (int i = 0; i < 5; i++) {
		assert_string_equal(all[i].name, names[i]);
		assert_string_equal(all[i].disk, "ad0");
		assert_int_equal(all[i].table, BDDF_TABLE_MBR);
		assert_int_equal(all[i].start_lba, starts[i]);
		assert_int_equal(all[i].sectors, sizes[i]);
	}
	assert_int_equal(all[0].table_error, 0);
}

static void test_mbr_partition_type_is_its_byte_in_hex(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0:3", &info);
	assert_string_equal(info.type, "0x07");
	assert_string_equal(info.label, "");
	fx_info("ad0:6", &info);
	assert_string_equal(info.type, "0x82");
}

static void test_mbr_extended_container_is_not_a_device(void **state)
{
	struct bddf_dev *dev;
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_int_equal(bddf_open("ad0:2", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
}

static void test_disk_without_boot_signature_has_no_table(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.table, BDDF_TABLE_NONE);
	assert_int_equal(info.table_error, 0);
	assert_int_equal(fx_count(), 1);
}

static void test_mbr_overlapping_primaries_are_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 64, 1000);
	img_mbr_entry(&img, 1, 0, 0x83, 1000, 1000);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 2 overlaps partition 1");
}

static void test_mbr_partition_past_disk_end_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 64, 512);
	img_mbr_entry(&img, 3, 0, 0x83, 2048, SECTORS - 2048 + 1);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 4 ends past the disk end");
}

static void test_mbr_zero_length_partition_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 64, 512);
	img_mbr_entry(&img, 1, 0, 0x83, 2048, 0);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 2 has zero length");
}

static void test_mbr_partition_covering_the_mbr_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 0, 512);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 1 covers the partition table");
}

static void test_mbr_bad_status_byte_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0x13, 0x83, 64, 512);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("bad status byte");
}

static void test_ebr_chain_that_loops_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	/* The second EBR links to itself (512 after the extended start). */
	img_ebr(&img, 1536, 0x82, 1, 1023, 512, 1024);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("EBR chain loops back to LBA 1536");
}

static void test_ebr_chain_longer_than_128_links_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x05, 64, 2 * 130);
	for (uint32_t i = 0; i < 130; i++)
		img_ebr(&img, 64 + 2 * i, 0x83, 1, 1, 2 * (i + 1), 2);
	img_ebr(&img, 64 + 2 * 129, 0x83, 1, 1, 0, 0);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("EBR chain longer than 128 links");
}

static void test_ebr_link_outside_extended_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	img_ebr(&img, 1024, 0x83, 1, 511, 2048, 16);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("links outside the extended partition");
}

static void test_logical_outside_extended_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	img_ebr(&img, 1536, 0x82, 1, 2048, 0, 0);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("logical partition 6 lies outside");
}

static void test_logical_covering_the_next_ebr_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	img_ebr(&img, 1024, 0x83, 1, 600, 512, 1024);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 5 covers the partition table (LBA 1536)");
}

static void test_primary_overlapping_extended_is_refused(void **state)
{
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	img_mbr_entry(&img, 2, 0, 0x07, 3000, 1000);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	expect_refused("partition 3 overlaps extended partition 2");
}

static void test_refused_table_leaves_the_whole_disk_usable(void **state)
{
	struct bddf_dev *dev;
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 64, 1000);
	img_mbr_entry(&img, 1, 0, 0x83, 1000, 1000);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_int_equal(bddf_open("ad0:1", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
	assert_int_equal(bddf_open("ad0", BDDF_OPEN_READ, &dev), 0);
	bddf_close(dev);
}

static void test_refused_table_is_reported_on_the_console(void **state)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	(void)state;
	img_mbr_entry(&img, 0, 0, 0x83, 64, 1000);
	img_mbr_entry(&img, 1, 0, 0x83, 1000, 1000);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	assert_non_null(strstr(mock_console_text(),
	                       "ad0: partition table refused (EINVAL)"));
}

static void test_unreadable_sector_0_gives_eio(void **state)
{
	struct bddf_dev_info info;
	struct image img;
	struct ramdisk *rd = good_mbr(&img);

	(void)state;
	rd->fail = true;
	rd->fail_lba = 0;
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.table_error, -DDEKIT_EIO);
	assert_non_null(strstr(info.table_msg, "cannot read LBA 0"));
	assert_int_equal(fx_count(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BDDF_TEST(test_mbr_lists_disk_then_primaries_then_logicals),
	    BDDF_TEST(test_mbr_partition_type_is_its_byte_in_hex),
	    BDDF_TEST(test_mbr_extended_container_is_not_a_device),
	    BDDF_TEST(test_disk_without_boot_signature_has_no_table),
	    BDDF_TEST(test_mbr_overlapping_primaries_are_refused),
	    BDDF_TEST(test_mbr_partition_past_disk_end_is_refused),
	    BDDF_TEST(test_mbr_zero_length_partition_is_refused),
	    BDDF_TEST(test_mbr_partition_covering_the_mbr_is_refused),
	    BDDF_TEST(test_mbr_bad_status_byte_is_refused),
	    BDDF_TEST(test_ebr_chain_that_loops_is_refused),
	    BDDF_TEST(test_ebr_chain_longer_than_128_links_is_refused),
	    BDDF_TEST(test_ebr_link_outside_extended_is_refused),
	    BDDF_TEST(test_logical_outside_extended_is_refused),
	    BDDF_TEST(test_logical_covering_the_next_ebr_is_refused),
	    BDDF_TEST(test_primary_overlapping_extended_is_refused),
	    BDDF_TEST(test_refused_table_leaves_the_whole_disk_usable),
	    BDDF_TEST(test_refused_table_is_reported_on_the_console),
	    BDDF_TEST(test_unreadable_sector_0_gives_eio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
