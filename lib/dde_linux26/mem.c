/*
 * mem.c — kmalloc, kmem caches, the page allocator, vmalloc.
 *
 * Under Linux any kmalloc() memory may be handed to a device
 * (dma_map_single() of an skb's data is the common case), which needs it
 * physically contiguous. So power-of-two size classes up to a page come
 * from DDEKit slabs, whose objects never straddle a page: a streaming
 * mapping of one then works even without an IOMMU (one pinned page), and
 * with one the device reaches it only while it is mapped. Larger blocks
 * are DDEKit large memory (pinned, contiguous, always reachable by
 * devices). vmalloc() memory is never DMA-able under Linux and comes from
 * the simple allocator. A small header in front of each object records
 * where it came from, so kfree()/ksize() find the block again and any
 * alignment can be had.
 */
#include "internal.h"

#include <ddekit/memory.h>
#include <ddekit/panic.h>

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define KM_MAGIC     0x6b6d
#define KM_CLASSES   8 /* 32 … 4096 bytes */
#define KM_MIN_SHIFT 5
#define KM_LARGE     0xfe /* ddekit_large_malloc() */
#define KM_SIMPLE    0xff /* ddekit_simple_malloc() (vmalloc) */

struct km_header {
	void *base;
	uint32_t size;
	uint16_t cls;
	uint16_t magic;
};

_Static_assert(sizeof(struct km_header) == ARCH_KMALLOC_MINALIGN,
               "the header must keep objects aligned");
_Static_assert((1 << (KM_MIN_SHIFT + KM_CLASSES - 1)) == PAGE_SIZE,
               "the largest class is one page");

static struct ddekit_slab *km_slabs[KM_CLASSES];
static unsigned long km_live[KM_CLASSES]; /* objects allocated per class */

/* Bytes needed in front of an @align-aligned object in a block whose start
 * is @base_align-aligned, header included. */
static size_t front_pad(size_t align, size_t base_align)
{
	if (align <= base_align)
		return align > sizeof(struct km_header)
		           ? align
		           : sizeof(struct km_header);
	return sizeof(struct km_header) + align;
}

/* The slab of class @cls, created on first use. */
static struct ddekit_slab *km_slab(unsigned cls)
{
	struct ddekit_slab *s =
	    __atomic_load_n(&km_slabs[cls], __ATOMIC_ACQUIRE);
	struct ddekit_slab *none = NULL;

	if (s)
		return s;
	s = ddekit_slab_init(1u << (KM_MIN_SHIFT + cls), 0);
	if (!s)
		return NULL;
	if (!__atomic_compare_exchange_n(&km_slabs[cls], &none, s, false,
	                                 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		ddekit_slab_destroy(s); /* another thread was first */
		return none;
	}
	return s;
}

static void *alloc_block(size_t size, size_t align, unsigned *cls, size_t *pad)
{
	unsigned c;
	void *b;

	for (c = 0; c < KM_CLASSES; c++) {
		size_t csize = (size_t)1 << (KM_MIN_SHIFT + c);
		/* DDEKit aligns slab objects to their size, up to 64. */
		size_t p = front_pad(align, csize < 64 ? csize : 64);
		struct ddekit_slab *s;

		if (size > csize || p > csize - size)
			continue;
		s = km_slab(c);
		*cls = c;
		*pad = p;
		b = s ? ddekit_slab_alloc(s) : NULL;
		if (b)
			__atomic_add_fetch(&km_live[c], 1, __ATOMIC_RELAXED);
		return b;
	}
	*cls = KM_LARGE;
	*pad = front_pad(align, PAGE_SIZE);
	if (size + *pad < size || size + *pad > INT_MAX)
		return NULL;
	return ddekit_large_malloc((int)(size + *pad));
}

static void *alloc_aligned(size_t size, size_t align, gfp_t flags, int simple)
{
	struct km_header *h;
	unsigned cls;
	size_t pad;
	char *base, *obj;

	if (flags & __GFP_WAIT)
		might_sleep();
	if (align < ARCH_KMALLOC_MINALIGN)
		align = ARCH_KMALLOC_MINALIGN;
	if (size > UINT32_MAX - 2 * align)
		return NULL;
	if (simple) {
		cls = KM_SIMPLE;
		pad = sizeof(*h) + align;
		base = ddekit_simple_malloc((unsigned)(size + pad));
	} else {
		base = alloc_block(size, align, &cls, &pad);
	}
	if (!base)
		return NULL;
	obj = (char *)ALIGN((unsigned long)(base + sizeof(*h)), align);
	h = (struct km_header *)obj - 1;
	h->base = base;
	h->size = (uint32_t)size;
	h->cls = (uint16_t)cls;
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

static void free_block(const void *objp)
{
	struct km_header *h;
	unsigned cls;

	if (!objp)
		return;
	h = header_of(objp);
	h->magic = 0;
	cls = h->cls;
	if (cls == KM_SIMPLE) {
		ddekit_simple_free(h->base);
		return;
	}
	if (cls == KM_LARGE) {
		ddekit_large_free(h->base);
		return;
	}
	ddekit_slab_free(km_slabs[cls], h->base);
	/* The last object of a class that outlived the emulation takes the
	 * class's slab with it. */
	if (!__atomic_sub_fetch(&km_live[cls], 1, __ATOMIC_ACQ_REL) &&
	    !dde_linux26_env.up)
		ddekit_slab_destroy(__atomic_exchange_n(&km_slabs[cls], NULL,
		                                        __ATOMIC_ACQ_REL));
}

void dde_linux26_mem_exit(void)
{
	unsigned c;

	for (c = 0; c < KM_CLASSES; c++) {
		unsigned long live =
		    __atomic_load_n(&km_live[c], __ATOMIC_ACQUIRE);

		if (live) {
			/* Kept for the late kfree()s, the last of which
			 * destroys it; if they never come, DDEKit's deinit
			 * reports the pages as leaked. */
			printk(KERN_WARNING
			       "dde_linux26: %lu kmalloc objects of "
			       "%u bytes still allocated at exit\n",
			       live, 1u << (KM_MIN_SHIFT + c));
			continue;
		}
		if (km_slabs[c])
			ddekit_slab_destroy(__atomic_exchange_n(
			    &km_slabs[c], NULL, __ATOMIC_ACQ_REL));
	}
}

void *kmalloc(size_t size, gfp_t flags)
{
	/* Cache-line alignment for larger objects, like the slab caches. */
	return alloc_aligned(size, size >= 64 ? 64 : ARCH_KMALLOC_MINALIGN,
	                     flags, 0);
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
	if (objp && header_of(objp)->cls == KM_SIMPLE)
		ddekit_panic("dde_linux26: kfree(%p) of vmalloc() memory",
		             objp);
	free_block(objp);
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
	void *obj = alloc_aligned(cachep->size, cachep->align, flags, 0);

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
	return alloc_aligned(size, PAGE_SIZE, GFP_KERNEL, 1);
}

void *vmalloc_32(unsigned long size)
{
	return vmalloc(size);
}

void vfree(const void *addr)
{
	if (addr && header_of(addr)->cls != KM_SIMPLE)
		ddekit_panic("dde_linux26: vfree(%p) of kmalloc() memory",
		             addr);
	free_block(addr);
}
