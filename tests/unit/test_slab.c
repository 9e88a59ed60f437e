/*
 * test_slab.c — slab caches: object layout, reuse, per-slab data,
 * contiguous (DMA-able) slabs, destruction and the page cache.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <ddekit/dma.h>
#include <ddekit/memory.h>
#include <ddekit/pgtab.h>

#include "fixture.h"
#include "mock.h"

#define PAGE 4096u

static unsigned long live_blocks(void)
{
	struct mock_leaks l;

	mock_leaks(&l);
	return l.mem_blocks;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

/* Allocates @n objects of @size and checks they are disjoint and aligned. */
static void check_layout(unsigned size, unsigned align, int contiguous)
{
	enum { N = 300 };
	struct ddekit_slab *slab = ddekit_slab_init(size, contiguous);
	uintptr_t objs[N];
	int i;

	assert_non_null(slab);
	for (i = 0; i < N; i++) {
		objs[i] = (uintptr_t)ddekit_slab_alloc(slab);
		assert_int_not_equal(objs[i], 0);
		assert_int_equal(objs[i] % align, 0);
		memset((void *)objs[i], i, size);
	}
	qsort(objs, N, sizeof(objs[0]), cmp_ptr);
	for (i = 1; i < N; i++)
		assert_true(objs[i] - objs[i - 1] >= size);
	ddekit_slab_destroy(slab);
}

static void
test_slab_objects_are_disjoint_and_aligned_as_documented(void **state)
{
	(void)state;
	check_layout(24, 8, 0); /* largest power of two dividing 24 */
	check_layout(12, 8, 0); /* at least sizeof(void *) */
	check_layout(48, 16, 0);
	check_layout(192, 64, 0); /* at most 64 */
	check_layout(100, 8, 1);
}

static void test_slab_objects_never_straddle_a_page(void **state)
{
	struct ddekit_slab *slab;
	int i;

	(void)state;
	slab = ddekit_slab_init(1000, 1); /* 4096 is no multiple of 1000 */
	assert_non_null(slab);
	for (i = 0; i < 20; i++) {
		uintptr_t o = (uintptr_t)ddekit_slab_alloc(slab);

		assert_int_not_equal(o, 0);
		assert_int_equal(o / PAGE, (o + 999) / PAGE);
	}
	ddekit_slab_destroy(slab);
}

static void test_slab_objects_larger_than_a_page_are_usable(void **state)
{
	struct ddekit_slab *slab;
	char *a, *b;

	(void)state;
	slab = ddekit_slab_init(3 * PAGE / 2, 0);
	assert_non_null(slab);
	a = ddekit_slab_alloc(slab);
	b = ddekit_slab_alloc(slab);
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a + 3 * PAGE / 2 <= b || b + 3 * PAGE / 2 <= a);
	memset(a, 1, 3 * PAGE / 2);
	memset(b, 2, 3 * PAGE / 2);
	assert_int_equal(a[3 * PAGE / 2 - 1], 1);
	ddekit_slab_free(slab, b);
	ddekit_slab_free(slab, a);
	ddekit_slab_destroy(slab);
}

static void test_freed_object_is_handed_out_again(void **state)
{
	struct ddekit_slab *slab;
	void *a, *b, *c;

	(void)state;
	slab = ddekit_slab_init(64, 0);
	a = ddekit_slab_alloc(slab);
	b = ddekit_slab_alloc(slab);
	assert_ptr_not_equal(a, b);
	ddekit_slab_free(slab, a);
	c = ddekit_slab_alloc(slab);
	assert_ptr_equal(c, a);
	ddekit_slab_free(slab, b);
	ddekit_slab_free(slab, c);
	ddekit_slab_destroy(slab);
}

static void test_alloc_free_cycles_do_not_grow_memory(void **state)
{
	struct ddekit_slab *slab;
	unsigned long after_first = 0;
	void *objs[200];
	int round, i;

	(void)state;
	slab = ddekit_slab_init(128, 0);
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 200; i++)
			objs[i] = ddekit_slab_alloc(slab);
		for (i = 0; i < 200; i++)
			ddekit_slab_free(slab, objs[i]);
		if (round == 0)
			after_first = live_blocks();
	}
	assert_int_equal(live_blocks(), after_first);
	ddekit_slab_destroy(slab);
}

static void test_each_slab_keeps_its_own_data_pointer(void **state)
{
	struct ddekit_slab *s1, *s2;
	int a, b;

	(void)state;
	s1 = ddekit_slab_init(32, 0);
	s2 = ddekit_slab_init(32, 0);
	assert_null(ddekit_slab_get_data(s1));
	ddekit_slab_set_data(s1, &a);
	ddekit_slab_set_data(s2, &b);
	assert_ptr_equal(ddekit_slab_get_data(s1), &a);
	assert_ptr_equal(ddekit_slab_get_data(s2), &b);
	ddekit_slab_destroy(s1);
	ddekit_slab_destroy(s2);
}

