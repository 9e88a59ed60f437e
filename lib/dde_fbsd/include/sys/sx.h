/*
 * sys/sx.h — shared/exclusive sleep locks (FreeBSD 7, libdde).
 *
 * Sleep locks: only where sleeping is allowed (not in filters, ithreads,
 * callouts, or with a mutex held as spin). Waiting writers do not block new
 * readers (no writer priority).
 */
#ifndef _DDE_FBSD_SYS_SX_H_
#define _DDE_FBSD_SYS_SX_H_

#include <sys/types.h>
#include <sys/lock.h>
#include <sys/kernel.h>

struct sx {
	struct lock_object lock_object;
	volatile uintptr_t sx_lock; /* exclusive owner (struct thread *) */
	volatile u_int sx_recurse;
	volatile int sx_readers;
	void *sx_dde_lock;
	void *sx_dde_cv;
};

#define SX_DUPOK        0x01
#define SX_NOWITNESS    0x02
#define SX_NOPROFILE    0x04
#define SX_RECURSE      0x08
#define SX_QUIET        0x10
#define SX_ADAPTIVESPIN 0x20

#define SA_LOCKED      0x01
#define SA_SLOCKED     0x02
#define SA_XLOCKED     0x04
#define SA_UNLOCKED    0x08
#define SA_RECURSED    0x10
#define SA_NOTRECURSED 0x20

__BEGIN_DECLS
void sx_init_flags(struct sx *sx, const char *description, int opts);
void sx_destroy(struct sx *sx);
void _sx_xlock(struct sx *sx, const char *file, int line);
void _sx_slock(struct sx *sx, const char *file, int line);
int _sx_try_xlock(struct sx *sx, const char *file, int line);
int _sx_try_slock(struct sx *sx, const char *file, int line);
void _sx_xunlock(struct sx *sx, const char *file, int line);
void _sx_sunlock(struct sx *sx, const char *file, int line);
int _sx_try_upgrade(struct sx *sx, const char *file, int line);
void _sx_downgrade(struct sx *sx, const char *file, int line);
void _sx_assert(struct sx *sx, int what, const char *file, int line);
int sx_xlocked(struct sx *sx);
void sx_sysinit(void *arg);
__END_DECLS

#define sx_init(sx, desc)   sx_init_flags((sx), (desc), 0)
#define sx_xlock(sx)        _sx_xlock((sx), __FILE__, __LINE__)
#define sx_slock(sx)        _sx_slock((sx), __FILE__, __LINE__)
#define sx_try_xlock(sx)    _sx_try_xlock((sx), __FILE__, __LINE__)
#define sx_try_slock(sx)    _sx_try_slock((sx), __FILE__, __LINE__)
#define sx_xunlock(sx)      _sx_xunlock((sx), __FILE__, __LINE__)
#define sx_sunlock(sx)      _sx_sunlock((sx), __FILE__, __LINE__)
#define sx_try_upgrade(sx)  _sx_try_upgrade((sx), __FILE__, __LINE__)
#define sx_downgrade(sx)    _sx_downgrade((sx), __FILE__, __LINE__)
#define sx_assert(sx, what) _sx_assert((sx), (what), __FILE__, __LINE__)
#define sx_unlock(sx)                                                          \
	do {                                                                   \
		if (sx_xlocked(sx))                                            \
			sx_xunlock(sx);                                        \
		else                                                           \
			sx_sunlock(sx);                                        \
	} while (0)
#define sx_sleep(chan, sx, pri, wmesg, timo)                                   \
	_sleep((chan), &(sx)->lock_object, (pri), (wmesg), (timo))

struct sx_args {
	struct sx *sa_sx;
	const char *sa_desc;
};

#define SX_SYSINIT(name, sxa, desc)                                            \
	static struct sx_args name##_args = {(sxa), (desc)};                   \
	SYSINIT(name##_sx_sysinit, SI_SUB_LOCK, SI_ORDER_MIDDLE, sx_sysinit,   \
	        &name##_args);                                                 \
	SYSUNINIT(name##_sx_sysuninit, SI_SUB_LOCK, SI_ORDER_MIDDLE,           \
	          sx_destroy, (sxa))

#endif /* _DDE_FBSD_SYS_SX_H_ */
