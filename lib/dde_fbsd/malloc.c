/*
 * malloc.c — malloc(9) with per-type statistics, and contigmalloc.
 *
 * Blocks come from DDEKit's simple allocator (usable from interrupt
 * threads), each with a header recording its size and type so that free()
 * and realloc() can account without being told the size.
 */
#include "internal.h"

#include <ddekit/memory.h>

MALLOC_DEFINE(M_DEVBUF, "devbuf", "device driver memory");
MALLOC_DEFINE(M_TEMP, "temp", "misc temporary data buffers");

/* 16 bytes keep the payload aligned for any type, as the allocator is. */
struct mhdr {
	unsigned long size;
	struct malloc_type *type;
};

_Static_assert(sizeof(struct mhdr) == 16, "malloc header keeps alignment");

static struct malloc_type *types; /* types seen so far */

static void account(struct malloc_type *type, long blocks, long bytes)
{
	/* Registered types have ks_next set; the first one points at itself
	 * so that NULL means "not yet on the list". */
	if (!__atomic_load_n(&type->ks_next, __ATOMIC_ACQUIRE)) {
		ddekit_lock_lock(&dde_fbsd_env.registry_lock);
		if (!type->ks_next) {
			__atomic_store_n(&type->ks_next, types ? types : type,
			                 __ATOMIC_RELEASE);
			types = type;
		}
		ddekit_lock_unlock(&dde_fbsd_env.registry_lock);
	}
	if (blocks > 0)
		__atomic_fetch_add(&type->ks_calls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&type->ks_inuse, blocks, __ATOMIC_RELAXED);
	__atomic_fetch_add(&type->ks_memuse, bytes, __ATOMIC_RELAXED);
}

void *dde_fbsd_malloc(unsigned long size, struct malloc_type *type, int flags)
{
	struct mhdr *h;

	if (flags & M_WAITOK)
		dde_fbsd_assert_sleepable("malloc(M_WAITOK)", __FILE__,
		                          __LINE__);
	if (size > (1ul << 31) - sizeof(*h))
		goto fail;
	h = ddekit_simple_malloc((unsigned)(size + sizeof(*h)));
	if (!h)
		goto fail;
	h->size = size;
	h->type = type;
	account(type, 1, (long)size);
	if (flags & M_ZERO)
		memset(h + 1, 0, size);
	return h + 1;

fail:
	if (flags & M_WAITOK)
		panic("malloc(%lu, %s, M_WAITOK): out of memory", size,
		      type->ks_shortdesc);
	return NULL;
}

void dde_fbsd_free(void *addr, struct malloc_type *type)
{
	struct mhdr *h;

	if (!addr)
		return;
	h = (struct mhdr *)addr - 1;
	if (h->type != type)
		panic("free(%p, %s): allocated as %s", addr, type->ks_shortdesc,
		      h->type->ks_shortdesc);
	account(type, -1, -(long)h->size);
	ddekit_simple_free(h);
}

void *dde_fbsd_realloc(void *addr, unsigned long size, struct malloc_type *type,
                       int flags)
{
	struct mhdr *h;
	void *n;

	if (!addr)
		return dde_fbsd_malloc(size, type, flags);
	h = (struct mhdr *)addr - 1;
	if (h->size >= size && h->size / 2 < size)
		return addr;
	n = dde_fbsd_malloc(size, type, flags & ~M_ZERO);
	if (!n)
		return NULL;
	memcpy(n, addr, h->size < size ? h->size : size);
	dde_fbsd_free(addr, type);
	return n;
}

void *dde_fbsd_reallocf(void *addr, unsigned long size,
                        struct malloc_type *type, int flags)
{
	void *n = dde_fbsd_realloc(addr, size, type, flags);

	if (!n)
		dde_fbsd_free(addr, type);
	return n;
}

void *contigmalloc(unsigned long size, struct malloc_type *type, int flags,
                   vm_paddr_t low, vm_paddr_t high, unsigned long alignment,
                   unsigned long boundary)
{
	void *p;

	if (flags & M_WAITOK)
		dde_fbsd_assert_sleepable("contigmalloc(M_WAITOK)", __FILE__,
		                          __LINE__);
	p = ddekit_contig_malloc(size, (unsigned long)low,
	                         high >= ~0ul ? 0 : (unsigned long)high,
	                         alignment, boundary);
	if (!p)
		return NULL;
	if (flags & M_ZERO)
		memset(p, 0, size);
	account(type, 1, (long)size);
	return p;
}

void contigfree(void *addr, unsigned long size, struct malloc_type *type)
{
	if (!addr)
		return;
	account(type, -1, -(long)size);
	ddekit_contig_free(addr);
}

void dde_fbsd_malloc_report(void)
{
	struct malloc_type *t = types, *next;

	while (t) {
		next = t->ks_next == t ? NULL : t->ks_next;
		if (t->ks_inuse)
			printf("dde_fbsd: malloc type %s: %ld blocks (%ld "
			       "bytes) not freed\n",
			       t->ks_shortdesc, t->ks_inuse, t->ks_memuse);
		t = next;
	}
}
