/*
 * sched.c — sleeping and waking: task states, schedule(), wait queues.
 *
 * All of it runs under the one sched_lock; sleepers wait on sched_cv and
 * recheck their own state after every broadcast, so a wakeup can never be
 * lost between a state change and the sleep.
 */
#include "internal.h"

#include <ddekit/timer.h>

#include <linux/sched.h>
#include <linux/wait.h>

#define env dde_linux26_env

DECLARE_WAIT_QUEUE_HEAD(dde_linux26_done_wq);

void dde_linux26_sched_lock(void)
{
	ddekit_lock_lock(&env.sched_lock);
}

void dde_linux26_sched_unlock(void)
{
	ddekit_lock_unlock(&env.sched_lock);
}

long dde_linux26_sleep_locked(struct task_struct *t, long timeout)
{
	unsigned long deadline;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		while (t->state != TASK_RUNNING)
			ddekit_condvar_wait(env.sched_cv, &env.sched_lock);
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	deadline = jiffies + (unsigned long)timeout;
	for (;;) {
		left = (long)(deadline - jiffies);
		if (t->state == TASK_RUNNING || left <= 0)
			break;
		/* A jiffy is a millisecond (time.c checks HZ). */
		ddekit_condvar_wait_timed(env.sched_cv, &env.sched_lock,
		                          left > INT_MAX ? INT_MAX : (int)left);
	}
	return left > 0 ? left : 0;
}

void dde_linux26_wake_locked(struct task_struct *t)
{
	t->state = TASK_RUNNING;
	ddekit_condvar_broadcast(env.sched_cv);
}

void dde_linux26_set_state(long state)
{
	struct task_struct *t = dde_linux26_task();

	dde_linux26_sched_lock();
	t->state = state;
	dde_linux26_sched_unlock();
}

void schedule(void)
{
	struct task_struct *t = dde_linux26_task();

	might_sleep();
	dde_linux26_sched_lock();
	if (t->state == TASK_RUNNING) {
		dde_linux26_sched_unlock();
		ddekit_yield();
		return;
	}
	dde_linux26_sleep_locked(t, MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
}

long schedule_timeout(long timeout)
{
	struct task_struct *t = dde_linux26_task();
	long left;

	might_sleep();
	dde_linux26_sched_lock();
	left = dde_linux26_sleep_locked(t, timeout);
	t->state = TASK_RUNNING;
	dde_linux26_sched_unlock();
	return left;
}

long schedule_timeout_interruptible(long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

int wake_up_process(struct task_struct *tsk)
{
	int woke;

	dde_linux26_sched_lock();
	woke = tsk->state != TASK_RUNNING;
	dde_linux26_wake_locked(tsk);
	dde_linux26_sched_unlock();
	return woke;
}

void yield(void)
{
	ddekit_yield();
}

int cond_resched(void)
{
	might_sleep();
	ddekit_yield();
	return 0;
}

/* --- wait queues ------------------------------------------------------- */

void init_waitqueue_head(wait_queue_head_t *q)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->task_list);
}

int waitqueue_active(wait_queue_head_t *q)
{
	int active;

	dde_linux26_sched_lock();
	active = !list_empty(&q->task_list);
	dde_linux26_sched_unlock();
	return active;
}

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	dde_linux26_sched_lock();
	wait->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&wait->task_list, &q->task_list);
	dde_linux26_sched_unlock();
}

void add_wait_queue_exclusive(wait_queue_head_t *q, wait_queue_t *wait)
{
	dde_linux26_sched_lock();
	wait->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&wait->task_list, &q->task_list);
	dde_linux26_sched_unlock();
}

void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	(void)q;
	dde_linux26_sched_lock();
	list_del(&wait->task_list);
	dde_linux26_sched_unlock();
}

static void prepare(wait_queue_head_t *q, wait_queue_t *wait, int state,
                    int exclusive)
{
	struct task_struct *t = dde_linux26_task();

	dde_linux26_sched_lock();
	if (list_empty(&wait->task_list)) {
		if (exclusive) {
			wait->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&wait->task_list, &q->task_list);
		} else {
			wait->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&wait->task_list, &q->task_list);
		}
	}
	t->state = state;
	dde_linux26_sched_unlock();
}

void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, int state)
{
	prepare(q, wait, state, 0);
}

void prepare_to_wait_exclusive(wait_queue_head_t *q, wait_queue_t *wait,
                               int state)
{
	prepare(q, wait, state, 1);
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *wait)
{
	struct task_struct *t = dde_linux26_task();

	(void)q;
	dde_linux26_sched_lock();
	t->state = TASK_RUNNING;
	if (!list_empty(&wait->task_list))
		list_del_init(&wait->task_list);
	dde_linux26_sched_unlock();
}

int default_wake_function(wait_queue_t *wait, unsigned mode, int sync,
                          void *key)
{
	struct task_struct *t = wait->private;

	(void)sync;
	(void)key;
	if (!(t->state & (long)mode))
		return 0;
	dde_linux26_wake_locked(t);
	return 1;
}

int autoremove_wake_function(wait_queue_t *wait, unsigned mode, int sync,
                             void *key)
{
	int woke = default_wake_function(wait, mode, sync, key);

	if (woke)
		list_del_init(&wait->task_list);
	return woke;
}

void dde_linux26_wake_up_locked(wait_queue_head_t *q, unsigned int mode, int nr)
{
	wait_queue_t *curr, *next;

	list_for_each_entry_safe(curr, next, &q->task_list, task_list)
	{
		unsigned flags = curr->flags;

		if (curr->func(curr, mode, 0, NULL) &&
		    (flags & WQ_FLAG_EXCLUSIVE) && !--nr)
			break;
	}
}

void __wake_up(wait_queue_head_t *q, unsigned int mode, int nr, void *key)
{
	(void)key;
	dde_linux26_sched_lock();
	dde_linux26_wake_up_locked(q, mode, nr);
	dde_linux26_sched_unlock();
}

long dde_linux26_wait_on_locked(wait_queue_head_t *q, long timeout)
{
	struct task_struct *t = dde_linux26_task();
	wait_queue_t wait = {
	    .flags = WQ_FLAG_EXCLUSIVE,
	    .private = t,
	    .func = default_wake_function,
	};

	list_add_tail(&wait.task_list, &q->task_list);
	t->state = TASK_UNINTERRUPTIBLE;
	timeout = dde_linux26_sleep_locked(t, timeout);
	t->state = TASK_RUNNING;
	list_del(&wait.task_list);
	return timeout;
}
