/*
 * slab.c — caches of fixed-size objects.
 *
 * A slab carves objects from chunks: one page when an object fits in a page
 * (so no object straddles a page, which matters for DMA), else the fewest
 * whole pages holding one object. Each chunk has its own free list; the pages
 * of every chunk are entered in the slab's page hash, which makes freeing
 * O(1) and lets a foreign pointer be recognised. Chunk records live outside
 * the chunk so that contiguous slabs keep their pages entirely for objects.
 *
 * Empty chunks go back at once, except the last one with free space (to
 * avoid host calls on every alloc/free pair), and single pages may be parked
 * in a page cache shared by all slabs.
 */
#include "internal.h"

#include <ddekit/memory.h>
#include <ddekit/panic.h>
#include <ddekit/pgtab.h>
#include <ddekit/printf.h>

#include <string.h>

static bool slab_oom;

#define HASH_NONFATAL_OOM      1
#define uthash_malloc(sz)      ddekit__zalloc(sz)
#define uthash_free(ptr, sz)   ddekit__free(ptr)
#define uthash_nonfatal_oom(o) ((void)(o), slab_oom = true)
#include <uthash.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  DDEKIT_HOST_PAGE_SIZE
#define ALIGN_MIN  sizeof(void *)
#define ALIGN_MAX  64u

struct slab_chunk;

struct slab_page_ref {
	uint64_t pfn;
	struct slab_chunk *chunk;
	UT_hash_handle hh;
};

struct slab_chunk {
	struct slab_chunk *prev; /* in the slab's partial or full list */
	struct slab_chunk *next;
	struct ddekit_slab *slab;
	char *virt;
	void *free; /* free objects, linked through their first word */
	unsigned inuse;
	bool full;
	size_t npages;
	struct slab_page_ref pages[];
};

struct ddekit_slab {
	struct ddekit_slab *prev; /* all slabs, for ddekit__slab_fini() */
	struct ddekit_slab *next;
	size_t objsize; /* stride between objects */
	size_t chunk_size;
	unsigned per_chunk;
	bool contiguous;
	void *data;
	struct ddekit_host_mutex *lock; /* guards the fields below */
	struct slab_chunk *partial;     /* chunks with free objects */
	struct slab_chunk *full;
	struct slab_page_ref *pages;
};

/* A cached page, linked through its own first bytes. */
struct cached_page {
	struct cached_page *next;
};

/* slab_global guards the list of slabs and the page cache. */
static struct ddekit_host_mutex *slab_global;
static struct ddekit_slab *all_slabs;
static struct cached_page *cache_plain;
static struct cached_page *cache_dma; /* still registered in pgtab */
static unsigned cache_count;
static unsigned cache_limit;

/* --- pages --------------------------------------------------------------- */

static void page_release(void *virt, size_t size, bool dma)
{
	if (dma)
		ddekit_pgtab_clear_region(virt, PTE_TYPE_UMA);
	ddekit_host_mem_free(virt, size);
}

static void *page_get(size_t size, bool dma)
{
	struct ddekit_host_mem_req req = {0};
	struct cached_page **cache = dma ? &cache_dma : &cache_plain;
	struct cached_page *c = NULL;
	void *virt = NULL;
	uint64_t phys = 0, bus = 0;

	if (size == PAGE_SIZE) {
		ddekit_host_mutex_lock(slab_global);
		c = *cache;
		if (c) {
			*cache = c->next;
			cache_count--;
		}
		ddekit_host_mutex_unlock(slab_global);
		if (c)
			return c;
	}

	req.size = size;
	req.align = PAGE_SIZE;
	req.bus_high = UINT64_MAX;
	req.flags = dma ? DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG : 0;
	if (ddekit_host_mem_alloc(&req, &virt, &phys, &bus) < 0)
		return NULL;
	if ((uintptr_t)virt & (PAGE_SIZE - 1)) {
		ddekit_printf("slab: host returned unaligned pages at %p\n",
		              virt);
		ddekit_host_mem_free(virt, size);
		return NULL;
	}
	if (dma && ddekit__pgtab_add(virt, phys, bus, size, PTE_TYPE_UMA)) {
		ddekit_host_mem_free(virt, size);
		return NULL;
	}
	return virt;
}

static void page_put(void *virt, size_t size, bool dma)
{
	struct cached_page **cache = dma ? &cache_dma : &cache_plain;
	struct cached_page *c = virt;
	bool cached = false;

	if (size == PAGE_SIZE) {
		ddekit_host_mutex_lock(slab_global);
		if (cache_count < cache_limit) {
			c->next = *cache;
			*cache = c;
			cache_count++;
			cached = true;
		}
		ddekit_host_mutex_unlock(slab_global);
	}
	if (!cached)
		page_release(virt, size, dma);
}

