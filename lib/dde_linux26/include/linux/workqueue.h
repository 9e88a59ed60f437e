/*
 * linux/workqueue.h — workqueues (libdde emulation of Linux 2.6.24, with
 * the 2.6.20+ work_struct: work functions get the work_struct pointer).
 *
 * Each workqueue is one thread in process context running its work in
 * queueing order; schedule_work() uses the shared "events" queue.
 * Knowingly missing: per-CPU queues (create_workqueue is single-threaded
 * too), work_on_cpu, schedule_on_each_cpu, cancel_rearming_delayed_work.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/list.h>
#include <linux/timer.h>
#include <asm/atomic.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

#define WORK_STRUCT_PENDING 0 /* bit 0 of data: queued, not yet running */

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *dde_wq; /* libdde: target of the timer */
};

#define WORK_DATA_INIT() ATOMIC_LONG_INIT(0)
#define __WORK_INITIALIZER(n, f)                                               \
	{                                                                      \
		.data = WORK_DATA_INIT(), .entry = {&(n).entry, &(n).entry},   \
		.func = (f)                                                    \
	}
#define __DELAYED_WORK_INITIALIZER(n, f)                                       \
	{                                                                      \
		.work = __WORK_INITIALIZER((n).work, (f)),                     \
		.timer = TIMER_INITIALIZER(NULL, 0, 0)                         \
	}
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)                                             \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f)

#define INIT_WORK(_work, _func)                                                \
	do {                                                                   \
		atomic_long_set(&(_work)->data, 0);                            \
		INIT_LIST_HEAD(&(_work)->entry);                               \
		(_work)->func = (_func);                                       \
	} while (0)
#define PREPARE_WORK(_work, _func) ((_work)->func = (_func))
#define INIT_DELAYED_WORK(_work, _func)                                        \
	do {                                                                   \
		INIT_WORK(&(_work)->work, (_func));                            \
		init_timer(&(_work)->timer);                                   \
	} while (0)
#define INIT_DELAYED_WORK_DEFERRABLE(_work, _func)                             \
	INIT_DELAYED_WORK(_work, _func)

#define work_pending(work)                                                     \
	test_bit(WORK_STRUCT_PENDING, (unsigned long *)&(work)->data.counter)
#define delayed_work_pending(w) work_pending(&(w)->work)

struct workqueue_struct *create_singlethread_workqueue(const char *name);
#define create_workqueue(name)            create_singlethread_workqueue(name)
#define create_freezeable_workqueue(name) create_singlethread_workqueue(name)
void destroy_workqueue(struct workqueue_struct *wq);

/* Return 1 if queued, 0 if it was already pending. */
int queue_work(struct workqueue_struct *wq, struct work_struct *work);
int queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *work,
                       unsigned long delay);
int schedule_work(struct work_struct *work);
int schedule_delayed_work(struct delayed_work *work, unsigned long delay);

/* Wait until all work queued before the call has run. Process context. */
void flush_workqueue(struct workqueue_struct *wq);
void flush_scheduled_work(void);

/* Returns 1 if the delayed work's timer was pending (the work will not
 * run for it), 0 otherwise; does not wait for a running work function. */
int cancel_delayed_work(struct delayed_work *work);
/* Cancels pending work and waits until it is not running. Returns 1 if it
 * was pending. */
int cancel_work_sync(struct work_struct *work);
int cancel_delayed_work_sync(struct delayed_work *work);

#endif /* _LINUX_WORKQUEUE_H */
