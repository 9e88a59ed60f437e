/*
 * lock.c — sleeping locks on a host mutex and a wait queue.
 *
 * The host mutex only guards the lock's state for a few instructions; the
 * lock itself is "held" while ->owner is non-zero. Because the state is not
 * tied to a host thread, any thread may release the lock, as DDE code that
 * uses a lock as a one-shot signal needs. An unlock frees the lock and wakes
 * one waiter, which competes again with threads arriving meanwhile; that is
 * cheaper than handing the lock over and loses nothing, since every unlock
 * wakes another waiter while some remain.
 */
#include "internal.h"

#include <ddekit/lock.h>
#include <ddekit/panic.h>
#include <ddekit/printf.h>

struct ddekit_lock {
	struct ddekit_host_mutex *guard;
	struct ddekit__waitq waiters;
	int owner; /* thread id, 0 when free */
};

static void lock_create(ddekit_lock_t *mtx, int owner)
{
	struct ddekit_lock *l = ddekit__zalloc(sizeof(*l));

	*mtx = NULL;
	if (!l)
		goto fail;
	if (ddekit_host_mutex_create(&l->guard) < 0) {
		ddekit__free(l);
		goto fail;
	}
	l->owner = owner;
	*mtx = l;
	return;
fail:
	ddekit_printf("ddekit: no memory for a lock\n");
}

void ddekit_lock_init(ddekit_lock_t *mtx)
{
	lock_create(mtx, 0);
}

void ddekit_lock_init_unlocked(ddekit_lock_t *mtx)
{
	lock_create(mtx, 0);
}

void ddekit_lock_init_locked(ddekit_lock_t *mtx)
{
	lock_create(mtx, ddekit__thread_self()->id);
}

void ddekit_lock_deinit(ddekit_lock_t *mtx)
{
	struct ddekit_lock *l = *mtx;
	bool busy;

	if (!l)
		return;
	ddekit_host_mutex_lock(l->guard);
	busy = l->owner || l->waiters.head;
	ddekit_host_mutex_unlock(l->guard);
	if (busy)
		ddekit_panic("ddekit_lock_deinit() of a held lock");
	ddekit_host_mutex_destroy(l->guard);
	ddekit__free(l);
	*mtx = NULL;
}

void ddekit_lock_lock(ddekit_lock_t *mtx)
{
	struct ddekit_lock *l = *mtx;
	int self = ddekit__thread_self()->id;

	ddekit_host_mutex_lock(l->guard);
	while (l->owner)
		ddekit__waitq_wait(&l->waiters, l->guard, DDEKIT_HOST_FOREVER);
	l->owner = self;
	ddekit_host_mutex_unlock(l->guard);
}

int ddekit_lock_try_lock(ddekit_lock_t *mtx)
{
	struct ddekit_lock *l = *mtx;
	int self = ddekit__thread_self()->id;
	int rc = -1;

	ddekit_host_mutex_lock(l->guard);
	if (!l->owner) {
		l->owner = self;
		rc = 0;
	}
	ddekit_host_mutex_unlock(l->guard);
	return rc;
}

void ddekit_lock_unlock(ddekit_lock_t *mtx)
{
	struct ddekit_lock *l = *mtx;
	struct ddekit__wakeups wk = {0};
	bool was_free;

	ddekit_host_mutex_lock(l->guard);
	was_free = l->owner == 0;
	l->owner = 0;
	ddekit__waitq_wake_one(&l->waiters, &wk);
	ddekit_host_mutex_unlock(l->guard);
	ddekit__wakeups_deliver(&wk);
	if (was_free)
		ddekit_panic("ddekit_lock_unlock() of a free lock");
}

int ddekit_lock_owner(ddekit_lock_t *mtx)
{
	struct ddekit_lock *l = *mtx;
	int owner;

	ddekit_host_mutex_lock(l->guard);
	owner = l->owner;
	ddekit_host_mutex_unlock(l->guard);
	return owner;
}
