/*
 * timer.c — timer_list on DDEKit timers, run in softirq context.
 *
 * Each arming starts one DDEKit timer (a "shot") that calls back with the
 * timer_list. A shot that is already firing when the timer is re-armed or
 * deleted cannot be recalled, so the callback re-checks under sched_lock
 * that the timer is still pending and due; dde_shots counts the shots that
 * may still call back, and del_timer_sync() waits for it to reach 0 so the
 * caller may free the timer afterwards.
 */
#include "internal.h"

#include <ddekit/printf.h>
#include <ddekit/timer.h>

#include <linux/timer.h>

static void timer_shot(void *arg)
{
	struct timer_list *timer = arg;
	struct task_struct *t = dde_linux26_task();
	void (*fn)(unsigned long) = NULL;
	unsigned long data = 0;

	dde_linux26_softirq_enter(t);
	dde_linux26_sched_lock();
	if (timer->dde_pending && time_after_eq(jiffies, timer->expires)) {
		timer->dde_pending = 0;
		fn = timer->function;
		data = timer->data;
	}
	dde_linux26_sched_unlock();
	if (fn)
		fn(data);
	dde_linux26_sched_lock();
	timer->dde_shots--;
	dde_linux26_wake_up_locked(&dde_linux26_done_wq, TASK_UNINTERRUPTIBLE,
	                           0);
	dde_linux26_sched_unlock();
	dde_linux26_softirq_exit(t);
}

void init_timer(struct timer_list *timer)
{
	timer->entry.next = NULL;
	timer->entry.prev = NULL;
	timer->dde_id = -1;
	timer->dde_pending = 0;
	timer->dde_shots = 0;
}

int timer_pending(const struct timer_list *timer)
{
	int pending;

	dde_linux26_sched_lock();
	pending = timer->dde_pending;
	dde_linux26_sched_unlock();
	return pending;
}

/* With sched_lock held: cancel the current arming; 1 if it was pending. */
static int disarm_locked(struct timer_list *timer)
{
	if (!timer->dde_pending)
		return 0;
	timer->dde_pending = 0;
	if (ddekit_del_timer(timer->dde_id) == 0)
		timer->dde_shots--;
	return 1;
}

static int arm(struct timer_list *timer, unsigned long expires)
{
	int was_pending;
	int id;

	dde_linux26_sched_lock();
	was_pending = disarm_locked(timer);
	timer->expires = expires;
	id = ddekit_add_timer(timer_shot, timer, expires);
	if (id < 0) {
		ddekit_printf("dde_linux26: no memory to arm a timer\n");
	} else {
		timer->dde_id = id;
		timer->dde_pending = 1;
		timer->dde_shots++;
	}
	dde_linux26_sched_unlock();
	return was_pending;
}

void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	arm(timer, timer->expires);
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return arm(timer, expires);
}

int del_timer(struct timer_list *timer)
{
	int was_pending;

	dde_linux26_sched_lock();
	was_pending = disarm_locked(timer);
	dde_linux26_sched_unlock();
	return was_pending;
}

int del_timer_sync(struct timer_list *timer)
{
	int was_pending;

	/* The running function may be waiting for the bh exclusion. */
	WARN_ON(in_interrupt() || irqs_disabled());
	dde_linux26_sched_lock();
	was_pending = disarm_locked(timer);
	while (timer->dde_shots > 0)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
	return was_pending;
}
