/*
 * host_mem.c — memory for lib/ddekit. One identity-mapped address space:
 * virtual = physical = bus, so DMA memory is pages from the frame allocator
 * chosen within the request's bus window, and a streaming DMA mapping is the
 * address itself (kept in a list only so a wrong unmap is reported).
 */
#include <ddekit/host.h>

#include "bm.h"

struct dma_map {
	uint64_t bus, size;
	struct dma_map *next;
};

static struct dma_map *maps;

int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus)
{
	uint64_t addr, low = 0, high = BM_MAX_PHYS - 1, boundary = 0;
	size_t align;
	void *p;
	int r;

	if (!req || !virt || (req->align & (req->align - 1)))
		return -DDEKIT_EINVAL;
	if (!req->flags) {
		p = bm_heap_alloc(req->size, req->align);
		if (!p)
			return -DDEKIT_ENOMEM;
		addr = (uintptr_t)p;
		goto out;
	}
	if (req->flags & DDEKIT_HOST_MEM_DMA) {
		low = req->bus_low;
		high = req->bus_high < high ? req->bus_high : high;
		boundary = req->boundary;
		if (boundary & (boundary - 1))
			return -DDEKIT_EINVAL;
	}
	align = req->align > BM_PAGE ? req->align : BM_PAGE;
	r = bm_heap_alloc_pages(req->size, low, high, align, boundary, &addr);
	if (r < 0)
		return r;
out:
	*virt = (void *)(uintptr_t)addr;
	if (phys)
		*phys = addr;
	if (bus)
		*bus = req->flags & DDEKIT_HOST_MEM_DMA ? addr : 0;
	return 0;
}

void ddekit_host_mem_free(void *virt, size_t size)
{
	bm_heap_free(virt, size);
}

int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus)
{
	struct dma_map *m;
	uint64_t flags;

	if (!virt || !size || !bus)
		return -DDEKIT_EINVAL;
	m = bm_heap_alloc(sizeof(*m), 0);
	if (!m)
		return -DDEKIT_ENOMEM;
	m->bus = (uintptr_t)virt;
	m->size = size;
	flags = bm_irq_save();
	m->next = maps;
	maps = m;
	bm_live.dma_maps++;
	bm_irq_restore(flags);
	*bus = m->bus;
	return 0;
}

int ddekit_host_dma_unmap(uint64_t bus, size_t size)
{
	struct dma_map **pp, *m = NULL;
	uint64_t flags = bm_irq_save();

	for (pp = &maps; *pp; pp = &(*pp)->next) {
		if ((*pp)->bus == bus && (*pp)->size == size) {
			m = *pp;
			*pp = m->next;
			bm_live.dma_maps--;
			break;
		}
	}
	bm_irq_restore(flags);
	if (!m)
		return -DDEKIT_ENOENT;
	bm_heap_free(m, sizeof(*m));
	return 0;
}
