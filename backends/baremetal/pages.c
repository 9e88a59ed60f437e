/*
 * pages.c — the page-frame allocator: one bit per 4 KiB frame of RAM below
 * 4 GiB, set when the frame is free. Bus address = physical address =
 * virtual address, so the constraints of a DMA request are constraints on
 * the frame numbers. First fit: few, long-lived allocations.
 */
#include <ddekit/errno.h>

#include "bm.h"

#define NFRAMES (BM_MAX_PHYS / BM_PAGE)

static uint64_t free_map[NFRAMES / 64];
static uint64_t top; /* end of the highest RAM frame */
static size_t nfree;

static int is_free(uint64_t pfn)
{
	return free_map[pfn / 64] >> (pfn % 64) & 1;
}

static void set_free(uint64_t pfn, int f)
{
	if (is_free(pfn) == f)
		return;
	free_map[pfn / 64] ^= 1ull << (pfn % 64);
	nfree += f ? 1 : -1;
}

void bm_pages_add(uint64_t base, uint64_t len)
{
	uint64_t first = (base + BM_PAGE - 1) / BM_PAGE;
	uint64_t last = (base + len) / BM_PAGE; /* exclusive */

	if (last > NFRAMES)
		last = NFRAMES; /* RAM above 4 GiB is not used */
	for (uint64_t p = first; p < last; p++)
		set_free(p, 1);
	if (last > first && last * BM_PAGE > top)
		top = last * BM_PAGE;
}

void bm_pages_reserve(uint64_t base, uint64_t len)
{
	uint64_t last = (base + len + BM_PAGE - 1) / BM_PAGE;

	for (uint64_t p = base / BM_PAGE; p < last && p < NFRAMES; p++)
		set_free(p, 0);
}

int bm_pages_is_ram(uint64_t addr, uint64_t size)
{
	return addr < top && addr + size > BM_PAGE;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* The first used frame in [a, a + n pages), or UINT64_MAX. */
static uint64_t first_used(uint64_t a, size_t n)
{
	for (uint64_t p = a / BM_PAGE; p < a / BM_PAGE + n; p++)
		if (!is_free(p))
			return p * BM_PAGE;
	return UINT64_MAX;
}

int bm_pages_alloc(size_t n, uint64_t low, uint64_t high, uint64_t align,
                   uint64_t boundary, uint64_t *out)
{
	uint64_t size = (uint64_t)n * BM_PAGE, a, used;
	uint64_t flags = bm_irq_save();
	int rc;

	if (align < BM_PAGE)
		align = BM_PAGE;
	if (!n || (boundary && size > boundary)) {
		rc = -DDEKIT_ERANGE;
		goto out;
	}
	a = align_up(low ? low : BM_PAGE, align); /* frame 0 is never used */
	while (a + size <= top && a + size - 1 <= high) {
		if (boundary && a / boundary != (a + size - 1) / boundary) {
			a = align_up(align_up(a + 1, boundary), align);
			continue;
		}
		used = first_used(a, n);
		if (used == UINT64_MAX) {
			for (uint64_t p = a / BM_PAGE; p < a / BM_PAGE + n; p++)
				set_free(p, 0);
			*out = a;
			rc = 0;
			goto out;
		}
		a = align_up(used + BM_PAGE, align);
	}
	/* Enough free memory but none that fits: the constraints failed. */
	rc =
	    nfree >= n && (low || high < top - 1 || boundary || align > BM_PAGE)
	        ? -DDEKIT_ERANGE
	        : -DDEKIT_ENOMEM;
out:
	bm_irq_restore(flags);
	return rc;
}

void bm_pages_free(uint64_t addr, size_t n)
{
	uint64_t flags = bm_irq_save();

	for (uint64_t p = addr / BM_PAGE; p < addr / BM_PAGE + n; p++) {
		if (is_free(p))
			bm_panic("page 0x%lx freed twice", p * BM_PAGE);
		set_free(p, 1);
	}
	bm_irq_restore(flags);
}

size_t bm_pages_free_count(void)
{
	return nfree;
}
