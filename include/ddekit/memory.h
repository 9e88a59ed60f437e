/*
 * ddekit/memory.h — memory allocation.
 *
 * Three allocators, as in the classic DDEKit:
 *  - simple: small objects from the heap; not for DMA.
 *  - large/contig: whole pages, pinned and contiguous, registered in pgtab so
 *    ddekit_pgtab_get_physaddr() and ddekit_dma_bus_addr() work for them.
 *  - slabs: fixed-size objects; with @contiguous set, from DMA-able pages
 *    registered in pgtab (type PTE_TYPE_UMA).
 * All functions may sleep and are for thread context. DDEKit interrupt
 * handlers run in threads of their own, so the simple allocator and slab
 * alloc/free may be used from them (they wait only briefly, on a lock); the
 * large/contiguous allocators may take long (pinning, IOMMU mapping) and
 * belong in set-up code.
 */
#ifndef DDEKIT_MEMORY_H
#define DDEKIT_MEMORY_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

/* --- slabs --------------------------------------------------------------- */

struct ddekit_slab;

/**
 * ddekit_slab_init() - create a cache of objects of @size bytes.
 * @contiguous: non-zero: objects live in DMA-able, physically contiguous pages
 *              (each object lies within one page if @size <= page size).
 *
 * Objects are aligned to the largest power of two dividing @size (at most
 * 64 bytes, at least sizeof(void *)). Returns NULL on failure or @size 0.
 */
struct ddekit_slab *ddekit_slab_init(unsigned size, int contiguous);

/** ddekit_slab_destroy() - free the cache and all its pages, including
 * objects still allocated (which the caller must no longer use). */
void ddekit_slab_destroy(struct ddekit_slab *slab);

/** ddekit_slab_alloc() - one object, uninitialised; NULL when out of memory. */
void *ddekit_slab_alloc(struct ddekit_slab *slab);

/** ddekit_slab_free() - return @objp (from this slab) to the cache. */
void ddekit_slab_free(struct ddekit_slab *slab, void *objp);

/** ddekit_slab_set_data() / _get_data() - one client pointer per slab. Any
 * context. */
void ddekit_slab_set_data(struct ddekit_slab *slab, void *data);
void *ddekit_slab_get_data(struct ddekit_slab *slab);

/** ddekit_slab_setup_page_cache() - keep up to @pages free pages cached for
 * all slabs instead of returning them to the host at once (default 0). */
void ddekit_slab_setup_page_cache(unsigned pages);

/* --- large and contiguous blocks ---------------------------------------- */

/**
 * ddekit_large_malloc() - @size bytes of pinned, page-aligned, physically
 * contiguous, zero-filled memory registered in pgtab as PTE_TYPE_LARGE.
 * Returns NULL on failure or @size <= 0.
 */
void *ddekit_large_malloc(int size);

/** ddekit_large_free() - free memory from ddekit_large_malloc(); NULL is
 * ignored. Freeing anything else panics with a message. */
void ddekit_large_free(void *p);

/**
 * ddekit_contig_malloc() - contiguous memory under device constraints.
 * @size:      bytes.
 * @low:       lowest acceptable (bus) address of the first byte.
 * @high:      highest acceptable (bus) address of the last byte; 0 = no limit.
 * @alignment: power of two (0 = page); the address is a multiple of it.
 * @boundary:  0 or a power of two the block must not cross.
 *
 * Constraints apply to the address the device sees (the bus address, equal
 * to the physical address without an IOMMU). Registered in pgtab as
 * PTE_TYPE_CONTIG; free with ddekit_large_free() or ddekit_contig_free().
 * Returns NULL when the constraints cannot be met.
 */
void *ddekit_contig_malloc(unsigned long size, unsigned long low,
                           unsigned long high, unsigned long alignment,
                           unsigned long boundary);

/** ddekit_contig_free() - free memory from ddekit_contig_malloc()
 * (extension; ddekit_large_free() does the same). */
void ddekit_contig_free(void *p);

/* --- simple allocator ----------------------------------------------------- */

/** ddekit_simple_malloc() - @size bytes of heap memory (not DMA-able),
 * aligned for any type; NULL on failure. */
void *ddekit_simple_malloc(unsigned size);

/** ddekit_simple_free() - free memory from ddekit_simple_malloc(); NULL is
 * ignored. */
void ddekit_simple_free(void *p);

DDEKIT_END_DECLS

#endif /* DDEKIT_MEMORY_H */
