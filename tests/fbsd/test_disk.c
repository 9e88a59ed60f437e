/*
 * test_disk.c — disk(9) and bio(9): a memory-backed "md" disk created the
 * way a driver does it, reached through bddf as bios.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <ddekit/errno.h>

#include "bddf.h"
#include "dde_fbsd.h"
#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bio.h>
#include <sys/errno.h>
#include <geom/geom_disk.h>

#define MD_SECTORS 64

static struct md {
	struct disk *disk;
	uint8_t data[MD_SECTORS * 512];
	int opens, closes, strategies, flushes;
	int fail_with;   /* biofinish() every bio with this errno */
	long short_by;   /* bytes left as resid */
	struct bio last; /* a copy of the last bio seen */
} md;

static void md_strategy(struct bio *bp)
{
	md.strategies++;
	md.last = *bp;
	if (md.fail_with) {
		biofinish(bp, NULL, md.fail_with);
		return;
	}
	switch (bp->bio_cmd) {
	case BIO_READ:
		memcpy(bp->bio_data, md.data + bp->bio_offset,
		       (size_t)bp->bio_bcount);
		break;
	case BIO_WRITE:
		memcpy(md.data + bp->bio_offset, bp->bio_data,
		       (size_t)bp->bio_bcount);
		break;
	case BIO_FLUSH:
		md.flushes++;
		break;
	}
	bp->bio_resid = md.short_by;
	biodone(bp);
}

static int md_open(struct disk *dp)
{
	(void)dp;
	md.opens++;
	return 0;
}

static int md_close(struct disk *dp)
{
	(void)dp;
	md.closes++;
	return 0;
}

static void md_create(u_int flags)
{
	md.disk = disk_alloc();
	md.disk->d_name = "md";
	md.disk->d_unit = 0;
	md.disk->d_flags = flags;
	md.disk->d_open = md_open;
	md.disk->d_close = md_close;
	md.disk->d_strategy = md_strategy;
	md.disk->d_sectorsize = 512;
	md.disk->d_mediasize = sizeof(md.data);
	md.disk->d_maxsize = 8 * 512;
	strlcpy(md.disk->d_descr, "memory disk", sizeof(md.disk->d_descr));
	disk_create(md.disk, DISK_VERSION);
	assert_int_equal(dde_fbsd_disks_settle(), 0);
}

static void md_destroy(void)
{
	if (md.disk)
		disk_destroy(md.disk);
	md.disk = NULL;
}

static int setup(void **state)
{
	memset(&md, 0, sizeof(md));
	if (fixture_setup_pc(state) < 0 || bddf_init())
		return -1;
	return dde_fbsd_init();
}

static int teardown(void **state)
{
	md_destroy();
	dde_fbsd_exit();
	bddf_exit();
	return fixture_teardown(state);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static struct bddf_dev *open_md(void)
{
	struct bddf_dev *dev = NULL;

	assert_int_equal(bddf_open("md0", BDDF_OPEN_WRITE, &dev), 0);
	return dev;
}

static void
test_disk_create_announces_the_disk_to_bddf_after_d_open(void **state)
{
	struct bddf_dev_info info[4];

	(void)state;
	md_create(0);
	assert_int_equal(bddf_devices(info, 4), 1);
	assert_string_equal(info[0].name, "md0");
	assert_int_equal(info[0].sectors, MD_SECTORS);
	assert_int_equal(info[0].sector_size, 512);
	assert_string_equal(info[0].model, "memory disk");
	assert_int_equal(md.opens, 1);
	/* bddf read the partition table through d_strategy. */
	assert_true(md.strategies >= 1);
}

static void
test_a_write_reaches_d_strategy_as_one_bio_with_offset_and_data(void **state)
{
	struct bddf_dev *dev;
	uint8_t buf[2 * 512];

	(void)state;
	md_create(0);
	dev = open_md();
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(bddf_write(dev, 7, 2, buf), 0);
	assert_int_equal(md.last.bio_cmd, BIO_WRITE);
	assert_int_equal(md.last.bio_offset, 7 * 512);
	assert_int_equal(md.last.bio_pblkno, 7);
	assert_int_equal(md.last.bio_bcount, 2 * 512);
	assert_ptr_equal(md.last.bio_disk, md.disk);
	assert_memory_equal(md.data + 7 * 512, buf, sizeof(buf));
	assert_int_equal(md.data[7 * 512 - 1], 0);
	assert_int_equal(md.data[9 * 512], 0);
	bddf_close(dev);
}

static void test_a_read_returns_what_d_strategy_copied(void **state)
{
	struct bddf_dev *dev;
	uint8_t buf[512];

	(void)state;
	md_create(0);
	memset(md.data + 3 * 512, 0xc3, 512);
	dev = open_md();
	assert_int_equal(bddf_read(dev, 3, 1, buf), 0);
	assert_int_equal(md.last.bio_cmd, BIO_READ);
	assert_int_equal(buf[0], 0xc3);
	assert_int_equal(buf[511], 0xc3);
	bddf_close(dev);
}

static void test_a_bio_error_reaches_bddf_as_ddekit_eio(void **state)
{
	struct bddf_dev *dev;
	uint8_t buf[512];

	(void)state;
	md_create(0);
	dev = open_md();
	md.fail_with = EIO;
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_EIO);
	md.fail_with = ENXIO;
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_ENODEV);
	bddf_close(dev);
}

