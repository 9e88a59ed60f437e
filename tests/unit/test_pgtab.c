/*
 * test_pgtab.c — region bookkeeping: virt <-> phys lookups of any address
 * inside a region, types and sizes, clearing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/memory.h>
#include <ddekit/pgtab.h>

#include "fixture.h"
#include "mock.h"

#define PAGE 4096

/* Client memory the tests register under invented physical addresses. */
static char buf[8 * PAGE] __attribute__((aligned(PAGE)));

static void test_set_region_resolves_interior_addresses_both_ways(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 4, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_pgtab_get_physaddr(buf), 0x5000000);
	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 3 * PAGE + 17),
	                 0x5000000 + 3 * PAGE + 17);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x5000000 + 2 * PAGE + 5),
	                 (ddekit_addr_t)(buf + 2 * PAGE + 5));
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x5000000 + 4 * PAGE - 1),
	                 (ddekit_addr_t)(buf + 4 * PAGE - 1));

	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_region_reports_its_type_and_size_from_any_address(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 3, PTE_TYPE_UMA);

	assert_int_equal(ddekit_pgtab_get_type(buf + PAGE + 100), PTE_TYPE_UMA);
	assert_int_equal(ddekit_pgtab_get_size(buf + 2 * PAGE), 3 * PAGE);

	ddekit_pgtab_clear_region(buf, PTE_TYPE_UMA);
}

static void test_addresses_outside_every_region_are_not_found(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf + PAGE, 0x5000000, 2, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_pgtab_get_physaddr(buf + PAGE - 1), 0);
	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 3 * PAGE), 0);
	assert_int_equal(ddekit_pgtab_get_type(buf), -1);
	assert_int_equal(ddekit_pgtab_get_size(buf + 3 * PAGE), 0);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x5000000 - 1), 0);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x5000000 + 2 * PAGE), 0);

	ddekit_pgtab_clear_region(buf + PAGE, PTE_TYPE_OTHER);
}

static void test_region_with_byte_size_ends_inside_its_last_page(void **state)
{
	(void)state;
	ddekit_pgtab_set_region_with_size(buf, 0x6000000, 6000, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 5999),
	                 0x6000000 + 5999);
	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 6000), 0);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x6000000 + 6000), 0);
	assert_int_equal(ddekit_pgtab_get_size(buf), 6000);

	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_cleared_region_is_no_longer_found(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 2, PTE_TYPE_OTHER);
	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 10), 0);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x5000000 + 10), 0);
	assert_int_equal(ddekit_pgtab_get_type(buf), -1);
}

static void
test_clear_region_with_wrong_type_keeps_region_and_says_so(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 2, PTE_TYPE_OTHER);
	mock_console_capture(1);
	mock_console_clear();

	ddekit_pgtab_clear_region(buf, PTE_TYPE_LARGE);

	assert_non_null(strstr(mock_console_text(), "pgtab"));
	assert_int_equal(ddekit_pgtab_get_type(buf + PAGE), PTE_TYPE_OTHER);
	assert_int_equal(ddekit_pgtab_get_physaddr(buf + PAGE),
	                 0x5000000 + PAGE);

	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_clear_region_inside_a_region_keeps_it(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 2, PTE_TYPE_OTHER);
	mock_console_capture(1);

	ddekit_pgtab_clear_region(buf + PAGE, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_pgtab_get_physaddr(buf + PAGE),
	                 0x5000000 + PAGE);
	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_overlapping_set_region_panics(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 4, PTE_TYPE_OTHER);
	assert_true(fixture_panics(ddekit_pgtab_set_region(
	    buf + 3 * PAGE, 0x7000000, 2, PTE_TYPE_OTHER)));
	assert_non_null(strstr(mock_console_text(), "PANIC"));
	/* The first region is untouched, the second was not added. */
	assert_int_equal(ddekit_pgtab_get_physaddr(buf + 3 * PAGE),
	                 0x5000000 + 3 * PAGE);
	assert_int_equal(ddekit_pgtab_get_virtaddr(0x7000000 + PAGE), 0);
	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_classic_region_has_no_bus_address(void **state)
{
	(void)state;
	ddekit_pgtab_set_region(buf, 0x5000000, 1, PTE_TYPE_OTHER);

	assert_int_equal(ddekit_dma_bus_addr(buf + 8), 0);

	ddekit_pgtab_clear_region(buf, PTE_TYPE_OTHER);
}

static void test_regions_left_registered_are_dropped_by_deinit(void **state)
{
	(void)state;
	/* teardown checks that no record of them leaks */
	ddekit_pgtab_set_region(buf, 0x5000000, 2, PTE_TYPE_OTHER);
	ddekit_pgtab_set_region(buf + 4 * PAGE, 0x9000000, 3, PTE_TYPE_OTHER);
	assert_int_equal(ddekit_pgtab_get_type(buf + 5 * PAGE), PTE_TYPE_OTHER);
}

static void test_large_block_resolves_phys_to_virt_on_every_page(void **state)
{
	char *p;
	ddekit_addr_t phys;
	int off;

	(void)state;
	p = ddekit_large_malloc(5 * PAGE);
	assert_non_null(p);
	phys = ddekit_pgtab_get_physaddr(p);
	assert_int_not_equal(phys, 0);
	for (off = 0; off < 5 * PAGE; off += PAGE / 2 + 3) {
		assert_int_equal(ddekit_pgtab_get_physaddr(p + off),
		                 phys + off);
		assert_int_equal(ddekit_pgtab_get_virtaddr(phys + off),
		                 (ddekit_addr_t)(p + off));
	}
	assert_int_equal(ddekit_pgtab_get_type(p + 4 * PAGE), PTE_TYPE_LARGE);
	ddekit_large_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_set_region_resolves_interior_addresses_both_ways),
	    PC(test_region_reports_its_type_and_size_from_any_address),
	    PC(test_addresses_outside_every_region_are_not_found),
	    PC(test_region_with_byte_size_ends_inside_its_last_page),
	    PC(test_cleared_region_is_no_longer_found),
	    PC(test_clear_region_with_wrong_type_keeps_region_and_says_so),
	    PC(test_clear_region_inside_a_region_keeps_it),
	    PC(test_overlapping_set_region_panics),
	    PC(test_classic_region_has_no_bus_address),
	    PC(test_regions_left_registered_are_dropped_by_deinit),
	    PC(test_large_block_resolves_phys_to_virt_on_every_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
