/*
 * memory.c — the simple, large and contiguous allocators, and the pinned
 * contiguous blocks that large, contiguous and coherent DMA memory share.
 *
 * Everything handed out is tracked, so that ddekit__memory_fini() can give
 * the host back whatever a driver did not free: an environment that is torn
 * down leaves nothing behind.
 */
#include "internal.h"

#include <ddekit/memory.h>
#include <ddekit/panic.h>
#include <ddekit/pgtab.h>
#include <ddekit/printf.h>

#include <string.h>

static bool memory_oom;

#define HASH_NONFATAL_OOM      1
#define uthash_malloc(sz)      ddekit__zalloc(sz)
#define uthash_free(ptr, sz)   ddekit__free(ptr)
#define uthash_nonfatal_oom(o) ((void)(o), memory_oom = true)
#include <uthash.h>

#define PAGE_SIZE    DDEKIT_HOST_PAGE_SIZE
#define SIMPLE_MAGIC 0x51e3b1ccu

/* The header keeps the payload 16-byte aligned (host heap memory is). */
struct simple_header {
	struct simple_header *prev;
	struct simple_header *next;
	size_t size; /* of the whole host block */
	size_t magic;
};

_Static_assert(sizeof(struct simple_header) % 16 == 0,
               "simple_header must keep payloads 16-byte aligned");

/* A large or contiguous block. */
struct block {
	void *virt;
	size_t size; /* as requested from the host (whole pages) */
	int type;
	UT_hash_handle hh;
};

static struct ddekit_host_mutex *mem_lock;
static struct block *blocks;
static struct simple_header simple_list = {&simple_list, &simple_list, 0, 0};

/* --- simple allocator ---------------------------------------------------- */

void *ddekit_simple_malloc(unsigned size)
{
	struct ddekit_host_mem_req req = {0};
	struct simple_header *h;
	void *virt;

	req.size = sizeof(*h) + (size_t)size;
	if (ddekit_host_mem_alloc(&req, &virt, NULL, NULL) < 0)
		return NULL;
	h = virt;
	h->size = req.size;
	h->magic = SIMPLE_MAGIC;

	ddekit_host_mutex_lock(mem_lock);
	h->next = simple_list.next;
	h->prev = &simple_list;
	simple_list.next->prev = h;
	simple_list.next = h;
	ddekit_host_mutex_unlock(mem_lock);
	return h + 1;
}

void ddekit_simple_free(void *p)
{
	struct simple_header *h;

	if (!p)
		return;
	h = (struct simple_header *)p - 1;
	if (h->magic != SIMPLE_MAGIC)
		ddekit_panic("ddekit_simple_free: %p was not allocated by "
		             "ddekit_simple_malloc() (or was freed twice)",
		             p);

	ddekit_host_mutex_lock(mem_lock);
	h->prev->next = h->next;
	h->next->prev = h->prev;
	h->magic = 0;
	ddekit_host_mutex_unlock(mem_lock);
	ddekit_host_mem_free(h, h->size);
}

/* --- large and contiguous blocks ----------------------------------------- */

static bool is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

