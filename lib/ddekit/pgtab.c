/*
 * pgtab.c — virtual <-> physical/bus region bookkeeping.
 *
 * Every page a region touches is entered twice: in a table keyed by virtual
 * page number and (when the physical address is known) in one keyed by
 * physical page number. Both entry arrays belong to the region, so adding
 * a region costs two allocations however large it is, and any address
 * inside a region resolves with one hash lookup.
 *
 * Regions are page granular: two regions may not share a page, even if
 * their bytes do not overlap.
 */
#include "internal.h"

#include <ddekit/panic.h>
#include <ddekit/pgtab.h>
#include <ddekit/printf.h>

#include <string.h>

static bool pgtab_oom;

/* uthash allocates its tables through lib/ddekit's heap, and reports
 * running out of memory to us instead of exiting. */
#define HASH_NONFATAL_OOM      1
#define uthash_malloc(sz)      ddekit__zalloc(sz)
#define uthash_free(ptr, sz)   ddekit__free(ptr)
#define uthash_nonfatal_oom(o) ((void)(o), pgtab_oom = true)
#include <uthash.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  DDEKIT_HOST_PAGE_SIZE

struct pgtab_region;

struct pgtab_page {
	uint64_t pfn;
	struct pgtab_region *region;
	UT_hash_handle hh;
};

struct pgtab_region {
	uintptr_t virt;
	uint64_t phys; /* 0: unknown */
	uint64_t bus;  /* 0: unknown (no DMA address) */
	size_t size;
	int type;
	size_t npages;  /* virtual pages spanned */
	size_t nppages; /* physical pages spanned; 0 when phys is unknown */
	struct pgtab_page *vpages;
	struct pgtab_page *ppages; /* NULL when phys is unknown */
};

static struct ddekit_host_mutex *pgtab_lock;
static struct pgtab_page *by_virt;
static struct pgtab_page *by_phys;

static size_t pages_spanned(uint64_t start, size_t size)
{
	uint64_t first = start >> PAGE_SHIFT;
	uint64_t last = (start + size - 1) >> PAGE_SHIFT;

	return (size_t)(last - first + 1);
}

/* Caller holds pgtab_lock. */
static struct pgtab_region *region_of_virt(uintptr_t virt)
{
	struct pgtab_page *p;
	uint64_t pfn = (uint64_t)virt >> PAGE_SHIFT;

	HASH_FIND(hh, by_virt, &pfn, sizeof(pfn), p);
	if (!p)
		return NULL;
	if (virt < p->region->virt || virt - p->region->virt >= p->region->size)
		return NULL;
	return p->region;
}

/* Caller holds pgtab_lock. */
static struct pgtab_region *region_of_phys(uint64_t phys)
{
	struct pgtab_page *p;
	uint64_t pfn = phys >> PAGE_SHIFT;

	HASH_FIND(hh, by_phys, &pfn, sizeof(pfn), p);
	if (!p)
		return NULL;
	if (phys < p->region->phys || phys - p->region->phys >= p->region->size)
		return NULL;
	return p->region;
}

/* Caller holds pgtab_lock; undoes a (possibly partial) insertion. */
static void region_unlink(struct pgtab_region *r, size_t nvirt, size_t nphys)
{
	size_t i;

	for (i = 0; i < nvirt; i++)
		HASH_DELETE(hh, by_virt, &r->vpages[i]);
	for (i = 0; i < nphys; i++)
		HASH_DELETE(hh, by_phys, &r->ppages[i]);
}

static void region_free(struct pgtab_region *r)
{
	ddekit__free(r->vpages);
	ddekit__free(r->ppages);
	ddekit__free(r);
}

int ddekit__pgtab_add(void *virt, uint64_t phys, uint64_t bus, size_t size,
                      int type)
{
	struct pgtab_region *r;
	struct pgtab_page *dup;
	uint64_t vpfn, ppfn;
	size_t i, nvirt = 0, nphys = 0;
	int err = 0;

	if (!virt || size == 0 || (uintptr_t)virt + size - 1 < (uintptr_t)virt)
		return -DDEKIT_EINVAL;
	r = ddekit__zalloc(sizeof(*r));
	if (!r)
		return -DDEKIT_ENOMEM;
	r->virt = (uintptr_t)virt;
	r->phys = phys;
	r->bus = bus;
	r->size = size;
	r->type = type;
	r->npages = pages_spanned(r->virt, size);
	r->vpages = ddekit__zalloc(r->npages * sizeof(*r->vpages));
	if (phys) {
		r->nppages = pages_spanned(phys, size);
		r->ppages = ddekit__zalloc(r->nppages * sizeof(*r->ppages));
	}
	if (!r->vpages || (phys && !r->ppages)) {
		err = -DDEKIT_ENOMEM;
		goto out_free;
	}

	ddekit_host_mutex_lock(pgtab_lock);
	vpfn = r->virt >> PAGE_SHIFT;
	for (i = 0; i < r->npages; i++) {
		HASH_FIND(hh, by_virt, &vpfn, sizeof(vpfn), dup);
		if (dup) {
			err = -DDEKIT_EEXIST;
			goto out;
		}
		r->vpages[i].pfn = vpfn++;
		r->vpages[i].region = r;
		pgtab_oom = false;
		HASH_ADD(hh, by_virt, pfn, sizeof(uint64_t), &r->vpages[i]);
		if (pgtab_oom) {
			err = -DDEKIT_ENOMEM;
			goto out;
		}
		nvirt++;
	}
	/*
	 * The same physical page may be mapped at two virtual addresses; a
	 * phys lookup then finds whichever alias was registered first.
	 */
	ppfn = phys >> PAGE_SHIFT;
	for (i = 0; i < r->nppages; i++) {
		r->ppages[i].pfn = ppfn++;
		r->ppages[i].region = r;
		pgtab_oom = false;
		HASH_ADD(hh, by_phys, pfn, sizeof(uint64_t), &r->ppages[i]);
		if (pgtab_oom) {
			err = -DDEKIT_ENOMEM;
			goto out;
		}
		nphys++;
	}
out:
	if (err)
		region_unlink(r, nvirt, nphys);
	ddekit_host_mutex_unlock(pgtab_lock);
out_free:
	if (err)
		region_free(r);
	return err;
}

