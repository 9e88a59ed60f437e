/*
 * test_registry.c — announcing disks, listing and opening devices, and
 * disks going away.
 */
#include <string.h>

#include <ddekit/errno.h>

#include "bddf_fixture.h"

#define SECTORS 2048

static struct ramdisk *mbr_disk(void)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, 65536, &img);

	img_mbr_entry(&img, 0, 0, 0x83, 64, 512);
	return rd;
}

static void test_disks_are_listed_in_announce_order(void **state)
{
	struct ramdisk *a = mbr_disk(), *b = mbr_disk();
	struct bddf_dev_info all[4];

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad1"), 0);
	assert_int_equal(ramdisk_announce(b, "ad0"), 0);
	assert_int_equal(bddf_devices(all, 4), 4);
	assert_string_equal(all[0].name, "ad1");
	assert_string_equal(all[1].name, "ad1:1");
	assert_string_equal(all[2].name, "ad0");
	assert_string_equal(all[3].name, "ad0:1");
}

static void test_devices_fills_at_most_max_and_counts_all(void **state)
{
	struct ramdisk *a = mbr_disk();
	struct bddf_dev_info all[2];

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	memset(all, 0x7f, sizeof(all));
	assert_int_equal(bddf_devices(all, 1), 2);
	assert_string_equal(all[0].name, "ad0");
	assert_int_equal((uint8_t)all[1].name[0], 0x7f);
}

static void test_whole_disk_info_describes_the_disk(void **state)
{
	struct ramdisk *a = mbr_disk();
	struct bddf_dev_info info;

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	fx_info("ad0", &info);
	assert_int_equal(info.partition, 0);
	assert_int_equal(info.sector_size, 512);
	assert_int_equal(info.start_lba, 0);
	assert_int_equal(info.sectors, SECTORS);
	assert_string_equal(info.model, "RAM disk");
}

static void test_announcing_a_name_in_use_is_eexist(void **state)
{
	struct ramdisk *a = mbr_disk(), *b = mbr_disk();

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	assert_int_equal(ramdisk_announce(b, "ad0"), -DDEKIT_EEXIST);
	assert_int_equal(fx_count(), 2);
}

static void test_announcing_a_bad_sector_size_is_einval(void **state)
{
	struct ramdisk *a = ramdisk_new(520, 64, 65536);

	(void)state;
	assert_non_null(a);
	assert_int_equal(ramdisk_announce(a, "ad0"), -DDEKIT_EINVAL);
	assert_int_equal(fx_count(), 0);
}

static void test_announcing_a_name_with_a_colon_is_einval(void **state)
{
	struct ramdisk *a = mbr_disk();

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad:0"), -DDEKIT_EINVAL);
}

static void test_announce_reads_the_table_through_the_provider(void **state)
{
	struct ramdisk *a = mbr_disk();

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	assert_true(a->reads >= 1);
	assert_int_equal(a->writes, 0);
}

static void test_open_of_an_unknown_name_is_enoent(void **state)
{
	struct ramdisk *a = mbr_disk();
	struct bddf_dev *dev;

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	assert_int_equal(bddf_open("ad9", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
	assert_int_equal(bddf_open("ad0:7", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
	assert_int_equal(bddf_open("ad0:x", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
	assert_int_equal(bddf_open("ad0:", BDDF_OPEN_READ, &dev),
	                 -DDEKIT_ENOENT);
}

static void test_one_device_can_be_opened_twice(void **state)
{
	struct ramdisk *a = mbr_disk();
	struct bddf_dev *d1, *d2;
	struct bddf_dev_info info;

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	assert_int_equal(bddf_open("ad0:1", BDDF_OPEN_READ, &d1), 0);
	assert_int_equal(bddf_open("ad0:1", BDDF_OPEN_WRITE, &d2), 0);
	assert_int_equal(bddf_dev_info(d2, &info), 0);
	assert_string_equal(info.name, "ad0:1");
	assert_int_equal(info.start_lba, 64);
	bddf_close(d1);
	bddf_close(d2);
}

static void test_gone_disk_is_unlisted_and_its_name_free(void **state)
{
	struct ramdisk *a = mbr_disk(), *b = mbr_disk();

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	ramdisk_gone(a);
	assert_int_equal(fx_count(), 0);
	assert_int_equal(ramdisk_announce(b, "ad0"), 0);
	assert_int_equal(fx_count(), 2);
}

static void test_handle_outliving_its_disk_gets_enodev(void **state)
{
	struct ramdisk *a = mbr_disk();
	struct bddf_dev *dev;
	struct bddf_dev_info info;
	uint8_t buf[512];

	(void)state;
	assert_int_equal(ramdisk_announce(a, "ad0"), 0);
	assert_int_equal(bddf_open("ad0:1", BDDF_OPEN_READ, &dev), 0);
	ramdisk_gone(a);
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_ENODEV);
	assert_int_equal(bddf_dev_info(dev, &info), 0);
	assert_string_equal(info.name, "ad0:1");
	bddf_close(dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BDDF_TEST(test_disks_are_listed_in_announce_order),
	    BDDF_TEST(test_devices_fills_at_most_max_and_counts_all),
	    BDDF_TEST(test_whole_disk_info_describes_the_disk),
	    BDDF_TEST(test_announcing_a_name_in_use_is_eexist),
	    BDDF_TEST(test_announcing_a_bad_sector_size_is_einval),
	    BDDF_TEST(test_announcing_a_name_with_a_colon_is_einval),
	    BDDF_TEST(test_announce_reads_the_table_through_the_provider),
	    BDDF_TEST(test_open_of_an_unknown_name_is_enoent),
	    BDDF_TEST(test_one_device_can_be_opened_twice),
	    BDDF_TEST(test_gone_disk_is_unlisted_and_its_name_free),
	    BDDF_TEST(test_handle_outliving_its_disk_gets_enodev),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
