/*
 * ddekit/dma.h — DMA memory (extension to the classic DDEKit).
 *
 * Devices address memory by bus address. Without an IOMMU it equals the
 * physical address; behind one (VFIO, L4Re DMA spaces) it is an I/O virtual
 * address that only exists for memory mapped for the device. Drivers must
 * therefore program devices with addresses from this header, never with
 * ddekit_pgtab_get_physaddr().
 *
 * One DMA domain per driver server: memory mapped here is reachable by every
 * device the server owns (on VFIO, one container; on L4Re, the vbus's DMA
 * space).
 */
#ifndef DDEKIT_DMA_H
#define DDEKIT_DMA_H

#include <ddekit/types.h>

DDEKIT_BEGIN_DECLS

enum ddekit_dma_dir {
	DDEKIT_DMA_BIDIRECTIONAL = 0,
	DDEKIT_DMA_TO_DEVICE = 1,
	DDEKIT_DMA_FROM_DEVICE = 2,
};

/**
 * ddekit_dma_alloc() - coherent DMA memory.
 * @size:  bytes.
 * @align: power of two (0 = page size) for the bus address.
 * @bus_high: highest bus address the device can reach (its DMA mask), e.g.
 *            0xffffffff for a 32-bit device; 0 for no limit.
 * @bus:   out: the bus address of the first byte.
 *
 * Zero-filled, contiguous in bus space, coherent (no syncs needed).
 * Process context; may sleep. Returns NULL on failure.
 */
void *ddekit_dma_alloc(unsigned long size, unsigned long align,
                       ddekit_dma_addr_t bus_high, ddekit_dma_addr_t *bus);

/** ddekit_dma_free() - free memory from ddekit_dma_alloc(); NULL ignored.
 * May sleep. */
void ddekit_dma_free(void *virt);

/**
 * ddekit_dma_bus_addr() - bus address of @virt inside memory from
 * ddekit_dma_alloc(), ddekit_large_malloc(), ddekit_contig_malloc() or a
 * contiguous slab; 0 if @virt is in none of them. Any context.
 */
ddekit_dma_addr_t ddekit_dma_bus_addr(const void *virt);

/**
 * ddekit_dma_map() - streaming mapping of existing memory for one transfer.
 * @virt, @size: the buffer; need not be aligned.
 * @dir: direction of the transfer.
 * @bus: out: bus address of @virt.
 *
 * Memory that already has a bus address (see ddekit_dma_bus_addr()) is not
 * mapped again. Returns 0, -DDEKIT_EINVAL (size 0), -DDEKIT_EFAULT (the host
 * cannot make the buffer device-reachable in one piece, e.g. not physically
 * contiguous without an IOMMU) or -DDEKIT_ENOMEM. May sleep.
 */
int ddekit_dma_map(void *virt, unsigned long size, enum ddekit_dma_dir dir,
                   ddekit_dma_addr_t *bus);

/** ddekit_dma_unmap() - end a streaming mapping; -DDEKIT_ENOENT if (@bus,
 * @size) is not a current mapping. May sleep. */
int ddekit_dma_unmap(ddekit_dma_addr_t bus, unsigned long size,
                     enum ddekit_dma_dir dir);

/** ddekit_dma_sync_for_cpu() / _for_device() - hand a streaming buffer to
 * the CPU or back to the device (orders memory accesses; copies nothing on
 * coherent hosts). Any context. */
void ddekit_dma_sync_for_cpu(ddekit_dma_addr_t bus, unsigned long size,
                             enum ddekit_dma_dir dir);
void ddekit_dma_sync_for_device(ddekit_dma_addr_t bus, unsigned long size,
                                enum ddekit_dma_dir dir);

DDEKIT_END_DECLS

#endif /* DDEKIT_DMA_H */