static void test_a_short_transfer_is_an_io_error(void **state)
{
	struct bddf_dev *dev;
	uint8_t buf[512];

	(void)state;
	md_create(0);
	dev = open_md();
	md.short_by = 512;
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_EIO);
	bddf_close(dev);
}

static void test_flush_reaches_a_disk_that_can_flush_as_bio_flush(void **state)
{
	struct bddf_dev *dev;

	(void)state;
	md_create(DISKFLAG_CANFLUSHCACHE);
	dev = open_md();
	assert_int_equal(bddf_flush(dev), 0);
	assert_int_equal(md.flushes, 1);
	assert_int_equal(md.last.bio_cmd, BIO_FLUSH);
	bddf_close(dev);
}

static void
test_flush_of_a_disk_without_cache_succeeds_without_a_bio(void **state)
{
	struct bddf_dev *dev;
	int before;

	(void)state;
	md_create(0);
	dev = open_md();
	before = md.strategies;
	assert_int_equal(bddf_flush(dev), 0);
	assert_int_equal(md.strategies, before);
	bddf_close(dev);
}

static void test_disk_gone_fails_new_requests_before_the_driver(void **state)
{
	struct bddf_dev *dev;
	uint8_t buf[512];
	int before;

	(void)state;
	md_create(0);
	dev = open_md();
	disk_gone(md.disk);
	before = md.strategies;
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_ENODEV);
	assert_int_equal(md.strategies, before);
	bddf_close(dev);
}

static void test_disk_destroy_withdraws_the_disk_and_calls_d_close(void **state)
{
	struct bddf_dev *dev = NULL;
	int err;

	(void)state;
	md_create(0);
	md_destroy();
	assert_int_equal(md.closes, 1);
	/* Gone (ENODEV) or already unlisted (ENOENT): never opened. */
	err = bddf_open("md0", 0, &dev);
	assert_true(err == -DDEKIT_ENODEV || err == -DDEKIT_ENOENT);
	assert_int_equal(bddf_devices(NULL, 0), 0);
}

static void test_biowait_returns_the_error_biofinish_set(void **state)
{
	struct bio bp;

	(void)state;
	memset(&bp, 0, sizeof(bp));
	bp.bio_bcount = 512;
	biofinish(&bp, NULL, EIO);
	assert_int_equal(biowait(&bp, "test"), EIO);
	assert_int_equal(bp.bio_resid, 512);
	assert_true(bp.bio_flags & BIO_DONE);
}

static void
test_bioq_disksort_serves_ascending_offsets_from_the_head(void **state)
{
	struct bio_queue_head q;
	struct bio b[4];
	static const off_t offs[4] = {4096, 512, 8192, 1024};
	int i;

	(void)state;
	memset(b, 0, sizeof(b));
	bioq_init(&q);
	q.last_offset = 1000;
	for (i = 0; i < 4; i++) {
		b[i].bio_offset = offs[i];
		bioq_disksort(&q, &b[i]);
	}
	/* 1024, 4096, 8192 lie ahead of the head; 512 after the wrap. */
	assert_int_equal(bioq_takefirst(&q)->bio_offset, 1024);
	assert_int_equal(bioq_takefirst(&q)->bio_offset, 4096);
	assert_int_equal(bioq_takefirst(&q)->bio_offset, 8192);
	assert_int_equal(bioq_takefirst(&q)->bio_offset, 512);
	assert_null(bioq_takefirst(&q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_disk_create_announces_the_disk_to_bddf_after_d_open),
	    T(test_a_write_reaches_d_strategy_as_one_bio_with_offset_and_data),
	    T(test_a_read_returns_what_d_strategy_copied),
	    T(test_a_bio_error_reaches_bddf_as_ddekit_eio),
	    T(test_a_short_transfer_is_an_io_error),
	    T(test_flush_reaches_a_disk_that_can_flush_as_bio_flush),
	    T(test_flush_of_a_disk_without_cache_succeeds_without_a_bio),
	    T(test_disk_gone_fails_new_requests_before_the_driver),
	    T(test_disk_destroy_withdraws_the_disk_and_calls_d_close),
	    T(test_biowait_returns_the_error_biofinish_set),
	    T(test_bioq_disksort_serves_ascending_offsets_from_the_head),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
