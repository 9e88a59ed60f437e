/*
 * mem.c — kmalloc, kmem caches, the page allocator, vmalloc.
 *
 * Blocks come from DDEKit's simple allocator with a small header in front
 * of the aligned object, so any alignment can be had and kfree()/ksize()
 * find the block again.
 */
#include "internal.h"

#include <ddekit/memory.h>
#include <ddekit/panic.h>

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define KM_MAGIC 0x6b6d616c6c6f6321UL

struct km_header {
	void *base;
	size_t size;
	unsigned long magic;
	unsigned long pad;
};

_Static_assert(sizeof(struct km_header) % ARCH_KMALLOC_MINALIGN == 0,
               "the header must keep objects aligned");

static void *alloc_aligned(size_t size, size_t align, gfp_t flags)
{
	struct km_header *h;
	size_t total;
	char *base, *obj;

	if (flags & __GFP_WAIT)
		might_sleep();
	if (align < ARCH_KMALLOC_MINALIGN)
		align = ARCH_KMALLOC_MINALIGN;
	total = size + sizeof(*h) + align - ARCH_KMALLOC_MINALIGN;
	if (total < size || total > UINT_MAX)
		return NULL;
	base = ddekit_simple_malloc((unsigned)total);
	if (!base)
		return NULL;
	obj = (char *)ALIGN((unsigned long)(base + sizeof(*h)), align);
	h = (struct km_header *)obj - 1;
	h->base = base;
	h->size = size;
	h->magic = KM_MAGIC;
	if (flags & __GFP_ZERO)
		memset(obj, 0, size);
	return obj;
}

static struct km_header *header_of(const void *objp)
{
	struct km_header *h = (struct km_header *)objp - 1;

	if (h->magic != KM_MAGIC)
		ddekit_panic(
		    "dde_linux26: kfree(%p) of memory not from kmalloc", objp);
	return h;
}

void *kmalloc(size_t size, gfp_t flags)
{
	/* Cache-line alignment for larger objects, like the slab caches. */
	return alloc_aligned(size, size >= 64 ? 64 : ARCH_KMALLOC_MINALIGN,
	                     flags);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

void kfree(const void *objp)
{
	struct km_header *h;

	if (!objp)
		return;
	h = header_of(objp);
	h->magic = 0;
	ddekit_simple_free(h->base);
}

size_t ksize(const void *objp)
{
	return objp ? header_of(objp)->size : 0;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	void *n;

	if (!new_size) {
		kfree(p);
		return NULL;
	}
	if (p && ksize(p) >= new_size)
		return (void *)p;
	n = kmalloc(new_size, flags);
	if (n && p) {
		memcpy(n, p, ksize(p));
		kfree(p);
	}
	return n;
}

struct kmem_cache {
	char name[32];
	size_t size;
	size_t align;
	void (*ctor)(struct kmem_cache *, void *);
};

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
                                     size_t align, unsigned long flags,
                                     void (*ctor)(struct kmem_cache *, void *))
{
	struct kmem_cache *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c) {
		if (flags & SLAB_PANIC)
			ddekit_panic("kmem_cache_create(%s) failed", name);
		return NULL;
	}
	strlcpy(c->name, name, sizeof(c->name));
	c->size = size;
	c->align = align;
	if ((flags & SLAB_HWCACHE_ALIGN) && c->align < 64)
		c->align = 64;
	c->ctor = ctor;
	return c;
}

void kmem_cache_destroy(struct kmem_cache *cachep)
{
	kfree(cachep);
}

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags)
{
	void *obj = alloc_aligned(cachep->size, cachep->align, flags);

	if (obj && cachep->ctor)
		cachep->ctor(cachep, obj);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags)
{
	return kmem_cache_alloc(cachep, flags | __GFP_ZERO);
}

void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	(void)cachep;
	kfree(objp);
}

unsigned int kmem_cache_size(struct kmem_cache *cachep)
{
	return (unsigned int)cachep->size;
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	if (gfp_mask & __GFP_WAIT)
		might_sleep();
	/* Whole pages from DDEKit are zero-filled and DMA-reachable. */
	return (unsigned long)ddekit_large_malloc((int)(PAGE_SIZE << order));
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	(void)order;
	if (addr)
		ddekit_large_free((void *)addr);
}

void *vmalloc(unsigned long size)
{
	return alloc_aligned(size, PAGE_SIZE, GFP_KERNEL);
}

void *vmalloc_32(unsigned long size)
{
	return vmalloc(size);
}

void vfree(const void *addr)
{
	kfree(addr);
}
