/*
 * semaphore.c — counting semaphores on a host mutex and a wait queue.
 *
 * An up increments the count and wakes one waiter; the woken thread takes
 * the count only if it is still there when it runs. A waiter whose time ran
 * out looks at the count once more before giving up, so a count that arrived
 * with the deadline is taken rather than left behind with nobody woken for
 * it. Every count is thus either taken or still visible to the next down.
 */
#include "internal.h"

#include <ddekit/panic.h>
#include <ddekit/semaphore.h>

struct ddekit_sem {
	struct ddekit_host_mutex *guard;
	struct ddekit__waitq waiters;
	int count;
};

ddekit_sem_t *ddekit_sem_init(int value)
{
	struct ddekit_sem *s;

	if (value < 0)
		return NULL;
	s = ddekit__zalloc(sizeof(*s));
	if (!s)
		return NULL;
	if (ddekit_host_mutex_create(&s->guard) < 0) {
		ddekit__free(s);
		return NULL;
	}
	s->count = value;
	return s;
}

void ddekit_sem_deinit(ddekit_sem_t *sem)
{
	bool waited_for;

	if (!sem)
		return;
	ddekit_host_mutex_lock(sem->guard);
	waited_for = sem->waiters.head != NULL;
	ddekit_host_mutex_unlock(sem->guard);
	if (waited_for)
		ddekit_panic("ddekit_sem_deinit() of a semaphore waited for");
	ddekit_host_mutex_destroy(sem->guard);
	ddekit__free(sem);
}

/* Take one count, waiting until @deadline; guard held. 0 or -1. */
static int down_locked(struct ddekit_sem *s, uint64_t deadline)
{
	while (s->count == 0) {
		if (ddekit__waitq_wait(&s->waiters, s->guard, deadline) ==
		        -DDEKIT_ETIMEDOUT &&
		    s->count == 0)
			return -1;
	}
	s->count--;
	return 0;
}

void ddekit_sem_down(ddekit_sem_t *sem)
{
	ddekit_host_mutex_lock(sem->guard);
	down_locked(sem, DDEKIT_HOST_FOREVER);
	ddekit_host_mutex_unlock(sem->guard);
}

int ddekit_sem_down_try(ddekit_sem_t *sem)
{
	int rc = -1;

	ddekit_host_mutex_lock(sem->guard);
	if (sem->count > 0) {
		sem->count--;
		rc = 0;
	}
	ddekit_host_mutex_unlock(sem->guard);
	return rc;
}

int ddekit_sem_down_timed(ddekit_sem_t *sem, int timo)
{
	uint64_t deadline;
	int rc;

	if (timo <= 0)
		return ddekit_sem_down_try(sem);
	deadline = ddekit_host_clock_ns() + (uint64_t)timo * 1000000u;
	ddekit_host_mutex_lock(sem->guard);
	rc = down_locked(sem, deadline);
	ddekit_host_mutex_unlock(sem->guard);
	return rc;
}

void ddekit_sem_up(ddekit_sem_t *sem)
{
	struct ddekit__wakeups wk = {0};

	ddekit_host_mutex_lock(sem->guard);
	sem->count++;
	ddekit__waitq_wake_one(&sem->waiters, &wk);
	ddekit_host_mutex_unlock(sem->guard);
	/* @sem may be freed by now (a one-shot completion); wk is ours. */
	ddekit__wakeups_deliver(&wk);
}
