/*
 * test_io.c — requests: validation before anything reaches the disk,
 * splitting into provider transfers, errors, concurrency, and a disk that
 * goes away under its clients.
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#include "bddf_fixture.h"

#define SECTORS 4096
#define MAX_IO  4096 /* 8 sectors */
#define WAIT_MS 2000

/* ad0:1 = sectors 64..575, ad0:2 = 1024..2047. */
static struct ramdisk *io_disk(void)
{
	struct image img;
	struct ramdisk *rd = fx_disk(SECTORS, MAX_IO, &img);

	img_mbr_entry(&img, 0, 0, 0x83, 64, 512);
	img_mbr_entry(&img, 1, 0, 0x83, 1024, 1024);
	assert_int_equal(ramdisk_announce(rd, "ad0"), 0);
	return rd;
}

static struct bddf_dev *open_dev(const char *name, int flags)
{
	struct bddf_dev *dev = NULL;

	assert_int_equal(bddf_open(name, flags, &dev), 0);
	return dev;
}

static void fill(uint8_t *buf, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 9));
}

/* An asynchronous request the test can wait for. */
struct waiter {
	struct bddf_req req;
	ddekit_sem_t *sem;
	int calls;
	int status;
};

static void waiter_done(struct bddf_req *req, int status)
{
	struct waiter *w = req->arg;

	w->calls++;
	w->status = status;
	ddekit_sem_up(w->sem);
}

static void waiter_init(struct waiter *w, enum bddf_op op, uint64_t lba,
                        uint32_t count, void *buf)
{
	memset(w, 0, sizeof(*w));
	w->req.op = op;
	w->req.lba = lba;
	w->req.count = count;
	w->req.buf = buf;
	w->req.done = waiter_done;
	w->req.arg = w;
	w->sem = ddekit_sem_init(0);
	assert_non_null(w->sem);
}

static int waiter_wait(struct waiter *w)
{
	assert_int_equal(ddekit_sem_down_timed(w->sem, WAIT_MS), 0);
	ddekit_sem_deinit(w->sem);
	assert_int_equal(w->calls, 1);
	return w->status;
}

static void test_read_past_the_partition_end_is_erange(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);
	uint8_t buf[3 * 512];
	int reads = rd->reads;

	(void)state;
	assert_int_equal(bddf_read(dev, 510, 3, buf), -DDEKIT_ERANGE);
	assert_int_equal(bddf_read(dev, 512, 1, buf), -DDEKIT_ERANGE);
	assert_int_equal(rd->reads, reads);
	bddf_close(dev);
}

static void test_lba_plus_count_overflowing_is_erange(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0", BDDF_OPEN_READ);
	uint8_t buf[4 * 512];
	int reads = rd->reads;

	(void)state;
	assert_int_equal(bddf_read(dev, UINT64_MAX - 1, 4, buf),
	                 -DDEKIT_ERANGE);
	assert_int_equal(rd->reads, reads);
	bddf_close(dev);
}

static void test_zero_count_is_einval(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);
	uint8_t buf[512];

	(void)state;
	(void)rd;
	assert_int_equal(bddf_read(dev, 0, 0, buf), -DDEKIT_EINVAL);
	bddf_close(dev);
}

static void test_null_buffer_is_einval(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);

	(void)state;
	(void)rd;
	assert_int_equal(bddf_read(dev, 0, 1, NULL), -DDEKIT_EINVAL);
	bddf_close(dev);
}

static void test_write_on_read_only_handle_is_eperm(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);
	uint8_t buf[512] = {1};

	(void)state;
	assert_int_equal(bddf_write(dev, 0, 1, buf), -DDEKIT_EPERM);
	assert_int_equal(rd->writes, 0);
	assert_int_equal(ramdisk_sector(rd, 64)[0], 0);
	bddf_close(dev);
}

static void test_flush_on_read_only_handle_is_eperm(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0", BDDF_OPEN_READ);

	(void)state;
	assert_int_equal(bddf_flush(dev), -DDEKIT_EPERM);
	assert_int_equal(rd->flushes, 0);
	bddf_close(dev);
}

