/*
 * memory.c — host memory, simulated physical and bus addresses, and device
 * DMA through a simulated IOMMU.
 *
 * Ordinary memory (flags 0) is plain heap. DMA memory is real, page-aligned
 * heap memory given a simulated physical address from a first-fit allocator
 * over [MOCK_PHYS_BASE, +MOCK_PHYS_SIZE). With the IOMMU on, the bus address
 * comes from a separate allocator of I/O virtual addresses, so bus != phys
 * and the bus constraints of the request apply to the IOVA; with it off, the
 * constraints apply to the physical address and bus == phys. Both spaces lie
 * below 2^28, where QEMU's edu device (28-bit DMA) can reach them.
 *
 * A device reaches only what is live: DMA blocks (at their bus address) and
 * ddekit_host_dma_map() mappings (exactly the mapped bytes). Anything else is
 * a fault, which is how tests catch a driver that hands a device a physical
 * address, a stale address, or memory it never mapped.
 */
#include "addrspace.h"
#include "mock_internal.h"

#include <stdlib.h>
#include <string.h>
#include <uthash.h>

#define MOCK_PHYS_BASE 0x01000000u /* 16 MiB */
#define MOCK_PHYS_SIZE 0x40000000u /* 1 GiB */
#define MOCK_IOVA_BASE 0x00100000u /* 1 MiB */
#define MOCK_IOVA_SIZE 0x40000000u
#define PAGE           DDEKIT_HOST_PAGE_SIZE

struct block {
	void *virt;
	size_t req_size;
	size_t size;       /* whole pages for DMA blocks */
	uint64_t phys;     /* start in phys_space, 0 for heap blocks */
	uint64_t iova;     /* start in iova_space, 0 if none */
	uint64_t dev_addr; /* where a device reaches it */
	bool reachable;
	UT_hash_handle hh;
};

struct map {
	const uint8_t *virt;
	size_t size;
	uint64_t bus;
	uint64_t start; /* of the page range in its space */
	struct mock_space *space;
	struct map *next;
};

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct block *heap_blocks;
static struct block *dma_blocks;
static struct map *maps;
static unsigned long nmaps;
static struct mock_space phys_space = {MOCK_PHYS_BASE, MOCK_PHYS_SIZE, NULL};
static struct mock_space iova_space = {MOCK_IOVA_BASE, MOCK_IOVA_SIZE, NULL};
static int iommu = 1;
static int fail_after = -1;

void mock_set_iommu(int on)
{
	pthread_mutex_lock(&mem_lock);
	iommu = !!on;
	pthread_mutex_unlock(&mem_lock);
}

void mock_fail_alloc_after(int n)
{
	pthread_mutex_lock(&mem_lock);
	fail_after = n < 0 ? -1 : n;
	pthread_mutex_unlock(&mem_lock);
}

/* Caller holds mem_lock. */
static bool injected_failure(void)
{
	if (fail_after < 0)
		return false;
	if (fail_after-- > 0)
		return false;
	return true; /* fail_after is now -1: disarmed */
}

static int heap_alloc(const struct ddekit_host_mem_req *req, struct block *b)
{
	size_t size = req->size ? req->size : 1;

	if (req->align > sizeof(max_align_t)) {
		if (posix_memalign(&b->virt, req->align, size) != 0)
			return -DDEKIT_ENOMEM;
		memset(b->virt, 0, size);
	} else {
		b->virt = calloc(1, size);
		if (!b->virt)
			return -DDEKIT_ENOMEM;
	}
	b->size = size;
	return 0;
}

