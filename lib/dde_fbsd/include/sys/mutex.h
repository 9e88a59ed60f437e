/*
 * sys/mutex.h — mutex(9) (FreeBSD 7, libdde).
 *
 * MTX_DEF mutexes block (a DDEKit lock underneath); they may be taken in
 * ithreads, callouts and tasks, never in a filter or with a spin mutex held
 * (panics). MTX_SPIN mutexes exclude every interrupt filter of this
 * environment while held, as spinning with interrupts off does on a
 * uniprocessor FreeBSD: all spin-mutex holders and filters are serialised by
 * one environment-wide exclusion. Recursion needs MTX_RECURSE (else panics).
 */
#ifndef _DDE_FBSD_SYS_MUTEX_H_
#define _DDE_FBSD_SYS_MUTEX_H_

#include <sys/types.h>
#include <sys/lock.h>
#include <sys/kernel.h>

struct mtx {
	struct lock_object lock_object;
	volatile uintptr_t mtx_lock; /* owning struct thread *, 0 if free */
	volatile u_int mtx_recurse;
	void *mtx_dde; /* MTX_DEF: the DDEKit lock */
};

#define MTX_DEF       0x00000000
#define MTX_SPIN      0x00000001
#define MTX_RECURSE   0x00000004
#define MTX_NOWITNESS 0x00000008
#define MTX_DUPOK     0x00000020
#define MTX_NOPROFILE 0x00000040
#define MTX_QUIET     0x00000080

#define MA_OWNED       0x01
#define MA_NOTOWNED    0x02
#define MA_RECURSED    0x04
#define MA_NOTRECURSED 0x08

__BEGIN_DECLS
void mtx_init(struct mtx *m, const char *name, const char *type, int opts);
void mtx_destroy(struct mtx *m);
void _mtx_lock_flags(struct mtx *m, int opts, const char *file, int line);
void _mtx_unlock_flags(struct mtx *m, int opts, const char *file, int line);
void _mtx_lock_spin_flags(struct mtx *m, int opts, const char *file, int line);
void _mtx_unlock_spin_flags(struct mtx *m, int opts, const char *file,
                            int line);
int _mtx_trylock(struct mtx *m, int opts, const char *file, int line);
void _mtx_assert(struct mtx *m, int what, const char *file, int line);
int mtx_owned(struct mtx *m);
int mtx_recursed(struct mtx *m);
void mtx_sysinit(void *arg);

extern struct mtx Giant;
__END_DECLS

#define mtx_lock(m)            _mtx_lock_flags((m), 0, __FILE__, __LINE__)
#define mtx_unlock(m)          _mtx_unlock_flags((m), 0, __FILE__, __LINE__)
#define mtx_lock_spin(m)       _mtx_lock_spin_flags((m), 0, __FILE__, __LINE__)
#define mtx_unlock_spin(m)     _mtx_unlock_spin_flags((m), 0, __FILE__, __LINE__)
#define mtx_lock_flags(m, o)   _mtx_lock_flags((m), (o), __FILE__, __LINE__)
#define mtx_unlock_flags(m, o) _mtx_unlock_flags((m), (o), __FILE__, __LINE__)
#define mtx_trylock(m)         _mtx_trylock((m), 0, __FILE__, __LINE__)
#define mtx_assert(m, what)    _mtx_assert((m), (what), __FILE__, __LINE__)
#define mtx_initialized(m)     (((m)->lock_object.lo_flags & LO_INITIALIZED) != 0)
#define mtx_name(m)            ((m)->lock_object.lo_name)
#define mtx_sleep(chan, mtx, pri, wmesg, timo)                                 \
	_sleep((chan), &(mtx)->lock_object, (pri), (wmesg), (timo))

struct mtx_args {
	struct mtx *ma_mtx;
	const char *ma_desc;
	int ma_opts;
};

#define MTX_SYSINIT(name, mtx, desc, opts)                                     \
	static struct mtx_args name##_args = {(mtx), (desc), (opts)};          \
	SYSINIT(name##_mtx_sysinit, SI_SUB_LOCK, SI_ORDER_MIDDLE, mtx_sysinit, \
	        &name##_args);                                                 \
	SYSUNINIT(name##_mtx_sysuninit, SI_SUB_LOCK, SI_ORDER_MIDDLE,          \
	          mtx_destroy, (mtx))

#define DROP_GIANT() do {
#define PICKUP_GIANT()                                                         \
	}                                                                      \
	while (0)

#endif /* _DDE_FBSD_SYS_MUTEX_H_ */
