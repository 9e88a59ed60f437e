/*
 * workqueue.c — workqueues: one process-context thread per queue.
 *
 * A work item carries its queue in work->data (bit 0: pending). Flushing
 * compares two counters: items queued and items finished (run or
 * cancelled); the queue runs items in order, so "finished >= queued at the
 * time of the flush" means everything queued before has run.
 */
#include "internal.h"

#include <ddekit/memory.h>

#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

struct workqueue_struct {
	char name[TASK_COMM_LEN];
	struct task_struct *task;
	struct list_head list;
	struct work_struct *running;
	unsigned long queued, done;
	int stop, exited;
};

static struct workqueue_struct *keventd_wq;

#define PENDING_BIT (1UL << WORK_STRUCT_PENDING)

static unsigned long *work_bits(struct work_struct *work)
{
	return (unsigned long *)&work->data.counter;
}

static void worker(void *arg)
{
	struct workqueue_struct *wq = arg;
	struct task_struct *me = wq->task;
	struct work_struct *work;
	work_func_t fn;

	ddekit_thread_set_my_data(me);
	dde_linux26_sched_lock();
	for (;;) {
		while (list_empty(&wq->list) && !wq->stop) {
			me->state = TASK_INTERRUPTIBLE;
			dde_linux26_sleep_locked(me, MAX_SCHEDULE_TIMEOUT);
		}
		if (list_empty(&wq->list))
			break;
		work = list_first_entry(&wq->list, struct work_struct, entry);
		list_del_init(&work->entry);
		/* Cleared first: the function may queue its own item again. */
		clear_bit(WORK_STRUCT_PENDING, work_bits(work));
		wq->running = work;
		fn = work->func;
		dde_linux26_sched_unlock();
		fn(work);
		dde_linux26_sched_lock();
		wq->running = NULL;
		wq->done++;
		dde_linux26_wake_up_locked(&dde_linux26_done_wq,
		                           TASK_UNINTERRUPTIBLE, 0);
	}
	wq->exited = 1;
	dde_linux26_wake_up_locked(&dde_linux26_done_wq, TASK_UNINTERRUPTIBLE,
	                           0);
	dde_linux26_sched_unlock();
}

struct workqueue_struct *create_singlethread_workqueue(const char *name)
{
	struct workqueue_struct *wq;

	might_sleep();
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return NULL;
	strlcpy(wq->name, name, sizeof(wq->name));
	INIT_LIST_HEAD(&wq->list);
	wq->task = dde_linux26_task_alloc(name);
	if (!wq->task)
		goto out_wq;
	if (!ddekit_thread_create(worker, wq, name))
		goto out_task;
	return wq;

out_task:
	dde_linux26_task_free(wq->task);
out_wq:
	kfree(wq);
	return NULL;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
	dde_linux26_sched_lock();
	wq->stop = 1;
	dde_linux26_wake_locked(wq->task);
	while (!wq->exited)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
	dde_linux26_task_free(wq->task);
	kfree(wq);
}

/* With sched_lock held, the item's pending bit already set. */
static void insert_locked(struct workqueue_struct *wq, struct work_struct *work)
{
	atomic_long_set(&work->data, (long)wq | (long)PENDING_BIT);
	list_add_tail(&work->entry, &wq->list);
	wq->queued++;
	dde_linux26_wake_locked(wq->task);
}

int queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING, work_bits(work)))
		return 0;
	dde_linux26_sched_lock();
	insert_locked(wq, work);
	dde_linux26_sched_unlock();
	return 1;
}

static void delayed_work_timer_fn(unsigned long data)
{
	struct delayed_work *dwork = (struct delayed_work *)data;

	dde_linux26_sched_lock();
	insert_locked(dwork->dde_wq, &dwork->work);
	dde_linux26_sched_unlock();
}

int queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
                       unsigned long delay)
{
	if (!delay)
		return queue_work(wq, &dwork->work);
	if (test_and_set_bit(WORK_STRUCT_PENDING, work_bits(&dwork->work)))
		return 0;
	dwork->dde_wq = wq;
	dwork->timer.function = delayed_work_timer_fn;
	dwork->timer.data = (unsigned long)dwork;
	mod_timer(&dwork->timer, jiffies + delay);
	return 1;
}

int schedule_work(struct work_struct *work)
{
	return queue_work(keventd_wq, work);
}

int schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(keventd_wq, dwork, delay);
}

void flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long target;

	might_sleep();
	dde_linux26_sched_lock();
	target = wq->queued;
	while ((long)(wq->done - target) < 0)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
}

void flush_scheduled_work(void)
{
	flush_workqueue(keventd_wq);
}

int cancel_delayed_work(struct delayed_work *dwork)
{
	int was_pending = del_timer(&dwork->timer);

	if (was_pending)
		clear_bit(WORK_STRUCT_PENDING, work_bits(&dwork->work));
	return was_pending;
}

int cancel_work_sync(struct work_struct *work)
{
	struct workqueue_struct *wq;
	int was_pending = 0;

	might_sleep();
	dde_linux26_sched_lock();
	wq = (struct workqueue_struct *)(atomic_long_read(&work->data) &
	                                 ~(long)PENDING_BIT);
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		clear_bit(WORK_STRUCT_PENDING, work_bits(work));
		wq->done++;
		was_pending = 1;
		dde_linux26_wake_up_locked(&dde_linux26_done_wq,
		                           TASK_UNINTERRUPTIBLE, 0);
	}
	while (wq && wq->running == work)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	dde_linux26_sched_unlock();
	return was_pending;
}

int cancel_delayed_work_sync(struct delayed_work *dwork)
{
	int was_pending = del_timer_sync(&dwork->timer);

	if (was_pending)
		clear_bit(WORK_STRUCT_PENDING, work_bits(&dwork->work));
	return cancel_work_sync(&dwork->work) || was_pending;
}

int dde_linux26_workqueue_start(void)
{
	keventd_wq = create_singlethread_workqueue("events");
	return keventd_wq ? 0 : -ENOMEM;
}

void dde_linux26_workqueue_stop(void)
{
	if (keventd_wq)
		destroy_workqueue(keventd_wq);
	keventd_wq = NULL;
}
