/*
 * test_memory.c — simple, large and contiguous allocators: alignment,
 * contiguity, device constraints, pgtab registration, release.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/memory.h>
#include <ddekit/pgtab.h>

#include "fixture.h"
#include "mock.h"

#define PAGE 4096ul
#define KiB  1024ul
#define MiB  (1024ul * 1024ul)

static unsigned long live_blocks(void)
{
	struct mock_leaks l;

	mock_leaks(&l);
	return l.mem_blocks;
}

static void test_simple_malloc_is_aligned_for_any_type(void **state)
{
	static const unsigned sizes[] = {1, 7, 24, 100, 4000, 70000};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = ddekit_simple_malloc(sizes[i]);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xa5, sizes[i]);
		ddekit_simple_free(p);
	}
}

static void test_simple_malloc_is_not_dma_memory(void **state)
{
	char *p;

	(void)state;
	p = ddekit_simple_malloc(64);
	assert_non_null(p);
	assert_int_equal(ddekit_dma_bus_addr(p), 0);
	assert_int_equal(ddekit_pgtab_get_type(p), -1);
	ddekit_simple_free(p);
}

static void
test_large_malloc_is_page_aligned_zeroed_and_contiguous(void **state)
{
	unsigned char *p;
	ddekit_addr_t phys;
	ddekit_dma_addr_t bus;
	int i;

	(void)state;
	p = ddekit_large_malloc(3 * PAGE + 10);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % PAGE, 0);
	for (i = 0; i < (int)(3 * PAGE + 10); i++)
		assert_int_equal(p[i], 0);
	phys = ddekit_pgtab_get_physaddr(p);
	bus = ddekit_dma_bus_addr(p);
	assert_int_not_equal(phys, 0);
	assert_int_not_equal(bus, 0);
	assert_int_equal(ddekit_pgtab_get_physaddr(p + 3 * PAGE + 9),
	                 phys + 3 * PAGE + 9);
	assert_int_equal(ddekit_dma_bus_addr(p + 3 * PAGE + 9),
	                 bus + 3 * PAGE + 9);
	assert_int_equal(ddekit_pgtab_get_type(p + PAGE), PTE_TYPE_LARGE);
	assert_int_equal(ddekit_pgtab_get_size(p), 4 * PAGE);
	ddekit_large_free(p);
}

static void test_large_malloc_rejects_sizes_below_one(void **state)
{
	(void)state;
	assert_null(ddekit_large_malloc(0));
	assert_null(ddekit_large_malloc(-4096));
}

static void test_large_free_releases_block_and_region(void **state)
{
	unsigned long before;
	void *p;

	(void)state;
	before = live_blocks();
	p = ddekit_large_malloc(2 * PAGE);
	assert_non_null(p);
	assert_true(live_blocks() > before);
	ddekit_large_free(p);
	assert_int_equal(live_blocks(), before);
	assert_int_equal(ddekit_pgtab_get_type(p), -1);
}

static void test_contig_malloc_below_256_mib_never_crosses_64_kib(void **state)
{
	void *blocks[12];
	const unsigned long size = 36 * KiB;
	int i;

	(void)state;
	/* Sizes that do not divide 64 KiB make a naive allocator cross. */
	for (i = 0; i < 12; i++) {
		ddekit_dma_addr_t bus;

		blocks[i] =
		    ddekit_contig_malloc(size, 0, 256 * MiB - 1, 0, 64 * KiB);
		assert_non_null(blocks[i]);
		bus = ddekit_dma_bus_addr(blocks[i]);
		assert_int_not_equal(bus, 0);
		assert_true(bus + size - 1 <= 256 * MiB - 1);
		assert_int_equal(bus / (64 * KiB),
		                 (bus + size - 1) / (64 * KiB));
		assert_int_equal(ddekit_pgtab_get_type(blocks[i]),
		                 PTE_TYPE_CONTIG);
	}
	for (i = 0; i < 12; i++)
		ddekit_contig_free(blocks[i]);
}