static void test_flush_reaches_the_provider_once(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:2", BDDF_OPEN_WRITE);

	(void)state;
	assert_int_equal(bddf_flush(dev), 0);
	assert_int_equal(rd->flushes, 1);
	assert_int_equal(rd->max_count, 1); /* only the table reads */
	bddf_close(dev);
}

static void test_partition_lba_is_relative_to_its_start(void **state)
{
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:2", BDDF_OPEN_WRITE);
	uint8_t buf[2 * 512], back[2 * 512];

	(void)state;
	fill(buf, sizeof(buf), 1);
	assert_int_equal(bddf_write(dev, 10, 2, buf), 0);
	assert_memory_equal(ramdisk_sector(rd, 1034), buf, sizeof(buf));
	assert_int_equal(bddf_read(dev, 10, 2, back), 0);
	assert_memory_equal(back, buf, sizeof(buf));
	bddf_close(dev);
}

static void test_large_request_is_split_into_max_io_transfers(void **state)
{
	static uint8_t buf[100 * 512];
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_WRITE);

	(void)state;
	fill(buf, sizeof(buf), 2);
	assert_int_equal(bddf_write(dev, 3, 100, buf), 0);
	assert_int_equal(rd->writes, 13); /* 12 * 8 + 4 sectors */
	assert_int_equal(rd->max_count, MAX_IO / 512);
	assert_false(rd->out_of_range);
	assert_memory_equal(ramdisk_sector(rd, 67), buf, sizeof(buf));
	bddf_close(dev);
}

static void test_large_request_keeps_four_transfers_in_flight(void **state)
{
	static uint8_t buf[100 * 512];
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);
	struct waiter w;

	(void)state;
	fill(ramdisk_sector(rd, 64), sizeof(buf), 3);
	rd->hold = true;
	waiter_init(&w, BDDF_OP_READ, 0, 100, buf);
	assert_int_equal(bddf_submit(dev, &w.req), 0);
	assert_int_equal(ramdisk_queued(rd), 4);
	assert_int_equal(w.calls, 0);
	ramdisk_complete_one(rd);
	assert_int_equal(ramdisk_queued(rd), 4);
	ramdisk_complete_all(rd);
	assert_int_equal(waiter_wait(&w), 0);
	assert_int_equal(rd->max_inflight, 4);
	assert_memory_equal(buf, ramdisk_sector(rd, 64), sizeof(buf));
	bddf_close(dev);
}

static void test_io_error_reaches_the_client(void **state)
{
	static uint8_t buf[100 * 512];
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);

	(void)state;
	rd->fail = true;
	rd->fail_lba = 64 + 50;
	assert_int_equal(bddf_read(dev, 0, 100, buf), -DDEKIT_EIO);
	rd->fail = false;
	assert_int_equal(bddf_read(dev, 0, 100, buf), 0);
	bddf_close(dev);
}

static void test_provider_refusing_a_transfer_reaches_the_client(void **state)
{
	uint8_t buf[512];
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);

	(void)state;
	rd->refuse = -DDEKIT_EBUSY;
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_EBUSY);
	bddf_close(dev);
}

struct client {
	const char *name;
	unsigned seed;
	int errors;
	ddekit_sem_t *finished;
};

static void client_fn(void *arg)
{
	struct client *c = arg;
	static __thread uint8_t buf[24 * 512], back[24 * 512];
	struct bddf_dev *dev;

	if (bddf_open(c->name, BDDF_OPEN_WRITE, &dev) < 0) {
		c->errors++;
		goto out;
	}
	for (unsigned i = 0; i < 40; i++) {
		uint64_t lba = (i * 37) % 480;

		fill(buf, sizeof(buf), c->seed + i);
		if (bddf_write(dev, lba, 24, buf) < 0 ||
		    bddf_read(dev, lba, 24, back) < 0 ||
		    memcmp(buf, back, sizeof(buf)) != 0)
			c->errors++;
	}
	bddf_close(dev);
out:
	ddekit_sem_up(c->finished);
}

static void test_two_clients_at_once_each_see_their_data(void **state)
{
	struct client c[2] = {{"ad0:1", 10, 0, NULL}, {"ad0:2", 20, 0, NULL}};
	struct ramdisk *rd = io_disk();

	(void)state;
	(void)rd;
	for (int i = 0; i < 2; i++) {
		c[i].finished = ddekit_sem_init(0);
		assert_non_null(
		    ddekit_thread_create(client_fn, &c[i], "client"));
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(ddekit_sem_down_timed(c[i].finished, 10000),
		                 0);
		ddekit_sem_deinit(c[i].finished);
		assert_int_equal(c[i].errors, 0);
	}
}