void *ddekit__block_alloc(size_t size, uint64_t low, uint64_t high,
                          size_t align, uint64_t boundary, int type,
                          uint64_t *bus_out)
{
	struct ddekit_host_mem_req req = {0};
	struct block *b;
	void *virt = NULL;
	uint64_t phys = 0, bus = 0;
	int err;

	if (size == 0 || size > SIZE_MAX - PAGE_SIZE)
		return NULL;
	b = ddekit__zalloc(sizeof(*b));
	if (!b)
		return NULL;
	req.size = (size + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	req.align = align;
	req.bus_low = low;
	req.bus_high = high;
	req.boundary = boundary;
	req.flags = DDEKIT_HOST_MEM_DMA | DDEKIT_HOST_MEM_CONTIG;
	err = ddekit_host_mem_alloc(&req, &virt, &phys, &bus);
	if (err < 0)
		goto out;
	err = ddekit__pgtab_add(virt, phys, bus, req.size, type);
	if (err < 0)
		goto out;
	b->virt = virt;
	b->size = req.size;
	b->type = type;

	ddekit_host_mutex_lock(mem_lock);
	memory_oom = false;
	HASH_ADD_PTR(blocks, virt, b);
	if (memory_oom)
		err = -DDEKIT_ENOMEM;
	ddekit_host_mutex_unlock(mem_lock);
	if (err < 0)
		ddekit_pgtab_clear_region(virt, type);
out:
	if (err < 0) {
		if (virt)
			ddekit_host_mem_free(virt, req.size);
		ddekit__free(b);
		return NULL;
	}
	if (bus_out)
		*bus_out = bus;
	return virt;
}

static void block_release(struct block *b)
{
	ddekit_pgtab_clear_region(b->virt, b->type);
	ddekit_host_mem_free(b->virt, b->size);
	ddekit__free(b);
}

int ddekit__block_free(void *p)
{
	struct block *b;

	ddekit_host_mutex_lock(mem_lock);
	HASH_FIND_PTR(blocks, &p, b);
	if (b)
		HASH_DEL(blocks, b);
	ddekit_host_mutex_unlock(mem_lock);
	if (!b)
		return -DDEKIT_ENOENT;
	block_release(b);
	return 0;
}

static void block_free(void *p, const char *who)
{
	if (p && ddekit__block_free(p) < 0)
		ddekit_panic(
		    "%s: %p was not allocated by ddekit_large_malloc() "
		    "or ddekit_contig_malloc()",
		    who, p);
}

void *ddekit_large_malloc(int size)
{
	if (size <= 0)
		return NULL;
	return ddekit__block_alloc((size_t)size, 0, UINT64_MAX, PAGE_SIZE, 0,
	                           PTE_TYPE_LARGE, NULL);
}

void ddekit_large_free(void *p)
{
	block_free(p, "ddekit_large_free");
}

void *ddekit_contig_malloc(unsigned long size, unsigned long low,
                           unsigned long high, unsigned long alignment,
                           unsigned long boundary)
{
	uint64_t last = high ? high : UINT64_MAX;

	if (size == 0 || low > last)
		return NULL;
	if (alignment && !is_pow2(alignment))
		return NULL;
	if (alignment < PAGE_SIZE)
		alignment = PAGE_SIZE;
	if (boundary && (!is_pow2(boundary) || size > boundary))
		return NULL;
	/*
	 * The host works in whole pages; a page-aligned block whose requested
	 * bytes fit a sub-page boundary cannot cross it, whatever follows.
	 */
	if (boundary < PAGE_SIZE)
		boundary = 0;
	return ddekit__block_alloc(size, low, last, alignment, boundary,
	                           PTE_TYPE_CONTIG, NULL);
}

void ddekit_contig_free(void *p)
{
	block_free(p, "ddekit_contig_free");
}

/* --- life cycle ---------------------------------------------------------- */

int ddekit__memory_init(void)
{
	int err;

	blocks = NULL;
	simple_list.next = simple_list.prev = &simple_list;
	err = ddekit_host_mutex_create(&mem_lock);
	if (err < 0)
		return err;
	err = ddekit__slab_init();
	if (err < 0)
		goto out_mutex;
	err = ddekit__dma_init();
	if (err < 0)
		goto out_slab;
	return 0;
out_slab:
	ddekit__slab_fini();
out_mutex:
	ddekit_host_mutex_destroy(mem_lock);
	mem_lock = NULL;
	return err;
}

void ddekit__memory_fini(void)
{
	struct block *b, *tmp;
	struct simple_header *h;

	ddekit__dma_fini();
	ddekit__slab_fini();
	HASH_ITER(hh, blocks, b, tmp)
	{
		HASH_DEL(blocks, b);
		block_release(b);
	}
	while (simple_list.next != &simple_list) {
		h = simple_list.next;
		simple_list.next = h->next;
		h->magic = 0;
		ddekit_host_mem_free(h, h->size);
	}
	simple_list.prev = &simple_list;
	if (mem_lock)
		ddekit_host_mutex_destroy(mem_lock);
	mem_lock = NULL;
}
