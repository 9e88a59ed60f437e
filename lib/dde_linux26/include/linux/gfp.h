/*
 * linux/gfp.h — allocation flags and the page allocator (libdde emulation
 * of Linux 2.6.24).
 *
 * Flags that may sleep (__GFP_WAIT, e.g. GFP_KERNEL) are checked with
 * might_sleep(); GFP_ATOMIC may be used in any context. Every allocation is
 * reachable by DMA through the DMA API, so GFP_DMA/GFP_DMA32 change nothing.
 * Knowingly missing: struct page and alloc_pages()/page_address() (pages
 * are plain addresses here), NUMA node allocation.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <asm/page.h>

#define __GFP_DMA     ((gfp_t)0x01u)
#define __GFP_HIGHMEM ((gfp_t)0x02u)
#define __GFP_DMA32   ((gfp_t)0x04u)
#define __GFP_WAIT    ((gfp_t)0x10u)
#define __GFP_HIGH    ((gfp_t)0x20u)
#define __GFP_IO      ((gfp_t)0x40u)
#define __GFP_FS      ((gfp_t)0x80u)
#define __GFP_COLD    ((gfp_t)0x100u)
#define __GFP_NOWARN  ((gfp_t)0x200u)
#define __GFP_REPEAT  ((gfp_t)0x400u)
#define __GFP_NOFAIL  ((gfp_t)0x800u)
#define __GFP_NORETRY ((gfp_t)0x1000u)
#define __GFP_COMP    ((gfp_t)0x4000u)
#define __GFP_ZERO    ((gfp_t)0x8000u)

#define GFP_NOWAIT   ((gfp_t)0)
#define GFP_ATOMIC   (__GFP_HIGH)
#define GFP_NOIO     (__GFP_WAIT)
#define GFP_NOFS     (__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL   (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER     (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA      __GFP_DMA
#define GFP_DMA32    __GFP_DMA32

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)

static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

#endif /* _LINUX_GFP_H */
