/*
 * test_core.c — linux26 core helpers: lists, bitops, jiffies arithmetic,
 * error pointers, krefs, string helpers, kmalloc.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <ddekit/pgtab.h>

#include "dde_linux26.h"
#include "l26_fixture.h"
#include "mock.h"

struct item {
	int v;
	struct list_head node;
};

static void collect(struct list_head *head, int *out, int *n)
{
	struct item *it;

	*n = 0;
	list_for_each_entry(it, head, node) out[(*n)++] = it->v;
}

static void test_list_add_and_add_tail_order_entries(void **state)
{
	LIST_HEAD(head);
	struct item a = {.v = 1}, b = {.v = 2}, c = {.v = 3};
	int got[3], n;

	(void)state;
	list_add_tail(&b.node, &head);
	list_add(&a.node, &head);
	list_add_tail(&c.node, &head);
	collect(&head, got, &n);
	assert_int_equal(n, 3);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 3);
	assert_ptr_equal(list_first_entry(&head, struct item, node), &a);
	assert_true(list_is_last(&c.node, &head));
}

static void
test_list_for_each_entry_safe_allows_deleting_the_cursor(void **state)
{
	LIST_HEAD(head);
	struct item it[4], *pos, *n;
	int got[4], cnt, i;

	(void)state;
	for (i = 0; i < 4; i++) {
		it[i].v = i;
		list_add_tail(&it[i].node, &head);
	}
	list_for_each_entry_safe(pos, n, &head, node) if (pos->v % 2 == 0)
	    list_del(&pos->node);
	collect(&head, got, &cnt);
	assert_int_equal(cnt, 2);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 3);
}

static void test_list_move_splice_and_empty(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item x = {.v = 1}, y = {.v = 2};
	int got[2], n;

	(void)state;
	assert_true(list_empty(&a));
	list_add_tail(&x.node, &a);
	list_add_tail(&y.node, &b);
	list_move_tail(&x.node, &b);
	assert_true(list_empty(&a));
	list_splice_init(&b, &a);
	assert_true(list_empty(&b));
	collect(&a, got, &n);
	assert_int_equal(n, 2);
	assert_int_equal(got[0], 2);
	assert_int_equal(got[1], 1);
	list_del_init(&x.node);
	assert_true(list_empty(&x.node));
}

static void test_bitops_set_clear_test_across_words(void **state)
{
	unsigned long map[BITS_TO_LONGS(130)] = {0};

	(void)state;
	set_bit(3, map);
	set_bit(BITS_PER_LONG + 1, map);
	set_bit(129, map);
	assert_true(test_bit(3, map));
	assert_true(test_bit(BITS_PER_LONG + 1, map));
	assert_false(test_bit(4, map));
	assert_int_equal(map[0], 1UL << 3);
	clear_bit(3, map);
	assert_false(test_bit(3, map));
	change_bit(5, map);
	assert_true(test_bit(5, map));
}

static void test_bitops_test_and_set_reports_the_old_value(void **state)
{
	unsigned long w = 0;

	(void)state;
	assert_int_equal(test_and_set_bit(7, &w), 0);
	assert_int_equal(test_and_set_bit(7, &w), 1);
	assert_int_equal(test_and_clear_bit(7, &w), 1);
	assert_int_equal(test_and_clear_bit(7, &w), 0);
	assert_int_equal(__test_and_set_bit(2, &w), 0);
	assert_int_equal(test_and_change_bit(2, &w), 1);
	assert_int_equal(w, 0);
}

static void test_find_bit_helpers_and_ffs_fls(void **state)
{
	unsigned long map[3] = {0, 0, 0};

	(void)state;
	assert_int_equal(find_first_bit(map, 3 * BITS_PER_LONG),
	                 3 * BITS_PER_LONG);
	set_bit(70, map);
	set_bit(100, map);
	assert_int_equal(find_first_bit(map, 3 * BITS_PER_LONG), 70);
	assert_int_equal(find_next_bit(map, 3 * BITS_PER_LONG, 71), 100);
	assert_int_equal(find_next_bit(map, 90, 71), 90);
	map[0] = ~0UL;
	assert_int_equal(find_first_zero_bit(map, 3 * BITS_PER_LONG),
	                 BITS_PER_LONG);
	assert_int_equal(ffs(0), 0);
	assert_int_equal(ffs(8), 4);
	assert_int_equal(fls(0), 0);
	assert_int_equal(fls(0x80000000), 32);
	assert_int_equal(__ffs(0x10UL), 4);
	assert_int_equal(hweight32(0xf0f0), 8);
}

static void test_time_after_is_correct_across_jiffies_wrap(void **state)
{
	unsigned long before_wrap = ULONG_MAX - 5;
	unsigned long after_wrap = 10;

	(void)state;
	assert_true(time_after(after_wrap, before_wrap));
	assert_true(time_before(before_wrap, after_wrap));
	assert_true(time_after_eq(after_wrap, after_wrap));
	assert_false(time_after(before_wrap, after_wrap));
	assert_true(time_before_eq(before_wrap, before_wrap + 16));
	assert_true(time_in_range(2UL, before_wrap, after_wrap));
}

static void test_jiffies_advance_with_the_clock_at_hz(void **state)
{
	unsigned long j0 = jiffies;

	(void)state;
	ddekit_thread_msleep(30);
	assert_true(time_after_eq(jiffies, j0 + msecs_to_jiffies(30)));
	assert_int_equal(msecs_to_jiffies(1000), HZ);
	assert_int_equal(jiffies_to_msecs(HZ), 1000);
	assert_int_equal(usecs_to_jiffies(1), 1);
}

static void test_err_ptr_round_trips_negative_errno(void **state)
{
	void *p = ERR_PTR(-ENODEV);
	int x;

	(void)state;
	assert_true(IS_ERR(p));
	assert_int_equal(PTR_ERR(p), -ENODEV);
	assert_false(IS_ERR(&x));
	assert_false(IS_ERR(NULL));
	assert_true(IS_ERR(ERR_PTR(-MAX_ERRNO)));
}

static void test_errno_values_are_linux_values(void **state)
{
	(void)state;
	assert_int_equal(EBUSY, 16);
	assert_int_equal(ENODEV, 19);
	assert_int_equal(ETIMEDOUT, 110);
	assert_int_equal(EOPNOTSUPP, 95);
	assert_int_equal(ERESTARTSYS, 512);
}

static int released;

static void release(struct kref *k)
{
	(void)k;
	released++;
}

static void test_kref_put_releases_on_the_last_reference(void **state)
{
	struct kref k;

	(void)state;
	released = 0;
	kref_init(&k);
	kref_get(&k);
	assert_int_equal(kref_put(&k, release), 0);
	assert_int_equal(released, 0);
	assert_int_equal(kref_put(&k, release), 1);
	assert_int_equal(released, 1);
}

static void test_min_max_container_of_array_size(void **state)
{
	struct item it = {.v = 5};
	int arr[7];

	(void)state;
	assert_int_equal(min(3, 4), 3);
	assert_int_equal(max(3, 4), 4);
	assert_int_equal(min_t(unsigned, 3, -1), 3);
	assert_ptr_equal(container_of(&it.node, struct item, node), &it);
	assert_int_equal(ARRAY_SIZE(arr), 7);
	assert_int_equal(ALIGN(13, 8), 16);
}

static void test_strlcpy_truncates_and_terminates(void **state)
{
	char buf[5];
	char *dup;

	(void)state;
	assert_int_equal(strlcpy(buf, "abcdefgh", sizeof(buf)), 8);
	assert_string_equal(buf, "abcd");
	assert_int_equal(strlcat(buf, "xy", sizeof(buf)), 6);
	assert_string_equal(buf, "abcd");
	dup = kstrdup("hello", GFP_KERNEL);
	assert_string_equal(dup, "hello");
	kfree(dup);
	assert_int_equal(snprintf(buf, sizeof(buf), "%d", 123456), 6);
	assert_string_equal(buf, "1234");
	assert_int_equal(simple_strtoul("0x1f", NULL, 0), 31);
}

static void test_kmalloc_aligns_and_kzalloc_zeroes(void **state)
{
	size_t sizes[] = {1, 8, 24, 64, 100, 4096, 10000};
	unsigned i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kzalloc(sizes[i], GFP_KERNEL);
		size_t j;

		assert_non_null(p);
		assert_int_equal((unsigned long)p % ARCH_KMALLOC_MINALIGN, 0);
		if (sizes[i] >= 64)
			assert_int_equal((unsigned long)p % 64, 0);
		for (j = 0; j < sizes[i]; j++)
			assert_int_equal(p[j], 0);
		assert_true(ksize(p) >= sizes[i]);
		memset(p, 0xa5, sizes[i]);
		kfree(p);
	}
	kfree(NULL);
}

static void
test_kmalloc_objects_up_to_a_page_are_physically_contiguous(void **state)
{
	/* The skb data of a receive ring: what dma_map_single() must be able
	 * to map without an IOMMU. Objects lie within one page, or in memory
	 * that is contiguous as a whole. */
	size_t size;

	(void)state;
	for (size = 1; size <= PAGE_SIZE; size += 97) {
		void *p[3];
		unsigned i;

		for (i = 0; i < 3; i++) {
			char *a;

			p[i] = a = kmalloc(size, GFP_KERNEL);
			assert_non_null(a);
			if (((unsigned long)a & PAGE_MASK) ==
			    ((unsigned long)(a + size - 1) & PAGE_MASK))
				continue;
			assert_int_not_equal(ddekit_pgtab_get_physaddr(a), 0);
			assert_int_equal(
			    ddekit_pgtab_get_physaddr(a + size - 1) -
			        ddekit_pgtab_get_physaddr(a),
			    size - 1);
		}
		for (i = 0; i < 3; i++)
			kfree(p[i]);
	}
}

