/*
 * memory.c — heap memory, DMA memory and streaming DMA mappings.
 *
 * DMA memory is a pinned, contiguous dataspace from the memory allocator,
 * attached to our address space and mapped into our DMA space. That DMA
 * space is bound to the vbus's DMA domain at init, so io has associated it
 * with the domain's kernel DMA space (IOMMU) or with CPU physical
 * addresses; either way the address Dma_space::map returns is the one the
 * device must use.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "l4re_backend.h"

#define PAGE DDEKIT_HOST_PAGE_SIZE

/* A dataspace we allocated (dma_block) or a range we mapped (dma_map). */
struct dma_rec {
	struct dma_rec *next;
	void *virt;        /* block: attach address */
	size_t size;       /* block: page-rounded; map: caller's size */
	uint64_t bus;      /* the address handed out */
	uint64_t dma_addr; /* what the DMA space returned (page aligned) */
	size_t dma_size;   /* how much is mapped there */
	l4_cap_idx_t ds;   /* block: the dataspace; map: invalid */
};

static pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dma_rec *blocks, *maps;
static long live;

long l4re_mem_live(void)
{
	long n;

	pthread_mutex_lock(&mem_lock);
	n = live;
	pthread_mutex_unlock(&mem_lock);
	return n;
}

int l4re_mem_init(void)
{
	l4_cap_idx_t dma;
	long err;

	dma = l4re_util_cap_alloc();
	if (l4_is_invalid_cap(dma)) {
		l4re_log("l4re: out of capability slots for the DMA space\n");
		return -DDEKIT_ENOMEM;
	}
	/* The memory allocator is also the factory for DMA spaces. */
	err = l4_error(l4_factory_create(l4re_env()->mem_alloc,
	                                 L4RE_PROTO_DMA_SPACE, dma));
	if (err < 0) {
		l4re_log("l4re: cannot create a DMA space (%ld); DMA memory "
		         "will be unavailable\n",
		         err);
		goto no_dma;
	}
	err = l4vbus_assign_dma_domain(
	    l4re_host.vbus, ~0u, L4VBUS_DMAD_BIND | L4VBUS_DMAD_L4RE_DMA_SPACE,
	    dma);
	if (err < 0) {
		l4re_log("l4re: the vbus has no DMA domain for our DMA space "
		         "(%ld): give the vbus its devices' DMA domain in the "
		         ".io file; DMA memory will be unavailable\n",
		         err);
		goto no_dma;
	}
	l4re_host.dma = dma;
	return 0;

no_dma:
	/* A server that does no DMA still runs. */
	l4re_util_cap_free_um(dma);
	l4re_host.dma = L4_INVALID_CAP;
	return 0;
}

void l4re_mem_fini(void)
{
	if (l4_is_invalid_cap(l4re_host.dma))
		return;
	l4vbus_assign_dma_domain(
	    l4re_host.vbus, ~0u,
	    L4VBUS_DMAD_UNBIND | L4VBUS_DMAD_L4RE_DMA_SPACE, l4re_host.dma);
	l4re_util_cap_free_um(l4re_host.dma);
	l4re_host.dma = L4_INVALID_CAP;
}

static unsigned log2_ceil(size_t v)
{
	unsigned n = 0;

	while (((size_t)1 << n) < v)
		n++;
	return n;
}

static int fits(const struct ddekit_host_mem_req *req, uint64_t bus,
                size_t size, size_t align)
{
	uint64_t last = bus + size - 1;

	if (bus & (align - 1))
		return 0;
	if (bus < req->bus_low || last > req->bus_high)
		return 0;
	if (req->boundary &&
	    (bus & ~(req->boundary - 1)) != (last & ~(req->boundary - 1)))
		return 0;
	return 1;
}

static void block_put(struct dma_rec *r);

/* One pinned, contiguous dataspace, attached, and with @map also mapped
 * into the DMA space (not checked against the request's bus limits). */
