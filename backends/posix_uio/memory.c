/*
 * memory.c — host memory of posix_uio at this stage: ordinary heap only.
 *
 * DMA-able memory needs pinned pages with known bus addresses, which come
 * from VFIO (IOMMU mappings) or from locked huge pages and
 * /proc/self/pagemap; until that support is built, DMA requests fail with
 * -DDEKIT_ENOSYS and say so once.
 */
#include "posix_uio.h"

#include <stdlib.h>
#include <string.h>

static atomic_bool dma_told;

static const char dma_msg[] =
    "posix_uio: DMA-able memory needs the UIO/VFIO support of "
    "backends/posix_uio (not built yet); until it is, run drivers that use "
    "DMA on another backend (baremetal, or the mock machine in tests)\n";

int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus)
{
	size_t size;
	void *p;

	if (!req || !virt || (req->align & (req->align - 1)))
		return -DDEKIT_EINVAL;
	if (req->flags) {
		posix_uio_log_once(&dma_told, dma_msg);
		return -DDEKIT_ENOSYS;
	}
	size = req->size ? req->size : 1;
	if (req->align > sizeof(max_align_t)) {
		if (posix_memalign(&p, req->align, size) != 0)
			return -DDEKIT_ENOMEM;
		memset(p, 0, size);
	} else {
		p = calloc(1, size);
		if (!p)
			return -DDEKIT_ENOMEM;
	}
	*virt = p;
	if (phys)
		*phys = 0; /* unknown without pagemap access */
	if (bus)
		*bus = 0;
	return 0;
}

void ddekit_host_mem_free(void *virt, size_t size)
{
	(void)size;
	free(virt);
}

int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus)
{
	(void)virt;
	(void)size;
	(void)bus;
	posix_uio_log_once(&dma_told, dma_msg);
	return -DDEKIT_ENOSYS;
}

int ddekit_host_dma_unmap(uint64_t bus, size_t size)
{
	(void)bus;
	(void)size;
	return -DDEKIT_ENOENT; /* nothing can have been mapped */
}