static void test_kmalloc_beyond_a_page_is_bus_contiguous(void **state)
{
	const size_t size = 3 * PAGE_SIZE + 100;
	char *p = kmalloc(size, GFP_KERNEL);
	ddekit_addr_t first, last;

	(void)state;
	assert_non_null(p);
	first = ddekit_pgtab_get_physaddr(p);
	last = ddekit_pgtab_get_physaddr(p + size - 1);
	assert_int_not_equal(first, 0);
	assert_int_equal(last - first, size - 1);
	kfree(p);
}

static void test_kmalloc_object_freed_after_exit_leaves_no_leak(void **state)
{
	void *p = kmalloc(100, GFP_KERNEL);

	(void)state;
	assert_non_null(p);
	mock_console_capture(1);
	dde_linux26_exit();
	assert_non_null(
	    strstr(mock_console_text(), "1 kmalloc objects of 256"));
	/* The teardown's leak check proves the class went with it. */
	kfree(p);
}

static void test_kcalloc_rejects_overflow(void **state)
{
	(void)state;
	assert_null(kcalloc(ULONG_MAX / 2, 4, GFP_KERNEL));
}

static void ctor(struct kmem_cache *c, void *obj)
{
	(void)c;
	*(int *)obj = 42;
}

static void test_kmem_cache_objects_are_aligned_and_constructed(void **state)
{
	struct kmem_cache *c = kmem_cache_create("t", 40, 32, 0, ctor);
	int *a, *b;

	(void)state;
	assert_non_null(c);
	a = kmem_cache_alloc(c, GFP_ATOMIC);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal((unsigned long)a % 32, 0);
	assert_int_equal((unsigned long)b % 32, 0);
	assert_int_equal(*a, 42);
	assert_int_equal(kmem_cache_size(c), 40);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
}

