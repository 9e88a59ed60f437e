/*
 * condvar.c — condition variables for ddekit locks.
 *
 * The waiter is queued under the condvar's guard before it releases the
 * ddekit lock, and signallers take the same guard, so a signal sent after
 * the lock was released finds the waiter queued.
 */
#include "internal.h"

#include <ddekit/condvar.h>
#include <ddekit/panic.h>

struct ddekit_condvar {
	struct ddekit_host_mutex *guard;
	struct ddekit__waitq waiters;
};

ddekit_condvar_t *ddekit_condvar_init(void)
{
	struct ddekit_condvar *cv = ddekit__zalloc(sizeof(*cv));

	if (!cv)
		return NULL;
	if (ddekit_host_mutex_create(&cv->guard) < 0) {
		ddekit__free(cv);
		return NULL;
	}
	return cv;
}

void ddekit_condvar_deinit(ddekit_condvar_t *cvp)
{
	bool waited_for;

	if (!cvp)
		return;
	ddekit_host_mutex_lock(cvp->guard);
	waited_for = cvp->waiters.head != NULL;
	ddekit_host_mutex_unlock(cvp->guard);
	if (waited_for)
		ddekit_panic("ddekit_condvar_deinit() of a condvar waited for");
	ddekit_host_mutex_destroy(cvp->guard);
	ddekit__free(cvp);
}

static int wait_until(struct ddekit_condvar *cv, ddekit_lock_t *mp,
                      uint64_t deadline)
{
	int rc;

	ddekit_host_mutex_lock(cv->guard);
	ddekit_lock_unlock(mp);
	rc = ddekit__waitq_wait(&cv->waiters, cv->guard, deadline);
	ddekit_host_mutex_unlock(cv->guard);
	ddekit_lock_lock(mp);
	return rc < 0 ? -1 : 0;
}

void ddekit_condvar_wait(ddekit_condvar_t *cvp, ddekit_lock_t *mp)
{
	wait_until(cvp, mp, DDEKIT_HOST_FOREVER);
}

int ddekit_condvar_wait_timed(ddekit_condvar_t *cvp, ddekit_lock_t *mp,
                              int timo)
{
	uint64_t deadline = ddekit_host_clock_ns();

	if (timo > 0)
		deadline += (uint64_t)timo * 1000000u;
	return wait_until(cvp, mp, deadline);
}

void ddekit_condvar_signal(ddekit_condvar_t *cvp)
{
	struct ddekit__wakeups wk = {0};

	ddekit_host_mutex_lock(cvp->guard);
	ddekit__waitq_wake_one(&cvp->waiters, &wk);
	ddekit_host_mutex_unlock(cvp->guard);
	ddekit__wakeups_deliver(&wk);
}

void ddekit_condvar_broadcast(ddekit_condvar_t *cvp)
{
	struct ddekit__wakeups wk = {0};

	ddekit_host_mutex_lock(cvp->guard);
	ddekit__waitq_wake_all(&cvp->waiters, &wk);
	ddekit_host_mutex_unlock(cvp->guard);
	ddekit__wakeups_deliver(&wk);
}
