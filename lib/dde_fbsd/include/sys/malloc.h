/*
 * sys/malloc.h — malloc(9) (FreeBSD 7, libdde).
 *
 * malloc/free/realloc are renamed by macro (they take a type and flags) so a
 * C library's functions are never involved; include C library headers first.
 * Every type keeps statistics: ks_calls (allocations ever), ks_inuse (blocks
 * live), ks_memuse (bytes live). M_WAITOK may not be used in a filter or with
 * a spin mutex held (panics); it never returns NULL here unless the host is
 * out of memory, which panics as FreeBSD would.
 */
#ifndef _DDE_FBSD_SYS_MALLOC_H_
#define _DDE_FBSD_SYS_MALLOC_H_

#include <sys/types.h>

#define M_NOWAIT      0x0001
#define M_WAITOK      0x0002
#define M_ZERO        0x0100
#define M_NOVM        0x0200
#define M_USE_RESERVE 0x0400

#define M_MAGIC 877983977

struct malloc_type {
	struct malloc_type *ks_next; /* on the list of types used so far */
	u_long ks_magic;
	const char *ks_shortdesc;
	long ks_calls;
	long ks_inuse;
	long ks_memuse;
};

#define MALLOC_DEFINE(type, shortdesc, longdesc)                               \
	struct malloc_type type[1] = {{NULL, M_MAGIC, (shortdesc), 0, 0, 0}}
#define MALLOC_DECLARE(type) extern struct malloc_type type[1]

MALLOC_DECLARE(M_DEVBUF);
MALLOC_DECLARE(M_TEMP);

__BEGIN_DECLS
void *dde_fbsd_malloc(unsigned long size, struct malloc_type *type, int flags);
void dde_fbsd_free(void *addr, struct malloc_type *type);
void *dde_fbsd_realloc(void *addr, unsigned long size, struct malloc_type *type,
                       int flags);
void *dde_fbsd_reallocf(void *addr, unsigned long size,
                        struct malloc_type *type, int flags);
void *contigmalloc(unsigned long size, struct malloc_type *type, int flags,
                   vm_paddr_t low, vm_paddr_t high, unsigned long alignment,
                   unsigned long boundary);
void contigfree(void *addr, unsigned long size, struct malloc_type *type);
__END_DECLS

#define malloc(size, type, flags) dde_fbsd_malloc((size), (type), (flags))
#define free(addr, type)          dde_fbsd_free((addr), (type))
#define realloc(addr, size, type, flags)                                       \
	dde_fbsd_realloc((addr), (size), (type), (flags))
#define reallocf(addr, size, type, flags)                                      \
	dde_fbsd_reallocf((addr), (size), (type), (flags))
#define MALLOC(space, cast, size, type, flags)                                 \
	((space) = (cast)malloc((u_long)(size), (type), (flags)))
#define FREE(addr, type) free((addr), (type))

#endif /* _DDE_FBSD_SYS_MALLOC_H_ */