/* Releases cached pages beyond cache_limit. */
static void cache_trim(void)
{
	struct cached_page *plain = NULL, *dma = NULL, *c;

	ddekit_host_mutex_lock(slab_global);
	while (cache_count > cache_limit) {
		if (cache_plain) {
			c = cache_plain;
			cache_plain = c->next;
			c->next = plain;
			plain = c;
		} else {
			c = cache_dma;
			cache_dma = c->next;
			c->next = dma;
			dma = c;
		}
		cache_count--;
	}
	ddekit_host_mutex_unlock(slab_global);

	while ((c = plain)) {
		plain = c->next;
		page_release(c, PAGE_SIZE, false);
	}
	while ((c = dma)) {
		dma = c->next;
		page_release(c, PAGE_SIZE, true);
	}
}

void ddekit_slab_setup_page_cache(unsigned pages)
{
	ddekit_host_mutex_lock(slab_global);
	cache_limit = pages;
	ddekit_host_mutex_unlock(slab_global);
	cache_trim();
}

/* --- chunks -------------------------------------------------------------- */

static void list_del(struct slab_chunk **head, struct slab_chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		*head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
}

static void list_add(struct slab_chunk **head, struct slab_chunk *c)
{
	c->prev = NULL;
	c->next = *head;
	if (*head)
		(*head)->prev = c;
	*head = c;
}

static struct slab_chunk *chunk_create(struct ddekit_slab *slab)
{
	struct slab_chunk *c;
	size_t npages = slab->chunk_size / PAGE_SIZE;
	unsigned i;

	c = ddekit__zalloc(sizeof(*c) + npages * sizeof(c->pages[0]));
	if (!c)
		return NULL;
	c->virt = page_get(slab->chunk_size, slab->contiguous);
	if (!c->virt) {
		ddekit__free(c);
		return NULL;
	}
	c->slab = slab;
	c->npages = npages;
	for (i = 0; i < slab->per_chunk; i++) {
		void **obj = (void **)(c->virt + i * slab->objsize);

		*obj = c->free;
		c->free = obj;
	}
	for (i = 0; i < npages; i++) {
		c->pages[i].pfn = ((uintptr_t)c->virt >> PAGE_SHIFT) + i;
		c->pages[i].chunk = c;
	}
	return c;
}

static void chunk_destroy(struct slab_chunk *c)
{
	page_put(c->virt, c->slab->chunk_size, c->slab->contiguous);
	ddekit__free(c);
}

/* Caller holds slab->lock. Returns false when out of memory. */
static bool chunk_link(struct ddekit_slab *slab, struct slab_chunk *c)
{
	size_t i;

	for (i = 0; i < c->npages; i++) {
		slab_oom = false;
		HASH_ADD(hh, slab->pages, pfn, sizeof(uint64_t), &c->pages[i]);
		if (slab_oom) {
			while (i--)
				HASH_DELETE(hh, slab->pages, &c->pages[i]);
			return false;
		}
	}
	list_add(&slab->partial, c);
	return true;
}

/* Caller holds slab->lock. */
static void chunk_unlink(struct ddekit_slab *slab, struct slab_chunk *c)
{
	size_t i;

	for (i = 0; i < c->npages; i++)
		HASH_DELETE(hh, slab->pages, &c->pages[i]);
	list_del(c->full ? &slab->full : &slab->partial, c);
}

/* --- objects ------------------------------------------------------------- */

/* Caller holds slab->lock; slab->partial is not empty. */
static void *obj_take(struct ddekit_slab *slab)
{
	struct slab_chunk *c = slab->partial;
	void **obj = c->free;

	c->free = *obj;
	c->inuse++;
	if (!c->free) {
		list_del(&slab->partial, c);
		list_add(&slab->full, c);
		c->full = true;
	}
	return obj;
}

void *ddekit_slab_alloc(struct ddekit_slab *slab)
{
	struct slab_chunk *c;
	void *obj = NULL;
	bool linked;

	ddekit_host_mutex_lock(slab->lock);
	if (slab->partial)
		obj = obj_take(slab);
	ddekit_host_mutex_unlock(slab->lock);
	if (obj)
		return obj;

	/* Host calls may sleep: the chunk is made without the lock. */
	c = chunk_create(slab);
	if (!c)
		return NULL;
	ddekit_host_mutex_lock(slab->lock);
	linked = chunk_link(slab, c);
	if (linked)
		obj = obj_take(slab);
	ddekit_host_mutex_unlock(slab->lock);
	if (!linked)
		chunk_destroy(c);
	return obj;
}

