/*
 * bddf_fixture.h — set-up and tear-down of the bddf tests: the "pc" mock
 * machine with its console captured, ddekit and bddf up; afterwards every
 * ramdisk gone, bddf down, and proof that bddf gave back every block,
 * lock and event it took before ddekit_deinit() could hide a leak.
 */
#ifndef TESTS_BDDF_FIXTURE_H
#define TESTS_BDDF_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "bddf.h"
#include "image.h"
#include "ramdisk.h"

int bddf_setup(void **state);
int bddf_teardown(void **state);

#define BDDF_TEST(fn)                                                          \
	cmocka_unit_test_setup_teardown(fn, bddf_setup, bddf_teardown)

/** A zeroed ramdisk of 512-byte sectors, its image view in *@img. */
struct ramdisk *fx_disk(uint64_t sectors, uint32_t max_io, struct image *img);
/** bddf_devices() entry called @name; fails the test if there is none. */
void fx_info(const char *name, struct bddf_dev_info *out);
/** Number of devices listed. */
int fx_count(void);

#endif /* TESTS_BDDF_FIXTURE_H */