static void test_contig_malloc_honours_low_limit_and_alignment(void **state)
{
	ddekit_dma_addr_t bus;
	void *p;

	(void)state;
	p = ddekit_contig_malloc(8 * KiB, 128 * MiB, 0, MiB, 0);
	assert_non_null(p);
	bus = ddekit_dma_bus_addr(p);
	assert_true(bus >= 128 * MiB);
	assert_int_equal(bus % MiB, 0);
	assert_int_equal((uintptr_t)p % MiB, 0);
	ddekit_contig_free(p);
}

static void
test_contig_malloc_fails_when_constraints_cannot_be_met(void **state)
{
	(void)state;
	/* larger than the boundary it must not cross */
	assert_null(ddekit_contig_malloc(128 * KiB, 0, 0, 0, 64 * KiB));
	/* window smaller than the block */
	assert_null(
	    ddekit_contig_malloc(64 * KiB, 16 * MiB, 16 * MiB + 4095, 0, 0));
	/* alignment not a power of two */
	assert_null(ddekit_contig_malloc(PAGE, 0, 0, 3 * PAGE, 0));
}

static void
test_contig_constraints_apply_to_physical_address_without_iommu(void **state)
{
	ddekit_dma_addr_t bus;
	void *p;

	(void)state;
	p = ddekit_contig_malloc(20 * KiB, 64 * MiB, 96 * MiB - 1, 0, 32 * KiB);
	assert_non_null(p);
	bus = ddekit_dma_bus_addr(p);
	assert_int_equal(bus, ddekit_pgtab_get_physaddr(p));
	assert_true(bus >= 64 * MiB && bus + 20 * KiB - 1 <= 96 * MiB - 1);
	assert_int_equal(bus / (32 * KiB), (bus + 20 * KiB - 1) / (32 * KiB));
	ddekit_large_free(p);
}

static void test_large_free_of_unknown_pointer_panics_naming_it(void **state)
{
	char hex[32];
	static char not_ours[64];

	(void)state;
	assert_true(fixture_panics(ddekit_large_free(not_ours + 16)));
	snprintf(hex, sizeof(hex), "%lx", (unsigned long)(not_ours + 16));
	assert_non_null(strstr(mock_console_text(), "PANIC"));
	assert_non_null(strstr(mock_console_text(), "ddekit_large_free"));
	assert_non_null(strstr(mock_console_text(), hex));
}

static void test_memory_left_allocated_is_released_by_deinit(void **state)
{
	(void)state;
	/* teardown checks that none of these outlives ddekit_deinit() */
	assert_non_null(ddekit_simple_malloc(100));
	assert_non_null(ddekit_large_malloc(3 * PAGE));
	assert_non_null(ddekit_contig_malloc(PAGE, 0, 0, 0, 0));
}

static void
test_running_out_of_memory_anywhere_returns_null_without_leaks(void **state)
{
	unsigned long before;
	int n, failed = 0;

	(void)state;
	before = live_blocks();
	/* fail the first, second, ... host allocation of one call */
	for (n = 0; n < 8; n++) {
		void *p;

		mock_fail_alloc_after(n);
		p = ddekit_contig_malloc(2 * PAGE, 0, 0, 0, 0);
		mock_fail_alloc_after(-1);
		if (p)
			ddekit_contig_free(p);
		else
			failed++;
	}
	assert_true(failed >= 3); /* record, block, pgtab entries */
	assert_int_equal(live_blocks(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_simple_malloc_is_aligned_for_any_type),
	    PC(test_simple_malloc_is_not_dma_memory),
	    PC(test_large_malloc_is_page_aligned_zeroed_and_contiguous),
	    PC(test_large_malloc_rejects_sizes_below_one),
	    PC(test_large_free_releases_block_and_region),
	    PC(test_contig_malloc_below_256_mib_never_crosses_64_kib),
	    PC(test_contig_malloc_honours_low_limit_and_alignment),
	    PC(test_contig_malloc_fails_when_constraints_cannot_be_met),
	    PC_NO_IOMMU(
	        test_contig_constraints_apply_to_physical_address_without_iommu),
	    PC(test_large_free_of_unknown_pointer_panics_naming_it),
	    PC(test_memory_left_allocated_is_released_by_deinit),
	    PC(test_running_out_of_memory_anywhere_returns_null_without_leaks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