void ddekit_slab_free(struct ddekit_slab *slab, void *objp)
{
	struct slab_page_ref *ref;
	struct slab_chunk *c = NULL;
	uint64_t pfn = (uintptr_t)objp >> PAGE_SHIFT;
	size_t off = 0;
	bool release = false;

	if (!objp)
		return;
	ddekit_host_mutex_lock(slab->lock);
	HASH_FIND(hh, slab->pages, &pfn, sizeof(pfn), ref);
	if (ref) {
		c = ref->chunk;
		off = (size_t)((char *)objp - c->virt);
		if (off % slab->objsize ||
		    off / slab->objsize >= slab->per_chunk)
			c = NULL;
	}
	if (c) {
		*(void **)objp = c->free;
		c->free = objp;
		c->inuse--;
		if (c->full) {
			list_del(&slab->full, c);
			list_add(&slab->partial, c);
			c->full = false;
		}
		/* Keep one chunk with free objects; give back other empty
		 * ones. */
		if (c->inuse == 0 && (slab->partial != c || c->next)) {
			chunk_unlink(slab, c);
			release = true;
		}
	}
	ddekit_host_mutex_unlock(slab->lock);

	if (!c)
		ddekit_panic("ddekit_slab_free: %p is not an object of slab %p",
		             objp, (void *)slab);
	if (release)
		chunk_destroy(c);
}

/* --- slabs --------------------------------------------------------------- */

struct ddekit_slab *ddekit_slab_init(unsigned size, int contiguous)
{
	struct ddekit_slab *slab;
	size_t align;

	if (size == 0 || size > UINT32_MAX - PAGE_SIZE)
		return NULL;
	slab = ddekit__zalloc(sizeof(*slab));
	if (!slab)
		return NULL;
	align = (size_t)size & -(size_t)size;
	if (align < ALIGN_MIN)
		align = ALIGN_MIN;
	if (align > ALIGN_MAX)
		align = ALIGN_MAX;
	slab->objsize = ((size_t)size + align - 1) & ~(align - 1);
	if (slab->objsize <= PAGE_SIZE)
		slab->chunk_size = PAGE_SIZE;
	else
		slab->chunk_size =
		    (slab->objsize + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	slab->per_chunk = (unsigned)(slab->chunk_size / slab->objsize);
	slab->contiguous = contiguous != 0;
	if (ddekit_host_mutex_create(&slab->lock) < 0) {
		ddekit__free(slab);
		return NULL;
	}

	ddekit_host_mutex_lock(slab_global);
	slab->next = all_slabs;
	if (all_slabs)
		all_slabs->prev = slab;
	all_slabs = slab;
	ddekit_host_mutex_unlock(slab_global);
	return slab;
}

void ddekit_slab_destroy(struct ddekit_slab *slab)
{
	struct slab_chunk *c;

	if (!slab)
		return;
	ddekit_host_mutex_lock(slab_global);
	if (slab->prev)
		slab->prev->next = slab->next;
	else
		all_slabs = slab->next;
	if (slab->next)
		slab->next->prev = slab->prev;
	ddekit_host_mutex_unlock(slab_global);

	/* Nobody else may use the slab any more: no lock needed. */
	while ((c = slab->partial) || (c = slab->full)) {
		chunk_unlink(slab, c);
		chunk_destroy(c);
	}
	ddekit_host_mutex_destroy(slab->lock);
	ddekit__free(slab);
}

void ddekit_slab_set_data(struct ddekit_slab *slab, void *data)
{
	__atomic_store_n(&slab->data, data, __ATOMIC_RELEASE);
}

void *ddekit_slab_get_data(struct ddekit_slab *slab)
{
	return __atomic_load_n(&slab->data, __ATOMIC_ACQUIRE);
}

/* --- life cycle ---------------------------------------------------------- */

int ddekit__slab_init(void)
{
	all_slabs = NULL;
	cache_plain = cache_dma = NULL;
	cache_count = 0;
	cache_limit = 0;
	return ddekit_host_mutex_create(&slab_global);
}

void ddekit__slab_fini(void)
{
	while (all_slabs)
		ddekit_slab_destroy(all_slabs);
	ddekit_slab_setup_page_cache(0);
	if (slab_global)
		ddekit_host_mutex_destroy(slab_global);
	slab_global = NULL;
}