struct goner {
	struct ramdisk *rd;
	ddekit_sem_t *finished;
};

static void goner_fn(void *arg)
{
	struct goner *g = arg;

	ramdisk_gone(g->rd);
	ddekit_sem_up(g->finished);
}

static void test_gone_fails_new_requests_and_waits_for_old(void **state)
{
	static uint8_t buf[100 * 512];
	struct ramdisk *rd = io_disk();
	struct bddf_dev *dev = open_dev("ad0:1", BDDF_OPEN_READ);
	struct goner g = {rd, ddekit_sem_init(0)};
	struct waiter w;

	(void)state;
	rd->hold = true;
	waiter_init(&w, BDDF_OP_READ, 0, 100, buf);
	assert_int_equal(bddf_submit(dev, &w.req), 0);
	assert_non_null(ddekit_thread_create(goner_fn, &g, "goner"));
	/* Gone is under way once the disk is no longer listed. */
	while (fx_count() > 0)
		ddekit_thread_msleep(1);
	assert_int_equal(bddf_read(dev, 0, 1, buf), -DDEKIT_ENODEV);
	assert_int_equal(ddekit_sem_down_timed(g.finished, 50), -1);
	ramdisk_complete_all(rd);
	assert_int_equal(waiter_wait(&w), -DDEKIT_ENODEV);
	assert_int_equal(ddekit_sem_down_timed(g.finished, WAIT_MS), 0);
	ddekit_sem_deinit(g.finished);
	/* The four transfers in flight finished; no further one started. */
	assert_int_equal(rd->reads, 1 + 4);
	bddf_close(dev);
}

struct closer {
	struct bddf_dev *dev;
	ddekit_sem_t *finished;
};

static void closer_fn(void *arg)
{
	struct closer *c = arg;

	bddf_close(c->dev);
	ddekit_sem_up(c->finished);
}

static void test_close_waits_for_the_handles_requests(void **state)
{
	static uint8_t buf[16 * 512];
	struct ramdisk *rd = io_disk();
	struct closer c = {open_dev("ad0:1", BDDF_OPEN_READ),
	                   ddekit_sem_init(0)};
	struct waiter w;

	(void)state;
	rd->hold = true;
	waiter_init(&w, BDDF_OP_READ, 0, 16, buf);
	assert_int_equal(bddf_submit(c.dev, &w.req), 0);
	assert_non_null(ddekit_thread_create(closer_fn, &c, "closer"));
	assert_int_equal(ddekit_sem_down_timed(c.finished, 50), -1);
	ramdisk_complete_all(rd);
	assert_int_equal(waiter_wait(&w), 0);
	assert_int_equal(ddekit_sem_down_timed(c.finished, WAIT_MS), 0);
	ddekit_sem_deinit(c.finished);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BDDF_TEST(test_read_past_the_partition_end_is_erange),
	    BDDF_TEST(test_lba_plus_count_overflowing_is_erange),
	    BDDF_TEST(test_zero_count_is_einval),
	    BDDF_TEST(test_null_buffer_is_einval),
	    BDDF_TEST(test_write_on_read_only_handle_is_eperm),
	    BDDF_TEST(test_flush_on_read_only_handle_is_eperm),
	    BDDF_TEST(test_flush_reaches_the_provider_once),
	    BDDF_TEST(test_partition_lba_is_relative_to_its_start),
	    BDDF_TEST(test_large_request_is_split_into_max_io_transfers),
	    BDDF_TEST(test_large_request_keeps_four_transfers_in_flight),
	    BDDF_TEST(test_io_error_reaches_the_client),
	    BDDF_TEST(test_provider_refusing_a_transfer_reaches_the_client),
	    BDDF_TEST(test_two_clients_at_once_each_see_their_data),
	    BDDF_TEST(test_gone_fails_new_requests_and_waits_for_old),
	    BDDF_TEST(test_close_waits_for_the_handles_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
