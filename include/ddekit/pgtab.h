/*
 * ddekit/pgtab.h — virtual <-> physical address bookkeeping.
 *
 * A region is a virtually and physically contiguous range registered by the
 * allocator that created it (or by a caller, for memory it obtained itself).
 * Lookups find any address inside a region. These are physical addresses;
 * for the address a device must be given, use ddekit_dma_bus_addr() (dma.h).
 * All functions may be called from any thread, including handlers; set/clear
 * may sleep.
 */
#ifndef DDEKIT_PGTAB_H
#define DDEKIT_PGTAB_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

enum ddekit_pgtab_type {
	PTE_TYPE_OTHER,  /* registered by a client */
	PTE_TYPE_LARGE,  /* ddekit_large_malloc() */
	PTE_TYPE_UMA,    /* pages of contiguous slabs */
	PTE_TYPE_CONTIG, /* ddekit_contig_malloc() */
};

/** ddekit_pgtab_get_physaddr() - physical address of @virt; 0 if it lies
 * in no region. */
ddekit_addr_t ddekit_pgtab_get_physaddr(const void *virt);

/** ddekit_pgtab_get_virtaddr() - virtual address of @physical; 0 if it lies
 * in no region. */
ddekit_addr_t ddekit_pgtab_get_virtaddr(const ddekit_addr_t physical);

/** ddekit_pgtab_get_type() - enum ddekit_pgtab_type of the region holding
 * @virt; -1 if none. */
int ddekit_pgtab_get_type(const void *virt);

/** ddekit_pgtab_get_size() - size in bytes of the region holding @virt;
 * 0 if none. */
int ddekit_pgtab_get_size(const void *virt);

/**
 * ddekit_pgtab_set_region() - register @pages pages at @virt (page aligned)
 * backed by physical memory at @phys. Overlapping an existing region is a
 * bug and panics.
 */
void ddekit_pgtab_set_region(void *virt, ddekit_addr_t phys, int pages,
                             int type);

/** ddekit_pgtab_set_region_with_size() - same with a size in bytes. */
void ddekit_pgtab_set_region_with_size(void *virt, ddekit_addr_t phys, int size,
                                       int type);

/** ddekit_pgtab_clear_region() - forget the region starting at @virt; the
 * @type must match the registered one (else a message, and nothing is
 * cleared). */
void ddekit_pgtab_clear_region(void *virt, int type);

DDEKIT_END_DECLS

#endif /* DDEKIT_PGTAB_H */