static int block_get(size_t size, size_t align, int map, struct dma_rec **out)
{
	struct dma_rec *r;
	l4_size_t mapped = size;
	l4re_dma_space_dma_addr_t dma_addr;
	void *addr = NULL;
	long err;
	int rc;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	r->ds = l4re_util_cap_alloc();
	if (l4_is_invalid_cap(r->ds)) {
		rc = -DDEKIT_ENOMEM;
		goto out_rec;
	}
	err = l4re_ma_alloc_align((long)size, r->ds,
	                          L4RE_MA_CONTINUOUS | L4RE_MA_PINNED,
	                          log2_ceil(align));
	if (err < 0) {
		rc = err == -L4_ERANGE ? -DDEKIT_ERANGE : l4re_err(err);
		goto out_cap;
	}
	err = l4re_rm_attach(&addr, size,
	                     L4RE_RM_F_SEARCH_ADDR | L4RE_RM_F_RW |
	                         L4RE_RM_F_EAGER_MAP,
	                     r->ds, 0, (unsigned char)log2_ceil(align));
	if (err < 0) {
		rc = l4re_err(err);
		goto out_cap;
	}
	r->virt = addr;
	r->size = size;
	if (!map) {
		*out = r;
		return 0;
	}
	err = l4re_dma_space_map(l4re_host.dma, r->ds | L4_CAP_FPAGE_RW, 0,
	                         &mapped, 0, L4RE_DMA_SPACE_BIDIRECTIONAL,
	                         &dma_addr);
	if (err < 0) {
		rc = l4re_err(err);
		goto out_detach;
	}
	r->bus = r->dma_addr = dma_addr;
	r->dma_size = mapped;
	if (mapped < size) {
		block_put(r);
		return -DDEKIT_ENOMEM;
	}
	*out = r;
	return 0;

out_detach:
	l4re_rm_detach(addr);
out_cap:
	/* Dropping the last capability frees the dataspace. */
	l4re_util_cap_free_um(r->ds);
out_rec:
	free(r);
	return rc;
}

static void block_put(struct dma_rec *r)
{
	if (r->dma_size)
		l4re_dma_space_unmap(l4re_host.dma, r->dma_addr, r->dma_size, 0,
		                     L4RE_DMA_SPACE_BIDIRECTIONAL);
	l4re_rm_detach(r->virt);
	l4re_util_cap_free_um(r->ds);
	free(r);
}

#define MAX_TRIES   6
#define MAX_FILLERS 256
#define MAX_GAP     ((uint64_t)1 << 30)

/*
 * Take the free memory between @from and @low in pieces of at least @min
 * bytes, so that the next block of @min bytes lands at or above @low: the
 * memory allocator hands out the lowest free memory first. Free memory
 * down there is fragmented (boot modules, the kernel's, other programs'),
 * so the pieces start as large as the gap and halve whenever the allocator
 * has no contiguous piece of that size, or only one above @low.
 */
static void fill_below(uint64_t from, uint64_t low, size_t min,
                       struct dma_rec **held)
{
	uint64_t gap = (low - from) & ~(uint64_t)(PAGE - 1);
	size_t piece = (size_t)gap;
	struct dma_rec *f;
	int n = 0;

	/* Beyond that it is no gap but a range this machine cannot meet. */
	if (gap > MAX_GAP)
		return;
	while (piece >= min && n < MAX_FILLERS) {
		if (block_get(piece, PAGE, 1, &f) < 0) {
			piece = (piece / 2) & ~(size_t)(PAGE - 1);
			continue;
		}
		f->next = *held;
		*held = f;
		n++;
		if (f->bus >= low)
			piece = (piece / 2) & ~(size_t)(PAGE - 1);
	}
}

