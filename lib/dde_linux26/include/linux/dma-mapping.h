/*
 * linux/dma-mapping.h — the generic DMA API (libdde emulation of Linux
 * 2.6.24) on DDEKit's DMA extension, so addresses given to devices are bus
 * addresses (IOVAs behind an IOMMU), never physical ones.
 *
 * The device's masks are honoured: coherent memory comes from below the
 * lower of *dev->dma_mask and dev->coherent_dma_mask (32 bits for a NULL
 * device); a streaming mapping the device could not reach fails, as there
 * are no bounce buffers, and dma_mapping_error() reports it.
 * Memory is coherent on every host DDEKit runs on, so dma_sync_* only
 * order accesses.
 *
 * Allocation and mapping may sleep in DDEKit; they are allowed from
 * interrupt handlers too, which are threads here (GFP_ATOMIC).
 *
 * Knowingly missing: dma_map_page/pci_map_page and scatterlists
 * (dma_map_sg): there is no struct page; dma_pool (linux/dmapool.h);
 * noncoherent allocations; dma_declare_coherent_memory.
 */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H

#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/types.h>

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_64BIT_MASK 0xffffffffffffffffULL
#define DMA_48BIT_MASK 0x0000ffffffffffffULL
#define DMA_40BIT_MASK 0x000000ffffffffffULL
#define DMA_39BIT_MASK 0x0000007fffffffffULL
#define DMA_32BIT_MASK 0x00000000ffffffffULL
#define DMA_31BIT_MASK 0x000000007fffffffULL
#define DMA_30BIT_MASK 0x000000003fffffffULL
#define DMA_29BIT_MASK 0x000000001fffffffULL
#define DMA_28BIT_MASK 0x000000000fffffffULL
#define DMA_24BIT_MASK 0x0000000000ffffffULL

/* What a failed mapping returns; test with dma_mapping_error(). */
#define DMA_ERROR_CODE (~(dma_addr_t)0)

static inline int dma_mapping_error(dma_addr_t dma_addr)
{
	return dma_addr == DMA_ERROR_CODE;
}

/* Whether @dev can do DMA with @mask (at least 24 bits, as on x86). */
int dma_supported(struct device *dev, u64 mask);
/* Set *dev->dma_mask; -EIO when not supported or @dev has no mask. */
int dma_set_mask(struct device *dev, u64 mask);

/* Zeroed, page-aligned, coherent memory; NULL on failure. */
void *dma_alloc_coherent(struct device *dev, size_t size,
                         dma_addr_t *dma_handle, gfp_t flag);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
                       dma_addr_t dma_handle);

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
                          enum dma_data_direction direction);
void dma_unmap_single(struct device *dev, dma_addr_t dma_addr, size_t size,
                      enum dma_data_direction direction);

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t dma_handle,
                             size_t size, enum dma_data_direction direction);
void dma_sync_single_for_device(struct device *dev, dma_addr_t dma_handle,
                                size_t size, enum dma_data_direction direction);

static inline void
dma_sync_single_range_for_cpu(struct device *dev, dma_addr_t dma_handle,
                              unsigned long offset, size_t size,
                              enum dma_data_direction direction)
{
	dma_sync_single_for_cpu(dev, dma_handle + offset, size, direction);
}

static inline void
dma_sync_single_range_for_device(struct device *dev, dma_addr_t dma_handle,
                                 unsigned long offset, size_t size,
                                 enum dma_data_direction direction)
{
	dma_sync_single_for_device(dev, dma_handle + offset, size, direction);
}

#endif /* _LINUX_DMA_MAPPING_H */
