/*
 * linux/kthread.h — kernel threads (libdde emulation of Linux 2.6.24).
 * Each is a DDEKit thread in process context.
 * Knowingly missing: kthread_bind (no CPUs).
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

/* The thread is created stopped; wake_up_process() starts it. Returns an
 * ERR_PTR on failure. */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
                                   const char namefmt[], ...)
    __attribute__((format(printf, 3, 4)));

#define kthread_run(threadfn, data, namefmt, ...)                              \
	({                                                                     \
		struct task_struct *__k =                                      \
		    kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);    \
		if (!IS_ERR(__k))                                              \
			wake_up_process(__k);                                  \
		__k;                                                           \
	})

/* Sets kthread_should_stop(), wakes the thread, waits for its function to
 * return and gives back its result. Frees the task. */
int kthread_stop(struct task_struct *k);
int kthread_should_stop(void);

#endif /* _LINUX_KTHREAD_H */
