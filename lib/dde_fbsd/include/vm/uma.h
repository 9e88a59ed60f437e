/*
 * vm/uma.h — uma(9) zones (FreeBSD 7, libdde).
 *
 * init/fini run when an item enters or leaves the zone's cache of free
 * items (so an item keeps its init state between free and the next alloc);
 * ctor/dtor run on every alloc/free. M_ZERO clears the item before ctor.
 */
#ifndef _DDE_FBSD_VM_UMA_H_
#define _DDE_FBSD_VM_UMA_H_

#include <sys/types.h>
#include <sys/malloc.h>

typedef struct uma_zone *uma_zone_t;

typedef int (*uma_ctor)(void *mem, int size, void *arg, int flags);
typedef void (*uma_dtor)(void *mem, int size, void *arg);
typedef int (*uma_init)(void *mem, int size, int flags);
typedef void (*uma_fini)(void *mem, int size);

#define UMA_ALIGN_PTR   (sizeof(void *) - 1)
#define UMA_ALIGN_LONG  (sizeof(long) - 1)
#define UMA_ALIGN_INT   (sizeof(int) - 1)
#define UMA_ALIGN_SHORT (sizeof(short) - 1)
#define UMA_ALIGN_CHAR  (sizeof(char) - 1)
#define UMA_ALIGN_CACHE (64 - 1)

#define UMA_ZONE_ZINIT    0x0002
#define UMA_ZONE_NOFREE   0x0020
#define UMA_ZONE_MTXCLASS 0x0040
#define UMA_ZONE_VM       0x0080

__BEGIN_DECLS
/** Returns NULL when out of memory or @align is beyond 63. */
uma_zone_t uma_zcreate(const char *name, size_t size, uma_ctor ctor,
                       uma_dtor dtor, uma_init uminit, uma_fini fini, int align,
                       u_int32_t flags);
/** Frees the cached items (fini each); items still allocated are reported
 * and freed too. */
void uma_zdestroy(uma_zone_t zone);
void *uma_zalloc_arg(uma_zone_t zone, void *arg, int flags);
void uma_zfree_arg(uma_zone_t zone, void *item, void *arg);
int uma_zone_set_max(uma_zone_t zone, int nitems);
/** Items currently allocated from @zone (libdde; FreeBSD 8 has it too). */
int uma_zone_get_cur(uma_zone_t zone);
__END_DECLS

static __inline void *uma_zalloc(uma_zone_t zone, int flags)
{
	return uma_zalloc_arg(zone, NULL, flags);
}

static __inline void uma_zfree(uma_zone_t zone, void *item)
{
	uma_zfree_arg(zone, item, NULL);
}

#endif /* _DDE_FBSD_VM_UMA_H_ */
