/*
 * sleep.c — msleep/tsleep/wakeup, pause and condition variables.
 *
 * One sleep queue for the environment: a sleeper puts a record with its
 * wait channel on the queue (under sleep_lock) before it lets go of its
 * interlock, so a wakeup after that point finds it; wakeups mark records
 * and broadcast sleep_cv, and each sleeper waits until its own record is
 * marked or its time is up.
 */
#include "internal.h"

#include <ddekit/timer.h>

#include <sys/condvar.h>
#include <sys/mutex.h>
#include <sys/sx.h>

struct sleeper {
	const void *chan;
	int woken;
	TAILQ_ENTRY(sleeper) link;
};

static TAILQ_HEAD(, sleeper) sleepq = TAILQ_HEAD_INITIALIZER(sleepq);

enum { HELD_EXCL = 1, HELD_SHARED = 2 };

int dde_fbsd_lock_release(struct lock_object *lo)
{
	switch (lo->lo_flags & LO_CLASSMASK) {
	case LO_CLASS_MTX: {
		struct mtx *m = __containerof(lo, struct mtx, lock_object);

		mtx_assert(m, MA_OWNED | MA_NOTRECURSED);
		mtx_unlock(m);
		return HELD_EXCL;
	}
	case LO_CLASS_SPIN: {
		struct mtx *m = __containerof(lo, struct mtx, lock_object);

		mtx_assert(m, MA_OWNED | MA_NOTRECURSED);
		mtx_unlock_spin(m);
		return HELD_EXCL;
	}
	case LO_CLASS_SX: {
		struct sx *sx = __containerof(lo, struct sx, lock_object);

		if (sx_xlocked(sx)) {
			sx_xunlock(sx);
			return HELD_EXCL;
		}
		sx_sunlock(sx);
		return HELD_SHARED;
	}
	default:
		panic("sleeping with unknown lock %s", lo->lo_name);
	}
}

void dde_fbsd_lock_acquire(struct lock_object *lo, int how)
{
	switch (lo->lo_flags & LO_CLASSMASK) {
	case LO_CLASS_MTX:
		mtx_lock(__containerof(lo, struct mtx, lock_object));
		break;
	case LO_CLASS_SPIN:
		mtx_lock_spin(__containerof(lo, struct mtx, lock_object));
		break;
	case LO_CLASS_SX:
		if (how == HELD_EXCL)
			sx_xlock(__containerof(lo, struct sx, lock_object));
		else
			sx_slock(__containerof(lo, struct sx, lock_object));
		break;
	default:
		panic("sleeping with unknown lock %s", lo->lo_name);
	}
}

static void check_context(struct lock_object *lock, const char *wmesg)
{
	struct thread *td = curthread;

	/* msleep_spin: the interlock is the one spin mutex allowed. */
	if (lock && (lock->lo_flags & LO_CLASSMASK) == LO_CLASS_SPIN &&
	    td->td_dde_intr_off == 1 && !td->td_intr_nesting_level &&
	    !td->td_dde_no_sleeping)
		return;
	dde_fbsd_assert_sleepable(wmesg ? wmesg : "sleep", __FILE__, __LINE__);
}

int _sleep(const void *chan, struct lock_object *lock, int pri,
           const char *wmesg, int timo)
{
	struct dde_fbsd_env *e = &dde_fbsd_env;
	struct sleeper s = {.chan = chan};
	uint64_t deadline = 0;
	int how = 0, err = 0;

	check_context(lock, wmesg);
	if (timo > 0)
		deadline = ddekit_clock_ns() + (uint64_t)timo * 1000000u;
	ddekit_lock_lock(&e->sleep_lock);
	TAILQ_INSERT_TAIL(&sleepq, &s, link);
	if (lock)
		how = dde_fbsd_lock_release(lock);
	while (!s.woken) {
		if (timo > 0) {
			uint64_t now = ddekit_clock_ns();

			if (now >= deadline) {
				err = EWOULDBLOCK;
				break;
			}
			/* Rounded up: never wake before the deadline. */
			ddekit_condvar_wait_timed(
			    e->sleep_cv, &e->sleep_lock,
			    (int)((deadline - now + 999999) / 1000000));
		} else {
			ddekit_condvar_wait(e->sleep_cv, &e->sleep_lock);
		}
	}
	TAILQ_REMOVE(&sleepq, &s, link);
	ddekit_lock_unlock(&e->sleep_lock);
	if (lock && !(pri & PDROP))
		dde_fbsd_lock_acquire(lock, how);
	return err;
}

static void wake(const void *chan, int one)
{
	struct dde_fbsd_env *e = &dde_fbsd_env;
	struct sleeper *s;
	int any = 0;

	ddekit_lock_lock(&e->sleep_lock);
	TAILQ_FOREACH(s, &sleepq, link)
	{
		if (s->chan != chan || s->woken)
			continue;
		s->woken = 1;
		any = 1;
		if (one)
			break;
	}
	if (any)
		ddekit_condvar_broadcast(e->sleep_cv);
	ddekit_lock_unlock(&e->sleep_lock);
}

void dde_fbsd_wakeup(const void *chan)
{
	wake(chan, 0);
}

void dde_fbsd_wakeup_one(const void *chan)
{
	wake(chan, 1);
}

int pause(const char *wmesg, int timo)
{
	static const char chan;

	/* Nobody knows the channel: this always times out. */
	return _sleep(&chan, NULL, 0, wmesg, timo > 0 ? timo : 1);
}

/* ---- condition variables: sleeps on the cv's address ---- */

void cv_init(struct cv *cvp, const char *desc)
{
	cvp->cv_description = desc;
	cvp->cv_waiters = 0;
}

void cv_destroy(struct cv *cvp)
{
	(void)cvp;
}

static int cv_sleep(struct cv *cvp, struct lock_object *lock, int flags,
                    int timo)
{
	int err;

	/* Atomic: with PDROP the count drops after the lock is gone. */
	__atomic_fetch_add(&cvp->cv_waiters, 1, __ATOMIC_RELAXED);
	err = _sleep(cvp, lock, flags, cvp->cv_description, timo);
	__atomic_fetch_sub(&cvp->cv_waiters, 1, __ATOMIC_RELAXED);
	return err;
}

void _cv_wait(struct cv *cvp, struct lock_object *lock)
{
	cv_sleep(cvp, lock, 0, 0);
}

void _cv_wait_unlock(struct cv *cvp, struct lock_object *lock)
{
	cv_sleep(cvp, lock, PDROP, 0);
}

int _cv_wait_sig(struct cv *cvp, struct lock_object *lock)
{
	return cv_sleep(cvp, lock, 0, 0);
}

int _cv_timedwait(struct cv *cvp, struct lock_object *lock, int timo)
{
	return cv_sleep(cvp, lock, 0, timo > 0 ? timo : 1);
}

int _cv_timedwait_sig(struct cv *cvp, struct lock_object *lock, int timo)
{
	return _cv_timedwait(cvp, lock, timo);
}

void cv_signal(struct cv *cvp)
{
	wake(cvp, 1);
}

void cv_broadcastpri(struct cv *cvp, int pri)
{
	(void)pri;
	wake(cvp, 0);
}