static void test_get_free_pages_and_vmalloc_are_page_aligned(void **state)
{
	unsigned long pg = __get_free_pages(GFP_KERNEL, 2);
	unsigned char *z = (unsigned char *)get_zeroed_page(GFP_ATOMIC);
	void *v = vmalloc(3 * PAGE_SIZE + 5);

	(void)state;
	assert_int_not_equal(pg, 0);
	assert_int_equal(pg % PAGE_SIZE, 0);
	memset((void *)pg, 1, 4 * PAGE_SIZE);
	assert_non_null(z);
	assert_int_equal(z[PAGE_SIZE - 1], 0);
	assert_non_null(v);
	assert_int_equal((unsigned long)v % PAGE_SIZE, 0);
	memset(v, 2, 3 * PAGE_SIZE + 5);
	free_pages(pg, 2);
	free_page((unsigned long)z);
	vfree(v);
	assert_int_equal(get_order(PAGE_SIZE + 1), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_list_add_and_add_tail_order_entries),
	    L26(test_kmalloc_objects_up_to_a_page_are_physically_contiguous),
	    L26(test_kmalloc_beyond_a_page_is_bus_contiguous),
	    L26(test_kmalloc_object_freed_after_exit_leaves_no_leak),
	    L26(test_list_for_each_entry_safe_allows_deleting_the_cursor),
	    L26(test_list_move_splice_and_empty),
	    L26(test_bitops_set_clear_test_across_words),
	    L26(test_bitops_test_and_set_reports_the_old_value),
	    L26(test_find_bit_helpers_and_ffs_fls),
	    L26(test_time_after_is_correct_across_jiffies_wrap),
	    L26(test_jiffies_advance_with_the_clock_at_hz),
	    L26(test_err_ptr_round_trips_negative_errno),
	    L26(test_errno_values_are_linux_values),
	    L26(test_kref_put_releases_on_the_last_reference),
	    L26(test_min_max_container_of_array_size),
	    L26(test_strlcpy_truncates_and_terminates),
	    L26(test_kmalloc_aligns_and_kzalloc_zeroes),
	    L26(test_kcalloc_rejects_overflow),
	    L26(test_kmem_cache_objects_are_aligned_and_constructed),
	    L26(test_get_free_pages_and_vmalloc_are_page_aligned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
