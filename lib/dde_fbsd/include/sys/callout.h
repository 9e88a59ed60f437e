/*
 * sys/callout.h — callout(9) (FreeBSD 7, libdde).
 *
 * Handlers run in one softclock thread, never before @ticks have passed
 * (measured on the DDEKit clock, not rounded down), one at a time, with the
 * associated lock held for callout_init_mtx() (Giant for callout_init(c, 0)).
 * With that lock held by the caller, callout_stop()/callout_reset() also
 * cancel a handler that is already due but waits for the lock.
 * Handlers may not sleep (msleep panics there).
 */
#ifndef _DDE_FBSD_SYS_CALLOUT_H_
#define _DDE_FBSD_SYS_CALLOUT_H_

#include <sys/types.h>
#include <sys/queue.h>

struct lock_object;
struct mtx;

struct callout {
	TAILQ_ENTRY(callout) c_links;
	uint64_t c_dde_due; /* DDEKit clock, ns */
	int c_time;         /* ticks when due */
	void *c_arg;
	void (*c_func)(void *);
	struct lock_object *c_lock;
	int c_flags;
};

#define CALLOUT_LOCAL_ALLOC    0x0001
#define CALLOUT_ACTIVE         0x0002
#define CALLOUT_PENDING        0x0004
#define CALLOUT_MPSAFE         0x0008
#define CALLOUT_RETURNUNLOCKED 0x0010
#define CALLOUT_SHAREDLOCK     0x0020

__BEGIN_DECLS
void callout_init(struct callout *c, int mpsafe);
void _callout_init_lock(struct callout *c, struct lock_object *lock, int flags);
int callout_reset(struct callout *c, int to_ticks, void (*func)(void *),
                  void *arg);
int _callout_stop_safe(struct callout *c, int drain);
int callout_schedule(struct callout *c, int to_ticks);
__END_DECLS

#define callout_init_mtx(c, mtx, flags)                                        \
	_callout_init_lock((c), ((mtx) != NULL) ? &(mtx)->lock_object : NULL,  \
	                   (flags))
#define callout_stop(c)  _callout_stop_safe((c), 0)
#define callout_drain(c) _callout_stop_safe((c), 1)
/* Atomic: drivers test these without the softclock's lock. */
#define callout_active(c)                                                      \
	(__atomic_load_n(&(c)->c_flags, __ATOMIC_RELAXED) & CALLOUT_ACTIVE)
#define callout_deactivate(c)                                                  \
	__atomic_fetch_and(&(c)->c_flags, ~CALLOUT_ACTIVE, __ATOMIC_RELAXED)
#define callout_pending(c)                                                     \
	(__atomic_load_n(&(c)->c_flags, __ATOMIC_RELAXED) & CALLOUT_PENDING)

#endif /* _DDE_FBSD_SYS_CALLOUT_H_ */
