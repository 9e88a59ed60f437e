/*
 * sync.c — completions, mutexes and semaphores on the wait-queue core.
 */
#include "internal.h"

#include <linux/completion.h>
#include <linux/mutex.h>
#include <asm/semaphore.h>

#define ALL_STATES (TASK_UNINTERRUPTIBLE | TASK_INTERRUPTIBLE)

/* --- completions ------------------------------------------------------- */

void complete(struct completion *x)
{
	dde_linux26_sched_lock();
	x->done++;
	dde_linux26_wake_up_locked(&x->wait, ALL_STATES, 1);
	dde_linux26_sched_unlock();
}

void complete_all(struct completion *x)
{
	dde_linux26_sched_lock();
	x->done += UINT_MAX / 2;
	dde_linux26_wake_up_locked(&x->wait, ALL_STATES, 0);
	dde_linux26_sched_unlock();
}

static long wait_for(struct completion *x, long timeout)
{
	might_sleep();
	dde_linux26_sched_lock();
	while (!x->done && timeout)
		timeout = dde_linux26_wait_on_locked(&x->wait, timeout);
	if (x->done) {
		x->done--;
		if (!timeout)
			timeout = 1;
	}
	dde_linux26_sched_unlock();
	return timeout;
}

void wait_for_completion(struct completion *x)
{
	wait_for(x, MAX_SCHEDULE_TIMEOUT);
}

int wait_for_completion_interruptible(struct completion *x)
{
	wait_for(x, MAX_SCHEDULE_TIMEOUT);
	return 0;
}

unsigned long wait_for_completion_timeout(struct completion *x,
                                          unsigned long timeout)
{
	return (unsigned long)wait_for(x, (long)timeout);
}

long wait_for_completion_interruptible_timeout(struct completion *x,
                                               unsigned long timeout)
{
	return wait_for(x, (long)timeout);
}

/* --- mutexes ----------------------------------------------------------- */

void mutex_init(struct mutex *lock)
{
	lock->locked = 0;
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait_list);
}

void mutex_lock(struct mutex *lock)
{
	might_sleep();
	dde_linux26_sched_lock();
	while (lock->locked)
		dde_linux26_wait_on_locked(&lock->wait_list,
		                           MAX_SCHEDULE_TIMEOUT);
	lock->locked = 1;
	lock->owner = dde_linux26_task();
	dde_linux26_sched_unlock();
}

int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

int mutex_trylock(struct mutex *lock)
{
	int taken;

	dde_linux26_sched_lock();
	taken = !lock->locked;
	if (taken) {
		lock->locked = 1;
		lock->owner = dde_linux26_task();
	}
	dde_linux26_sched_unlock();
	return taken;
}

void mutex_unlock(struct mutex *lock)
{
	dde_linux26_sched_lock();
	WARN_ON(!lock->locked || lock->owner != dde_linux26_task());
	lock->locked = 0;
	lock->owner = NULL;
	dde_linux26_wake_up_locked(&lock->wait_list, ALL_STATES, 1);
	dde_linux26_sched_unlock();
}

int mutex_is_locked(struct mutex *lock)
{
	int locked;

	dde_linux26_sched_lock();
	locked = lock->locked;
	dde_linux26_sched_unlock();
	return locked;
}

/* --- semaphores -------------------------------------------------------- */

void sema_init(struct semaphore *sem, int val)
{
	sem->count = val;
	init_waitqueue_head(&sem->wait);
}

void down(struct semaphore *sem)
{
	might_sleep();
	dde_linux26_sched_lock();
	while (sem->count <= 0)
		dde_linux26_wait_on_locked(&sem->wait, MAX_SCHEDULE_TIMEOUT);
	sem->count--;
	dde_linux26_sched_unlock();
}

int down_interruptible(struct semaphore *sem)
{
	down(sem);
	return 0;
}

int down_trylock(struct semaphore *sem)
{
	int busy;

	dde_linux26_sched_lock();
	busy = sem->count <= 0;
	if (!busy)
		sem->count--;
	dde_linux26_sched_unlock();
	return busy;
}

void up(struct semaphore *sem)
{
	dde_linux26_sched_lock();
	sem->count++;
	dde_linux26_wake_up_locked(&sem->wait, ALL_STATES, 1);
	dde_linux26_sched_unlock();
}
