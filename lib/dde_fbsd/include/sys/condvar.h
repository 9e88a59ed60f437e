/*
 * sys/condvar.h — condition variables (FreeBSD 7, libdde).
 *
 * The lock may be any mutex or sx lock (released while waiting, held again
 * on return). Timeouts are in ticks; a timed-out wait returns EWOULDBLOCK.
 * No signals here, so the _sig variants never return EINTR/ERESTART.
 */
#ifndef _DDE_FBSD_SYS_CONDVAR_H_
#define _DDE_FBSD_SYS_CONDVAR_H_

#include <sys/types.h>
#include <sys/lock.h>

struct cv {
	const char *cv_description;
	int cv_waiters;
};

__BEGIN_DECLS
void cv_init(struct cv *cvp, const char *desc);
void cv_destroy(struct cv *cvp);
void _cv_wait(struct cv *cvp, struct lock_object *lock);
void _cv_wait_unlock(struct cv *cvp, struct lock_object *lock);
int _cv_wait_sig(struct cv *cvp, struct lock_object *lock);
int _cv_timedwait(struct cv *cvp, struct lock_object *lock, int timo);
int _cv_timedwait_sig(struct cv *cvp, struct lock_object *lock, int timo);
void cv_signal(struct cv *cvp);
void cv_broadcastpri(struct cv *cvp, int pri);
__END_DECLS

#define cv_wait(cvp, lock)        _cv_wait((cvp), &(lock)->lock_object)
#define cv_wait_unlock(cvp, lock) _cv_wait_unlock((cvp), &(lock)->lock_object)
#define cv_wait_sig(cvp, lock)    _cv_wait_sig((cvp), &(lock)->lock_object)
#define cv_timedwait(cvp, lock, timo)                                          \
	_cv_timedwait((cvp), &(lock)->lock_object, (timo))
#define cv_timedwait_sig(cvp, lock, timo)                                      \
	_cv_timedwait_sig((cvp), &(lock)->lock_object, (timo))
#define cv_broadcast(cvp) cv_broadcastpri((cvp), 0)
#define cv_wmesg(cvp)     ((cvp)->cv_description)

#endif /* _DDE_FBSD_SYS_CONDVAR_H_ */