uint64_t ddekit__pgtab_bus_addr(const void *virt)
{
	struct pgtab_region *r;
	uint64_t bus = 0;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_virt((uintptr_t)virt);
	if (r && r->bus)
		bus = r->bus + ((uintptr_t)virt - r->virt);
	ddekit_host_mutex_unlock(pgtab_lock);
	return bus;
}

ddekit_addr_t ddekit_pgtab_get_physaddr(const void *virt)
{
	struct pgtab_region *r;
	ddekit_addr_t phys = 0;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_virt((uintptr_t)virt);
	if (r && r->phys)
		phys = (ddekit_addr_t)(r->phys + ((uintptr_t)virt - r->virt));
	ddekit_host_mutex_unlock(pgtab_lock);
	return phys;
}

ddekit_addr_t ddekit_pgtab_get_virtaddr(const ddekit_addr_t physical)
{
	struct pgtab_region *r;
	ddekit_addr_t virt = 0;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_phys(physical);
	if (r)
		virt = (ddekit_addr_t)(r->virt + (physical - r->phys));
	ddekit_host_mutex_unlock(pgtab_lock);
	return virt;
}

int ddekit_pgtab_get_type(const void *virt)
{
	struct pgtab_region *r;
	int type = -1;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_virt((uintptr_t)virt);
	if (r)
		type = r->type;
	ddekit_host_mutex_unlock(pgtab_lock);
	return type;
}

int ddekit_pgtab_get_size(const void *virt)
{
	struct pgtab_region *r;
	int size = 0;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_virt((uintptr_t)virt);
	if (r)
		size = r->size > INT32_MAX ? INT32_MAX : (int)r->size;
	ddekit_host_mutex_unlock(pgtab_lock);
	return size;
}

/*
 * The classic interface knows nothing of bus addresses: regions registered
 * through it have bus address 0 (unknown), so ddekit_dma_bus_addr() does not
 * find them and ddekit_dma_map() maps them through the host like any memory.
 */
void ddekit_pgtab_set_region_with_size(void *virt, ddekit_addr_t phys, int size,
                                       int type)
{
	int err;

	if (size <= 0)
		ddekit_panic("pgtab: region at %p with size %d", virt, size);
	err = ddekit__pgtab_add(virt, phys, 0, (size_t)size, type);
	if (err == -DDEKIT_EEXIST)
		ddekit_panic("pgtab: region at %p (%d bytes) overlaps another",
		             virt, size);
	if (err)
		ddekit_panic("pgtab: cannot register region at %p: %s", virt,
		             ddekit_strerror(err));
}

void ddekit_pgtab_set_region(void *virt, ddekit_addr_t phys, int pages,
                             int type)
{
	if (pages <= 0 || pages > INT32_MAX / (int)PAGE_SIZE)
		ddekit_panic("pgtab: region at %p with %d pages", virt, pages);
	ddekit_pgtab_set_region_with_size(virt, phys, pages * (int)PAGE_SIZE,
	                                  type);
}

void ddekit_pgtab_clear_region(void *virt, int type)
{
	struct pgtab_region *r;
	int found_type = -1;
	bool cleared = false;

	ddekit_host_mutex_lock(pgtab_lock);
	r = region_of_virt((uintptr_t)virt);
	if (r && r->virt == (uintptr_t)virt) {
		found_type = r->type;
		if (r->type == type) {
			region_unlink(r, r->npages, r->nppages);
			cleared = true;
		}
	}
	ddekit_host_mutex_unlock(pgtab_lock);

	if (cleared)
		region_free(r);
	else if (found_type < 0)
		ddekit_printf(
		    "pgtab: clear_region(%p): no region starts there\n", virt);
	else
		ddekit_printf("pgtab: clear_region(%p): region has type %d, "
		              "not %d; kept\n",
		              virt, found_type, type);
}

int ddekit__pgtab_init(void)
{
	by_virt = NULL;
	by_phys = NULL;
	return ddekit_host_mutex_create(&pgtab_lock);
}

void ddekit__pgtab_fini(void)
{
	struct pgtab_region *r;

	/* The allocators have released their regions by now; what is left
	 * was registered by clients, who cannot clear it any more. */
	while (by_virt) {
		r = by_virt->region;
		region_unlink(r, r->npages, r->nppages);
		region_free(r);
	}
	by_phys = NULL;
	if (pgtab_lock)
		ddekit_host_mutex_destroy(pgtab_lock);
	pgtab_lock = NULL;
}
