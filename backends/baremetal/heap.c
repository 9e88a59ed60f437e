/*
 * heap.c — small allocations for lib/ddekit's records and the libc subset.
 *
 * Power-of-two chunks from 16 to 2048 bytes, carved from whole pages and
 * kept on one free list per size; a chunk is aligned to its size, which
 * gives any alignment up to 2048 for free. Larger requests take whole
 * pages. A carved page remembers its chunk size (page_order), so a free
 * needs no header and finds the list even when alignment, not size, chose
 * the chunk. Carved pages are never given back: lib/ddekit's records come
 * and go in the same sizes.
 */
#include <string.h>

#include "bm.h"

#define MIN_ORDER 4
#define MAX_ORDER 11

static void *free_list[MAX_ORDER + 1];
static uint8_t page_order[BM_MAX_PHYS / BM_PAGE];
static long live_bytes;

static unsigned order_of(size_t n)
{
	unsigned o = MIN_ORDER;

	while (((size_t)1 << o) < n)
		o++;
	return o;
}

static int refill(unsigned order)
{
	uint64_t page;
	size_t sz = (size_t)1 << order;

	if (bm_pages_alloc(1, 0, BM_MAX_PHYS - 1, BM_PAGE, 0, &page) < 0)
		return -1;
	page_order[page / BM_PAGE] = (uint8_t)order;
	for (size_t off = 0; off < BM_PAGE; off += sz) {
		void **chunk = (void **)(uintptr_t)(page + off);

		*chunk = free_list[order];
		free_list[order] = chunk;
	}
	return 0;
}

void *bm_heap_alloc(size_t size, size_t align)
{
	uint64_t flags, addr;
	size_t want = size > align ? size : align;
	void **p = NULL;
	unsigned o;

	if (!want)
		want = 1;
	if (want <= ((size_t)1 << MAX_ORDER)) {
		o = order_of(want);
		flags = bm_irq_save();
		if (free_list[o] || refill(o) == 0) {
			p = free_list[o];
			free_list[o] = *p;
			live_bytes += (long)1 << o;
		}
		bm_irq_restore(flags);
		if (p)
			memset(p, 0, (size_t)1 << o);
		return p;
	}
	size = (size + BM_PAGE - 1) & ~(size_t)(BM_PAGE - 1);
	if (bm_pages_alloc(size / BM_PAGE, 0, BM_MAX_PHYS - 1, align, 0,
	                   &addr) < 0)
		return NULL;
	__atomic_add_fetch(&live_bytes, (long)size, __ATOMIC_RELAXED);
	memset((void *)(uintptr_t)addr, 0, size);
	return (void *)(uintptr_t)addr;
}

void bm_heap_free(void *p, size_t size)
{
	uint64_t addr = (uintptr_t)p, flags;
	unsigned o;

	if (!p)
		return;
	o = page_order[addr / BM_PAGE];
	if (o) {
		flags = bm_irq_save();
		*(void **)p = free_list[o];
		free_list[o] = p;
		live_bytes -= (long)1 << o;
		bm_irq_restore(flags);
		return;
	}
	size = (size + BM_PAGE - 1) & ~(size_t)(BM_PAGE - 1);
	bm_pages_free(addr, size / BM_PAGE);
	__atomic_sub_fetch(&live_bytes, (long)size, __ATOMIC_RELAXED);
}

long bm_heap_live(void)
{
	return __atomic_load_n(&live_bytes, __ATOMIC_RELAXED);
}

int bm_heap_alloc_pages(size_t size, uint64_t low, uint64_t high,
                        uint64_t align, uint64_t boundary, uint64_t *out)
{
	size_t n = (size + BM_PAGE - 1) / BM_PAGE;
	int r = bm_pages_alloc(n ? n : 1, low, high, align, boundary, out);

	if (r < 0)
		return r;
	memset((void *)(uintptr_t)*out, 0, (n ? n : 1) * BM_PAGE);
	__atomic_add_fetch(&live_bytes, (long)(n ? n : 1) * BM_PAGE,
	                   __ATOMIC_RELAXED);
	return 0;
}