static int dma_block_alloc(const struct ddekit_host_mem_req *req, void **virt,
                           uint64_t *bus)
{
	size_t size = (req->size + PAGE - 1) & ~(size_t)(PAGE - 1);
	size_t align = req->align > PAGE ? req->align : PAGE;
	struct dma_rec *r = NULL, *held = NULL, *next;
	int dma = req->flags & DDEKIT_HOST_MEM_DMA;
	int rc, i;

	if (l4_is_invalid_cap(l4re_host.dma)) {
		l4re_log("l4re: DMA memory requested, but this program has no "
		         "DMA space bound to its vbus (see the message at "
		         "init)\n");
		return -DDEKIT_ENOSYS;
	}
	/*
	 * The memory allocator takes no address limits. A block outside
	 * them is held while we try again; one below the range is followed
	 * by fillers that take the memory below the range.
	 */
	for (i = 0; i < MAX_TRIES; i++) {
		rc = block_get(size, align, 1, &r);
		if (rc == -DDEKIT_ENOMEM && held)
			rc = -DDEKIT_ERANGE; /* what we hold took the rest */
		if (rc < 0)
			goto out;
		if (!dma || fits(req, r->bus, size, align))
			break;
		r->next = held;
		held = r;
		r = NULL;
		if (held->bus < req->bus_low && i + 1 < MAX_TRIES)
			fill_below(held->bus, req->bus_low, size, &held);
	}
	if (!r) {
		rc = -DDEKIT_ERANGE;
		goto out;
	}
	memset(r->virt, 0, size);
	pthread_mutex_lock(&mem_lock);
	r->next = blocks;
	blocks = r;
	live++;
	pthread_mutex_unlock(&mem_lock);
	*virt = r->virt;
	*bus = r->bus;
	rc = 0;
out:
	for (; held; held = next) {
		next = held->next;
		block_put(held);
	}
	return rc;
}

/*
 * Plain memory of a page or more is a pinned, contiguous dataspace, not
 * heap: without an IOMMU L4Re's DMA spaces map only such dataspaces (they
 * have one physical address), and a driver may hand any buffer of its own
 * to ddekit_host_dma_map() later. Smaller objects stay on the heap.
 */
static int plain_block_alloc(const struct ddekit_host_mem_req *req, void **virt)
{
	size_t size = (req->size + PAGE - 1) & ~(size_t)(PAGE - 1);
	size_t align = req->align > PAGE ? req->align : PAGE;
	struct dma_rec *r;
	int rc;

	rc = block_get(size, align, 0, &r);
	if (rc < 0)
		return rc;
	memset(r->virt, 0, size);
	pthread_mutex_lock(&mem_lock);
	r->next = blocks;
	blocks = r;
	live++;
	pthread_mutex_unlock(&mem_lock);
	*virt = r->virt;
	return 0;
}

int ddekit_host_mem_alloc(const struct ddekit_host_mem_req *req, void **virt,
                          uint64_t *phys, uint64_t *bus)
{
	uint64_t b = 0;
	void *p = NULL;
	int rc;

	if (!req || !virt || !req->size)
		return -DDEKIT_EINVAL;
	if (req->align & (req->align - 1))
		return -DDEKIT_EINVAL;
	if (req->flags & (DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG)) {
		rc = dma_block_alloc(req, &p, &b);
		if (rc < 0)
			return rc;
	} else if (req->size < PAGE || plain_block_alloc(req, &p) < 0) {
		size_t align =
		    req->align > sizeof(void *) ? req->align : sizeof(void *);

		if (posix_memalign(&p, align, req->size) != 0)
			return -DDEKIT_ENOMEM;
		memset(p, 0, req->size);
	}
	*virt = p;
	/*
	 * L4Re's C interface tells no dataspace's physical address. Without
	 * an IOMMU io associates our DMA space with CPU physical addresses,
	 * so the bus address is the physical one; behind an IOMMU it is what
	 * a driver must program into its device anyway.
	 */
	if (phys)
		*phys = (req->flags &
		         (DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG))
		            ? b
		            : 0;
	if (bus)
		*bus = (req->flags & DDEKIT_HOST_MEM_DMA) ? b : 0;
	return 0;
}

