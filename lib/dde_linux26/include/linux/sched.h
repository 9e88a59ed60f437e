/*
 * linux/sched.h — tasks and sleeping (libdde emulation of Linux 2.6.24).
 *
 * Every thread that enters the emulation gets a task_struct; `current` is
 * the caller's. A task sleeps by setting its state and calling schedule();
 * wake_up_process() (or a wait-queue wakeup) makes it TASK_RUNNING again.
 * No signals are ever delivered, so signal_pending() is always 0.
 * Knowingly missing: everything about processes (mm, files, credentials,
 * priorities, CPU affinity), pid lookup, and send_sig().
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/hardirq.h>
#include <asm/atomic.h>

#define TASK_RUNNING         0
#define TASK_INTERRUPTIBLE   1
#define TASK_UNINTERRUPTIBLE 2
#define TASK_STOPPED         4

#define TASK_COMM_LEN 16

#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct task_struct {
	volatile long state;
	pid_t pid;
	char comm[TASK_COMM_LEN];

	/* libdde's execution-model state; drivers never touch it. */
	struct {
		void *thread;   /* the ddekit thread */
		int hardirq;    /* running a hardirq handler */
		int softirq;    /* running a softirq (timer, tasklet) */
		int bh_disable; /* local_bh_disable() nesting */
		int bh_refs;    /* reasons this thread holds the bh exclusion */
		int irq_off;    /* interrupts off (a flag, like Linux's) */
		int spin_depth; /* spinlocks held */
		int should_stop; /* kthread_stop() was called */
		int exited;      /* kthread function returned */
		int exit_code;
		int (*threadfn)(void *data);
		void *data;
		struct list_head all; /* dde_linux26's registry of tasks */
	} dde;
};

struct task_struct *dde_linux26_current(void);
#define current       (dde_linux26_current())
#define get_current() (dde_linux26_current())

void dde_linux26_set_state(long state);
#define set_current_state(s)   dde_linux26_set_state(s)
#define __set_current_state(s) dde_linux26_set_state(s)

void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
int wake_up_process(struct task_struct *tsk);
void yield(void);
int cond_resched(void);

static inline int signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}

#endif /* _LINUX_SCHED_H */
