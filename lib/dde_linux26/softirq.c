/*
 * softirq.c — tasklets, run one at a time by the softirq thread.
 *
 * One thread runs every tasklet in softirq context, so a tasklet never runs
 * concurrently with itself or another softirq. A disabled tasklet that is
 * scheduled waits on a side list until tasklet_enable().
 */
#include "internal.h"

#include <ddekit/printf.h>

#include <linux/errno.h>
#include <linux/interrupt.h>

static struct {
	struct task_struct *task;
	struct tasklet_struct *head, **tail; /* ready to run */
	struct tasklet_struct *disabled;     /* scheduled while disabled */
	int stop;
	int exited;
} sirq;

static void enqueue_locked(struct tasklet_struct *t)
{
	t->next = NULL;
	*sirq.tail = t;
	sirq.tail = &t->next;
	if (sirq.task)
		dde_linux26_wake_locked(sirq.task);
}

static void softirq_thread(void *arg)
{
	struct task_struct *me = arg;
	struct tasklet_struct *t;

	ddekit_thread_set_my_data(me);
	dde_linux26_sched_lock();
	for (;;) {
		while (!sirq.head && !sirq.stop) {
			me->state = TASK_INTERRUPTIBLE;
			dde_linux26_sleep_locked(me, MAX_SCHEDULE_TIMEOUT);
		}
		if (!sirq.head)
			break;
		t = sirq.head;
		sirq.head = t->next;
		if (!sirq.head)
			sirq.tail = &sirq.head;
		if (atomic_read(&t->count)) {
			t->next = sirq.disabled;
			sirq.disabled = t;
			continue;
		}
		set_bit(TASKLET_STATE_RUN, &t->state);
		clear_bit(TASKLET_STATE_SCHED, &t->state);
		dde_linux26_sched_unlock();

		dde_linux26_softirq_enter(me);
		t->func(t->data);
		dde_linux26_softirq_exit(me);

		dde_linux26_sched_lock();
		clear_bit(TASKLET_STATE_RUN, &t->state);
		dde_linux26_wake_up_locked(&dde_linux26_done_wq,
		                           TASK_UNINTERRUPTIBLE, 0);
	}
	sirq.exited = 1;
	dde_linux26_wake_up_locked(&dde_linux26_done_wq, TASK_UNINTERRUPTIBLE,
	                           0);
	dde_linux26_sched_unlock();
}

int dde_linux26_softirq_start(void)
{
	struct task_struct *me = dde_linux26_task_alloc("ksoftirqd");

	if (!me)
		return -ENOMEM;
	dde_linux26_sched_lock();
	sirq.head = NULL;
	sirq.tail = &sirq.head;
	sirq.disabled = NULL;
	sirq.stop = 0;
	sirq.exited = 0;
	sirq.task = me;
	dde_linux26_sched_unlock();
	if (!ddekit_thread_create(softirq_thread, me, "ksoftirqd")) {
		sirq.task = NULL;
		dde_linux26_task_free(me);
		return -ENOMEM;
	}
	return 0;
}

void dde_linux26_softirq_stop(void)
{
	struct task_struct *me;

	if (!sirq.task)
		return;
	dde_linux26_sched_lock();
	sirq.stop = 1;
	dde_linux26_wake_locked(sirq.task);
	while (!sirq.exited)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	me = sirq.task;
	sirq.task = NULL;
	dde_linux26_sched_unlock();
	dde_linux26_task_free(me);
}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
                  unsigned long data)
{
	t->next = NULL;
	t->state = 0;
	atomic_set(&t->count, 0);
	t->func = func;
	t->data = data;
}

void tasklet_schedule(struct tasklet_struct *t)
{
	if (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		return;
	dde_linux26_sched_lock();
	enqueue_locked(t);
	dde_linux26_sched_unlock();
}

void tasklet_hi_schedule(struct tasklet_struct *t)
{
	tasklet_schedule(t);
}

void tasklet_disable_nosync(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
}

void tasklet_disable(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
	dde_linux26_sched_lock();
	while (test_bit(TASKLET_STATE_RUN, &t->state))
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
}

void tasklet_enable(struct tasklet_struct *t)
{
	struct tasklet_struct *d;

	if (atomic_dec_return(&t->count))
		return;
	dde_linux26_sched_lock();
	/* Requeue them all; those still disabled come back here. */
	while ((d = sirq.disabled)) {
		sirq.disabled = d->next;
		enqueue_locked(d);
	}
	dde_linux26_sched_unlock();
}

void tasklet_kill(struct tasklet_struct *t)
{
	might_sleep();
	dde_linux26_sched_lock();
	while (test_bit(TASKLET_STATE_SCHED, &t->state) ||
	       test_bit(TASKLET_STATE_RUN, &t->state))
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
}
