/*
 * linux/slab.h — kmalloc and object caches (libdde emulation of 2.6.24).
 *
 * kmalloc() memory is aligned to ARCH_KMALLOC_MINALIGN (16 bytes), objects
 * of 64 bytes or more to a 64-byte cache line. GFP_KERNEL-style flags are
 * checked with might_sleep(); GFP_ATOMIC works in any context.
 * Knowingly missing: kmem_cache_shrink, SLAB_DESTROY_BY_RCU semantics, a
 * kmalloc that returns power-of-two-aligned blocks above 64 bytes.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

#define ARCH_KMALLOC_MINALIGN 16
#define SLAB_HWCACHE_ALIGN    0x00002000UL
#define SLAB_CACHE_DMA        0x00004000UL
#define SLAB_PANIC            0x00040000UL

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);
void *krealloc(const void *p, size_t new_size, gfp_t flags);

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
                                     size_t align, unsigned long flags,
                                     void (*ctor)(struct kmem_cache *, void *));
void kmem_cache_destroy(struct kmem_cache *cachep);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t flags);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);
unsigned int kmem_cache_size(struct kmem_cache *cachep);

#endif /* _LINUX_SLAB_H */
