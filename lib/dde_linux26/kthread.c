/*
 * kthread.c — kernel threads as DDEKit threads.
 */
#include "internal.h"

#include <ddekit/printf.h>

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kthread.h>

static void kthread_main(void *arg)
{
	struct task_struct *t = arg;
	int ret;

	ddekit_thread_set_my_data(t);
	dde_linux26_sched_lock();
	dde_linux26_sleep_locked(t, MAX_SCHEDULE_TIMEOUT);
	ret = -EINTR; /* stopped before it ever ran, as in Linux */
	if (!t->dde.should_stop) {
		dde_linux26_sched_unlock();
		ret = t->dde.threadfn(t->dde.data);
	} else {
		dde_linux26_sched_unlock();
	}

	dde_linux26_sched_lock();
	t->dde.exit_code = ret;
	t->dde.exited = 1;
	dde_linux26_wake_up_locked(&dde_linux26_done_wq, TASK_UNINTERRUPTIBLE,
	                           0);
	/* kthread_stop() may free the task from here on. */
	dde_linux26_sched_unlock();
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
                                   const char namefmt[], ...)
{
	struct task_struct *t;
	char name[TASK_COMM_LEN];
	va_list args;

	might_sleep();
	va_start(args, namefmt);
	ddekit_vsnprintf(name, sizeof(name), namefmt, args);
	va_end(args);
	t = dde_linux26_task_alloc(name);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->state = TASK_UNINTERRUPTIBLE;
	t->dde.threadfn = threadfn;
	t->dde.data = data;
	t->dde.thread = ddekit_thread_create(kthread_main, t, name);
	if (!t->dde.thread) {
		dde_linux26_task_free(t);
		return ERR_PTR(-ENOMEM);
	}
	return t;
}

int kthread_stop(struct task_struct *k)
{
	int ret;

	might_sleep();
	dde_linux26_sched_lock();
	k->dde.should_stop = 1;
	dde_linux26_wake_locked(k);
	while (!k->dde.exited)
		dde_linux26_wait_on_locked(&dde_linux26_done_wq,
		                           MAX_SCHEDULE_TIMEOUT);
	ret = k->dde.exit_code;
	dde_linux26_sched_unlock();
	dde_linux26_task_free(k);
	return ret;
}

int kthread_should_stop(void)
{
	struct task_struct *t = dde_linux26_task();
	int stop;

	dde_linux26_sched_lock();
	stop = t->dde.should_stop;
	dde_linux26_sched_unlock();
	return stop;
}