void ddekit_host_mem_free(void *virt, size_t size)
{
	struct dma_rec **pp, *r = NULL;

	(void)size;
	if (!virt)
		return;
	pthread_mutex_lock(&mem_lock);
	for (pp = &blocks; *pp; pp = &(*pp)->next) {
		if ((*pp)->virt == virt) {
			r = *pp;
			*pp = r->next;
			live--;
			break;
		}
	}
	pthread_mutex_unlock(&mem_lock);
	if (!r) {
		free(virt);
		return;
	}
	block_put(r);
}

int ddekit_host_dma_map(void *virt, size_t size, uint64_t *bus)
{
	l4_addr_t start = (l4_addr_t)virt & ~(l4_addr_t)(PAGE - 1);
	l4_addr_t end =
	    ((l4_addr_t)virt + size + PAGE - 1) & ~(l4_addr_t)(PAGE - 1);
	l4_addr_t region = start;
	unsigned long region_size = end - start;
	l4re_rm_offset_t offset;
	l4re_rm_flags_t flags;
	l4re_dma_space_dma_addr_t dma_addr;
	l4_size_t mapped = end - start;
	l4_cap_idx_t ds;
	struct dma_rec *r;
	long err;

	if (!virt || !size || !bus)
		return -DDEKIT_EINVAL;
	if (l4_is_invalid_cap(l4re_host.dma)) {
		l4re_log("l4re: DMA mapping requested, but this program has "
		         "no DMA space bound to its vbus\n");
		return -DDEKIT_ENOSYS;
	}
	/* The dataspace behind @virt is what the DMA space maps. */
	err = l4re_rm_find(&region, &region_size, &offset, &flags, &ds);
	if (err < 0)
		return -DDEKIT_EFAULT;
	if (end > region + region_size)
		return -DDEKIT_EFAULT;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	err = l4re_dma_space_map(l4re_host.dma, ds | L4_CAP_FPAGE_RW,
	                         offset + (start - region), &mapped, 0,
	                         L4RE_DMA_SPACE_BIDIRECTIONAL, &dma_addr);
	if (err < 0) {
		free(r);
		/* Without an IOMMU only contiguous dataspaces have a bus
		 * address: small heap objects do not (plain_block_alloc). */
		return err == -L4_ERANGE || err == -L4_EINVAL ? -DDEKIT_EFAULT
		                                              : l4re_err(err);
	}
	if (mapped < end - start) {
		/* Not contiguous in bus space. */
		l4re_dma_space_unmap(l4re_host.dma, dma_addr, mapped, 0,
		                     L4RE_DMA_SPACE_BIDIRECTIONAL);
		free(r);
		return -DDEKIT_EFAULT;
	}
	r->virt = virt;
	r->size = size;
	r->bus = dma_addr + ((l4_addr_t)virt - start);
	r->dma_addr = dma_addr;
	r->dma_size = mapped;
	r->ds = L4_INVALID_CAP;
	pthread_mutex_lock(&mem_lock);
	r->next = maps;
	maps = r;
	live++;
	pthread_mutex_unlock(&mem_lock);
	*bus = r->bus;
	return 0;
}

int ddekit_host_dma_unmap(uint64_t bus, size_t size)
{
	struct dma_rec **pp, *r = NULL;

	pthread_mutex_lock(&mem_lock);
	for (pp = &maps; *pp; pp = &(*pp)->next) {
		if ((*pp)->bus == bus && (*pp)->size == size) {
			r = *pp;
			*pp = r->next;
			live--;
			break;
		}
	}
	pthread_mutex_unlock(&mem_lock);
	if (!r)
		return -DDEKIT_ENOENT;
	l4re_dma_space_unmap(l4re_host.dma, r->dma_addr, r->dma_size, 0,
	                     L4RE_DMA_SPACE_BIDIRECTIONAL);
	free(r);
	return 0;
}
