/*
 * dma.c — the generic DMA API on DDEKit's DMA extension.
 *
 * DDEKit hands out bus addresses (IOVAs behind an IOMMU), and its coherent
 * allocator takes the highest reachable bus address, so a device's mask is
 * passed straight down. Streaming mappings cannot be constrained that way;
 * one the device could not reach is undone and reported as a mapping error
 * rather than bounced.
 */
#include "internal.h"

#include <ddekit/dma.h>

#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/kernel.h>

/* The lowest mask x86 Linux accepts: ISA DMA reaches 16 MiB. */
#define DMA_LOWEST_MASK DMA_24BIT_MASK

_Static_assert((int)DMA_BIDIRECTIONAL == (int)DDEKIT_DMA_BIDIRECTIONAL &&
                   (int)DMA_TO_DEVICE == (int)DDEKIT_DMA_TO_DEVICE &&
                   (int)DMA_FROM_DEVICE == (int)DDEKIT_DMA_FROM_DEVICE,
               "directions are passed to DDEKit unchanged");

static u64 streaming_mask(struct device *dev)
{
	return dev && dev->dma_mask ? *dev->dma_mask : DMA_32BIT_MASK;
}

static u64 coherent_mask(struct device *dev)
{
	u64 mask = DMA_32BIT_MASK;

	if (!dev)
		return mask;
	if (dev->coherent_dma_mask)
		mask = dev->coherent_dma_mask;
	/* A device cannot reach more for coherent memory than at all. */
	if (dev->dma_mask && *dev->dma_mask && *dev->dma_mask < mask)
		mask = *dev->dma_mask;
	return mask;
}

static enum ddekit_dma_dir ddekit_dir(enum dma_data_direction dir)
{
	/* DMA_NONE is a driver bug; treat it as the safe direction. */
	WARN_ON(dir == DMA_NONE);
	return dir == DMA_NONE ? DDEKIT_DMA_BIDIRECTIONAL
	                       : (enum ddekit_dma_dir)dir;
}

int dma_supported(struct device *dev, u64 mask)
{
	(void)dev;
	return mask >= DMA_LOWEST_MASK;
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev || !dev->dma_mask || !dma_supported(dev, mask))
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}

void *dma_alloc_coherent(struct device *dev, size_t size,
                         dma_addr_t *dma_handle, gfp_t flag)
{
	ddekit_dma_addr_t bus = 0;
	void *virt;

	if (flag & __GFP_WAIT)
		might_sleep();
	if (!dma_handle || size == 0)
		return NULL;
	virt = ddekit_dma_alloc(size, 0, coherent_mask(dev), &bus);
	if (virt)
		*dma_handle = bus;
	return virt;
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
                       dma_addr_t dma_handle)
{
	(void)dev;
	(void)size;
	(void)dma_handle;
	ddekit_dma_free(cpu_addr);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size,
                          enum dma_data_direction direction)
{
	enum ddekit_dma_dir dir = ddekit_dir(direction);
	ddekit_dma_addr_t bus;
	int err;

	err = ddekit_dma_map(ptr, size, dir, &bus);
	if (err) {
		printk(KERN_ERR "dde_linux26: dma_map_single(%p, %zu): %d\n",
		       ptr, size, err);
		return DMA_ERROR_CODE;
	}
	if (bus + size - 1 > streaming_mask(dev)) {
		printk(KERN_ERR
		       "dde_linux26: dma_map_single(%p, %zu): bus "
		       "address 0x%llx beyond the device's mask 0x%llx\n",
		       ptr, size, (unsigned long long)bus,
		       (unsigned long long)streaming_mask(dev));
		ddekit_dma_unmap(bus, size, dir);
		return DMA_ERROR_CODE;
	}
	return bus;
}

void dma_unmap_single(struct device *dev, dma_addr_t dma_addr, size_t size,
                      enum dma_data_direction direction)
{
	int err;

	(void)dev;
	err = ddekit_dma_unmap(dma_addr, size, ddekit_dir(direction));
	if (err)
		printk(KERN_WARNING "dde_linux26: dma_unmap_single(0x%llx, "
		                    "%zu) of no mapping: %d\n",
		       (unsigned long long)dma_addr, size, err);
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t dma_handle,
                             size_t size, enum dma_data_direction direction)
{
	(void)dev;
	ddekit_dma_sync_for_cpu(dma_handle, size, ddekit_dir(direction));
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t dma_handle,
                                size_t size, enum dma_data_direction direction)
{
	(void)dev;
	ddekit_dma_sync_for_device(dma_handle, size, ddekit_dir(direction));
}