/* Caller holds mem_lock. */
static int dma_alloc(const struct ddekit_host_mem_req *req, struct block *b)
{
	size_t align = req->align > PAGE ? req->align : PAGE;
	bool dma = req->flags & DDEKIT_HOST_MEM_DMA;
	int rc;

	if (!req->size || req->size > MOCK_PHYS_SIZE)
		return req->size ? -DDEKIT_ENOMEM : -DDEKIT_EINVAL;
	if (dma && req->bus_high == 0)
		mock__log("mock: DMA request with bus_high 0 can never be met "
		          "(UINT64_MAX means no limit)\n");
	b->size = (req->size + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (posix_memalign(&b->virt, align, b->size) != 0)
		return -DDEKIT_ENOMEM;
	memset(b->virt, 0, b->size);

	if (iommu && dma) {
		rc =
		    mock__space_alloc(&iova_space, b->size, align, req->bus_low,
		                      req->bus_high, req->boundary, &b->iova);
		if (rc < 0)
			goto out_free;
		rc = mock__space_alloc(&phys_space, b->size, PAGE, 0,
		                       UINT64_MAX, 0, &b->phys);
		if (rc < 0) {
			mock__space_free(&iova_space, b->iova);
			goto out_free;
		}
		b->dev_addr = b->iova;
	} else {
		rc = mock__space_alloc(&phys_space, b->size, align,
		                       dma ? req->bus_low : 0,
		                       dma ? req->bus_high : UINT64_MAX,
		                       dma ? req->boundary : 0, &b->phys);
		if (rc < 0)
			goto out_free;
		b->dev_addr = b->phys;
	}
	/* CONTIG without DMA is reachable only when no IOMMU stands between */
	b->reachable = dma || !iommu;
	return 0;

out_free:
	free(b->virt);
	b->virt = NULL;
	return rc;
}

int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus)
{
	const unsigned known = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG;
	struct block *b;
	int rc;

	if (!req || !virt || (req->flags & ~known) ||
	    (req->align & (req->align - 1)))
		return -DDEKIT_EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -DDEKIT_ENOMEM;
	pthread_mutex_lock(&mem_lock);
	if (injected_failure()) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	b->req_size = req->size;
	if (req->flags) {
		rc = dma_alloc(req, b);
		if (rc < 0)
			goto out;
		HASH_ADD_PTR(dma_blocks, virt, b);
	} else {
		rc = heap_alloc(req, b);
		if (rc < 0)
			goto out;
		HASH_ADD_PTR(heap_blocks, virt, b);
	}
	*virt = b->virt;
	if (phys)
		*phys = b->phys;
	if (bus)
		*bus = (req->flags & DDEKIT_HOST_MEM_DMA) ? b->dev_addr : 0;
	b = NULL;
out:
	pthread_mutex_unlock(&mem_lock);
	free(b);
	return rc;
}

static void release_block(struct block *b)
{
	if (b->phys)
		mock__space_free(&phys_space, b->phys);
	if (b->iova)
		mock__space_free(&iova_space, b->iova);
	free(b->virt);
	free(b);
}

void ddekit_host_mem_free(void *virt, size_t size)
{
	struct block *b;
	bool dma = false;

	if (!virt)
		return;
	pthread_mutex_lock(&mem_lock);
	HASH_FIND_PTR(heap_blocks, &virt, b);
	if (b) {
		HASH_DEL(heap_blocks, b);
	} else {
		HASH_FIND_PTR(dma_blocks, &virt, b);
		if (b)
			HASH_DEL(dma_blocks, b);
		dma = true;
	}
	pthread_mutex_unlock(&mem_lock);

	if (!b) {
		mock__log("mock: ddekit_host_mem_free(%p, %zu) of memory the "
		          "host never allocated\n",
		          virt, size);
		ddekit_host_abort();
	}
	if (size != b->req_size && !(dma && size == b->size))
		mock__log("mock: ddekit_host_mem_free(%p, %zu) of a block of "
		          "%zu bytes\n",
		          virt, size, b->req_size);
	pthread_mutex_lock(&mem_lock);
	release_block(b);
	pthread_mutex_unlock(&mem_lock);
}