static void
test_contiguous_slab_objects_have_phys_and_bus_addresses(void **state)
{
	struct ddekit_slab *slab;
	char *o;
	ddekit_addr_t phys;
	ddekit_dma_addr_t bus;

	(void)state;
	slab = ddekit_slab_init(256, 1);
	ddekit_slab_alloc(slab);
	o = ddekit_slab_alloc(slab);
	assert_non_null(o);
	phys = ddekit_pgtab_get_physaddr(o);
	bus = ddekit_dma_bus_addr(o);
	assert_int_not_equal(phys, 0);
	assert_int_not_equal(bus, 0);
	assert_int_not_equal(bus, phys); /* the mock's IOMMU is on */
	assert_int_equal(ddekit_pgtab_get_virtaddr(phys), (ddekit_addr_t)o);
	assert_int_equal(ddekit_dma_bus_addr(o + 255), bus + 255);
	assert_int_equal(ddekit_pgtab_get_type(o), PTE_TYPE_UMA);
	ddekit_slab_destroy(slab);
}

static void test_plain_slab_objects_have_no_bus_address(void **state)
{
	struct ddekit_slab *slab;
	void *o;

	(void)state;
	slab = ddekit_slab_init(256, 0);
	o = ddekit_slab_alloc(slab);
	assert_non_null(o);
	assert_int_equal(ddekit_dma_bus_addr(o), 0);
	assert_int_equal(ddekit_pgtab_get_type(o), -1);
	ddekit_slab_destroy(slab);
}

static void test_destroy_with_live_objects_frees_every_page(void **state)
{
	struct ddekit_slab *plain, *contig;
	unsigned long before;
	int i;

	(void)state;
	before = live_blocks();
	plain = ddekit_slab_init(200, 0);
	contig = ddekit_slab_init(200, 1);
	for (i = 0; i < 100; i++) {
		assert_non_null(ddekit_slab_alloc(plain));
		assert_non_null(ddekit_slab_alloc(contig));
	}
	ddekit_slab_destroy(plain);
	ddekit_slab_destroy(contig);
	assert_int_equal(live_blocks(), before);
}

static void test_page_cache_keeps_pages_until_shrunk(void **state)
{
	struct ddekit_slab *slab;
	unsigned long before;
	int i;

	(void)state;
	before = live_blocks();
	ddekit_slab_setup_page_cache(2);
	slab = ddekit_slab_init(PAGE, 0); /* one object per page */
	for (i = 0; i < 3; i++)
		assert_non_null(ddekit_slab_alloc(slab));
	ddekit_slab_destroy(slab);
	assert_int_equal(live_blocks(), before + 2);

	ddekit_slab_setup_page_cache(0);
	assert_int_equal(live_blocks(), before);
}

static void
test_running_out_of_memory_in_alloc_returns_null_without_leaks(void **state)
{
	unsigned long before;
	int n, failed = 0;

	(void)state;
	before = live_blocks();
	for (n = 0; n < 8; n++) {
		struct ddekit_slab *slab = ddekit_slab_init(128, 1);
		void *o;

		assert_non_null(slab);
		mock_fail_alloc_after(n);
		o = ddekit_slab_alloc(slab);
		mock_fail_alloc_after(-1);
		if (!o)
			failed++;
		ddekit_slab_destroy(slab);
	}
	assert_true(failed >= 3); /* chunk record, page, pgtab entries */
	assert_int_equal(live_blocks(), before);
}

static void test_slab_init_rejects_size_zero(void **state)
{
	(void)state;
	assert_null(ddekit_slab_init(0, 0));
	assert_null(ddekit_slab_init(0, 1));
}

static void test_freeing_a_foreign_pointer_panics(void **state)
{
	struct ddekit_slab *slab;
	static long other[8];

	(void)state;
	slab = ddekit_slab_init(64, 0);
	assert_non_null(ddekit_slab_alloc(slab));
	assert_true(fixture_panics(ddekit_slab_free(slab, other)));
	assert_non_null(strstr(mock_console_text(), "ddekit_slab_free"));
	ddekit_slab_destroy(slab);
}

static void test_slabs_left_behind_are_destroyed_by_deinit(void **state)
{
	struct ddekit_slab *slab;

	(void)state;
	/* teardown checks that nothing of these outlives ddekit_deinit() */
	ddekit_slab_setup_page_cache(8);
	slab = ddekit_slab_init(512, 1);
	assert_non_null(ddekit_slab_alloc(slab));
	slab = ddekit_slab_init(40, 0);
	assert_non_null(ddekit_slab_alloc(slab));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_slab_objects_are_disjoint_and_aligned_as_documented),
	    PC(test_slab_objects_never_straddle_a_page),
	    PC(test_slab_objects_larger_than_a_page_are_usable),
	    PC(test_freed_object_is_handed_out_again),
	    PC(test_alloc_free_cycles_do_not_grow_memory),
	    PC(test_each_slab_keeps_its_own_data_pointer),
	    PC(test_contiguous_slab_objects_have_phys_and_bus_addresses),
	    PC(test_plain_slab_objects_have_no_bus_address),
	    PC(test_destroy_with_live_objects_frees_every_page),
	    PC(test_page_cache_keeps_pages_until_shrunk),
	    PC(test_running_out_of_memory_in_alloc_returns_null_without_leaks),
	    PC(test_slab_init_rejects_size_zero),
	    PC(test_freeing_a_foreign_pointer_panics),
	    PC(test_slabs_left_behind_are_destroyed_by_deinit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
