/*
 * bddf_fixture.c — see bddf_fixture.h.
 */
#include <string.h>

#include "bddf_fixture.h"
#include "fixture.h"
#include "mock.h"

#include <ddekit/thread.h>

static struct mock_leaks before;

int bddf_setup(void **state)
{
	if (fixture_setup_pc_console(state) < 0)
		return -1;
	mock_leaks(&before);
	return bddf_init();
}

int bddf_teardown(void **state)
{
	struct mock_leaks after;

	ramdisk_free_all();
	bddf_exit();
	/* Threads a test started may still be ending, their records not yet
	 * freed: give them the time ddekit_deinit() would. */
	for (int ms = 0; ms < 1000; ms++) {
		mock_leaks(&after);
		if (after.mem_blocks == before.mem_blocks &&
		    after.mutexes == before.mutexes &&
		    after.events == before.events)
			break;
		ddekit_thread_msleep(1);
	}
	assert_int_equal(after.mem_blocks, before.mem_blocks);
	assert_int_equal(after.mutexes, before.mutexes);
	assert_int_equal(after.events, before.events);
	return fixture_teardown(state);
}

struct ramdisk *fx_disk(uint64_t sectors, uint32_t max_io, struct image *img)
{
	struct ramdisk *rd = ramdisk_new(512, sectors, max_io);

	assert_non_null(rd);
	img->data = rd->data;
	img->sector_size = 512;
	img->sectors = sectors;
	return rd;
}

void fx_info(const char *name, struct bddf_dev_info *out)
{
	struct bddf_dev_info all[64];
	int n = bddf_devices(all, 64);

	for (int i = 0; i < n && i < 64; i++)
		if (strcmp(all[i].name, name) == 0) {
			*out = all[i];
			return;
		}
	fail_msg("no device %s listed", name);
}

int fx_count(void)
{
	return bddf_devices(NULL, 0);
}