int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus)
{
	uintptr_t v = (uintptr_t)virt;
	size_t off = v & (PAGE - 1);
	struct map *m;
	uint64_t span;
	int rc;

	if (!virt || !size || !bus || size > MOCK_IOVA_SIZE)
		return -DDEKIT_EINVAL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -DDEKIT_ENOMEM;
	span = (off + size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	pthread_mutex_lock(&mem_lock);
	/* without an IOMMU the mock invents a contiguous physical range */
	m->space = iommu ? &iova_space : &phys_space;
	rc = mock__space_alloc(m->space, span, PAGE, 0, UINT64_MAX, 0,
	                       &m->start);
	if (rc == 0) {
		m->virt = virt;
		m->size = size;
		m->bus = m->start + off;
		m->next = maps;
		maps = m;
		nmaps++;
		*bus = m->bus;
		m = NULL;
	}
	pthread_mutex_unlock(&mem_lock);
	free(m);
	return rc;
}

int ddekit_host_dma_unmap(uint64_t bus, size_t size)
{
	struct map *m = NULL;

	pthread_mutex_lock(&mem_lock);
	for (struct map **link = &maps; *link; link = &(*link)->next) {
		if ((*link)->bus == bus && (*link)->size == size) {
			m = *link;
			*link = m->next;
			mock__space_free(m->space, m->start);
			nmaps--;
			break;
		}
	}
	pthread_mutex_unlock(&mem_lock);
	if (!m)
		return -DDEKIT_ENOENT;
	free(m);
	return 0;
}

/*
 * Host memory behind bus address @bus and how many bytes of it are reachable
 * contiguously (caller holds mem_lock); NULL when @bus is not mapped.
 */
static uint8_t *translate(uint64_t bus, size_t *avail)
{
	struct block *b, *tmp;

	HASH_ITER(hh, dma_blocks, b, tmp)
	{
		if (b->reachable && bus >= b->dev_addr &&
		    bus - b->dev_addr < b->size) {
			*avail = b->size - (size_t)(bus - b->dev_addr);
			return (uint8_t *)b->virt + (bus - b->dev_addr);
		}
	}
	for (struct map *m = maps; m; m = m->next) {
		if (bus >= m->bus && bus - m->bus < m->size) {
			*avail = m->size - (size_t)(bus - m->bus);
			return (uint8_t *)m->virt + (bus - m->bus);
		}
	}
	return NULL;
}

/* Copies between device and memory; checks the whole range before moving a
 * byte so that a faulting transfer leaves memory untouched. */
static int transfer(uint64_t bus, uint8_t *buf, size_t len, bool to_memory)
{
	for (int pass = 0; pass < 2; pass++) {
		uint64_t a = bus;
		size_t left = len, done = 0;

		if (bus + len < bus)
			return -DDEKIT_EFAULT;
		while (left) {
			size_t avail, n;
			uint8_t *p = translate(a, &avail);

			if (!p)
				return -DDEKIT_EFAULT;
			n = left < avail ? left : avail;
			if (pass == 1 && to_memory)
				memcpy(p, buf + done, n);
			else if (pass == 1)
				memcpy(buf + done, p, n);
			a += n;
			done += n;
			left -= n;
		}
	}
	return 0;
}

static int device_dma(struct mock_device *dev, uint64_t bus, uint8_t *buf,
                      size_t len, bool to_memory)
{
	int rc;

	if (!dev)
		return -DDEKIT_EINVAL;
	if (dev->pci) {
		bool master;

		mock__device_lock(dev);
		master = dev->cfg[MOCK_CFG_COMMAND] & MOCK_CMD_MASTER;
		mock__device_unlock(dev);
		if (!master)
			return -DDEKIT_EACCES;
	}
	if (!len)
		return 0;
	pthread_mutex_lock(&mem_lock);
	rc = transfer(bus, buf, len, to_memory);
	pthread_mutex_unlock(&mem_lock);
	mock__trace(rc < 0      ? MOCK_DMA_FAULT
	            : to_memory ? MOCK_DMA_WRITE
	                        : MOCK_DMA_READ,
	            dev->name, bus, 0, (unsigned)len, 0);
	return rc;
}

int mock_device_dma_read(struct mock_device *dev, uint64_t bus, void *buf,
                         size_t len)
{
	return device_dma(dev, bus, buf, len, false);
}

int mock_device_dma_write(struct mock_device *dev, uint64_t bus,
                          const void *buf, size_t len)
{
	/* transfer() only reads @buf in this direction */
	return device_dma(dev, bus, (uint8_t *)(uintptr_t)buf, len, true);
}

void mock__memory_counts(unsigned long *blocks, unsigned long *nmap)
{
	pthread_mutex_lock(&mem_lock);
	*blocks = HASH_COUNT(heap_blocks) + HASH_COUNT(dma_blocks);
	*nmap = nmaps;
	pthread_mutex_unlock(&mem_lock);
}

/* Frees whatever the test left behind and restores the defaults. */
void mock__memory_reset(void)
{
	struct block *b, *tmp;

	pthread_mutex_lock(&mem_lock);
	HASH_ITER(hh, heap_blocks, b, tmp)
	{
		HASH_DEL(heap_blocks, b);
		free(b->virt);
		free(b);
	}
	HASH_ITER(hh, dma_blocks, b, tmp)
	{
		HASH_DEL(dma_blocks, b);
		free(b->virt);
		free(b);
	}
	while (maps) {
		struct map *m = maps;

		maps = m->next;
		free(m);
	}
	nmaps = 0;
	mock__space_reset(&phys_space);
	mock__space_reset(&iova_space);
	iommu = 1;
	fail_after = -1;
	pthread_mutex_unlock(&mem_lock);
}
