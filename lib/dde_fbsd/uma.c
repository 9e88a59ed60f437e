/*
 * uma.c — uma(9) zones on DDEKit's simple allocator.
 *
 * A zone keeps freed items (still initialised) in a cache array; init runs
 * when an item is made, fini when the zone is destroyed.
 */
#include "internal.h"

#include <ddekit/memory.h>

#include <vm/uma.h>

struct uma_zone {
	const char *name;
	size_t size;
	uma_ctor ctor;
	uma_dtor dtor;
	uma_init init;
	uma_fini fini;
	int align;
	int max;
	ddekit_lock_t lock;
	void **cache;
	int ncached, capacity;
	int cur; /* allocated and not freed */
};

uma_zone_t uma_zcreate(const char *name, size_t size, uma_ctor ctor,
                       uma_dtor dtor, uma_init uminit, uma_fini fini, int align,
                       u_int32_t flags)
{
	struct uma_zone *z;

	(void)flags;
	/* The simple allocator aligns to 16; more is not offered. */
	if (align > 15 || size == 0) {
		printf("uma_zcreate %s: alignment %d or size %zu not "
		       "supported\n",
		       name, align + 1, size);
		return NULL;
	}
	z = ddekit_simple_malloc(sizeof(*z));
	if (!z)
		return NULL;
	memset(z, 0, sizeof(*z));
	z->name = name;
	z->size = size;
	z->ctor = ctor;
	z->dtor = dtor;
	z->init = uminit;
	z->fini = fini;
	z->align = align;
	ddekit_lock_init(&z->lock);
	if (!z->lock) {
		ddekit_simple_free(z);
		return NULL;
	}
	return z;
}

void uma_zdestroy(uma_zone_t z)
{
	int i;

	if (z->cur)
		printf("uma_zdestroy %s: %d items still allocated\n", z->name,
		       z->cur);
	for (i = 0; i < z->ncached; i++) {
		if (z->fini)
			z->fini(z->cache[i], (int)z->size);
		ddekit_simple_free(z->cache[i]);
	}
	ddekit_simple_free(z->cache);
	ddekit_lock_deinit(&z->lock);
	ddekit_simple_free(z);
}

/* An allocated item goes back to the cache (or, without room, away). */
static void cache_put(struct uma_zone *z, void *item)
{
	ddekit_lock_lock(&z->lock);
	z->cur--;
	if (z->ncached == z->capacity) {
		int ncap = z->capacity ? 2 * z->capacity : 16;
		void **n = ddekit_simple_malloc((unsigned)(ncap * sizeof(*n)));

		if (!n) {
			ddekit_lock_unlock(&z->lock);
			if (z->fini)
				z->fini(item, (int)z->size);
			ddekit_simple_free(item);
			return;
		}
		if (z->ncached)
			memcpy(n, z->cache, z->ncached * sizeof(*n));
		ddekit_simple_free(z->cache);
		z->cache = n;
		z->capacity = ncap;
	}
	z->cache[z->ncached++] = item;
	ddekit_lock_unlock(&z->lock);
}

void *uma_zalloc_arg(uma_zone_t z, void *arg, int flags)
{
	void *item = NULL;

	if (flags & M_WAITOK)
		dde_fbsd_assert_sleepable("uma_zalloc(M_WAITOK)", __FILE__,
		                          __LINE__);
	ddekit_lock_lock(&z->lock);
	if (z->max && z->cur >= z->max) {
		ddekit_lock_unlock(&z->lock);
		return NULL;
	}
	if (z->ncached)
		item = z->cache[--z->ncached];
	z->cur++;
	ddekit_lock_unlock(&z->lock);
	if (!item) {
		item = ddekit_simple_malloc((unsigned)z->size);
		if (item && z->init && z->init(item, (int)z->size, flags)) {
			ddekit_simple_free(item);
			item = NULL;
		}
		if (!item)
			goto fail;
	}
	if (flags & M_ZERO)
		memset(item, 0, z->size);
	if (z->ctor && z->ctor(item, (int)z->size, arg, flags)) {
		/* A failed ctor leaves the item initialised: keep it. */
		cache_put(z, item);
		return NULL;
	}
	return item;

fail:
	ddekit_lock_lock(&z->lock);
	z->cur--;
	ddekit_lock_unlock(&z->lock);
	if (flags & M_WAITOK)
		panic("uma_zalloc %s: out of memory", z->name);
	return NULL;
}

void uma_zfree_arg(uma_zone_t z, void *item, void *arg)
{
	if (!item)
		return;
	if (z->dtor)
		z->dtor(item, (int)z->size, arg);
	cache_put(z, item);
}

int uma_zone_set_max(uma_zone_t z, int nitems)
{
	z->max = nitems;
	return nitems;
}

int uma_zone_get_cur(uma_zone_t z)
{
	int n;

	ddekit_lock_lock(&z->lock);
	n = z->cur;
	ddekit_lock_unlock(&z->lock);
	return n;
}
