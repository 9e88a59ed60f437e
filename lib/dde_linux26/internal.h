/*
 * internal.h — what the files of lib/dde_linux26 share.
 *
 * The execution model (DESIGN.md "Execution model"):
 *  - irq_lock: held by a hardirq handler while it runs and by any thread
 *    with interrupts off.
 *  - bh_lock: held by a softirq (timer function, tasklet) while it runs and
 *    by any thread with bottom halves or interrupts off. Order: bh_lock
 *    before irq_lock (hardirq handlers take only irq_lock).
 *  - sched_lock + sched_cv: all sleeping and waking. Task states, wait
 *    queues, timer bookkeeping and work lists are guarded by sched_lock;
 *    every wakeup broadcasts sched_cv and sleepers recheck their state.
 */
#ifndef DDE_LINUX26_INTERNAL_H
#define DDE_LINUX26_INTERNAL_H

#define DDEKIT_NO_LEGACY_TIMER_NAMES

#include <ddekit/condvar.h>
#include <ddekit/lock.h>
#include <ddekit/thread.h>

#include <linux/sched.h>
#include <linux/wait.h>

struct dde_linux26_env {
	int up;
	ddekit_lock_t irq_lock;
	ddekit_lock_t bh_lock;
	ddekit_lock_t sched_lock;
	ddekit_condvar_t *sched_cv;
	ddekit_lock_t registry_lock;
	struct list_head tasks; /* adopted and kthread tasks */
};

extern struct dde_linux26_env dde_linux26_env;

/* Task of the calling thread; adopts the thread (NULL only when out of
 * memory, which panics). */
struct task_struct *dde_linux26_task(void);
/* A task record for a thread about to be created (kthreads, workqueue and
 * softirq threads); registered, freed by dde_linux26_task_free(). */
struct task_struct *dde_linux26_task_alloc(const char *name);
void dde_linux26_task_free(struct task_struct *t);

void dde_linux26_bh_get(struct task_struct *t);
void dde_linux26_bh_put(struct task_struct *t);
void dde_linux26_softirq_enter(struct task_struct *t);
void dde_linux26_softirq_exit(struct task_struct *t);
void dde_linux26_hardirq_enter(struct task_struct *t);
void dde_linux26_hardirq_exit(struct task_struct *t);

void dde_linux26_sched_lock(void);
void dde_linux26_sched_unlock(void);
/* With sched_lock held: sleep until @t is TASK_RUNNING or @timeout jiffies
 * passed (MAX_SCHEDULE_TIMEOUT: no limit); returns the jiffies left. */
long dde_linux26_sleep_locked(struct task_struct *t, long timeout);
/* With sched_lock held: make @t runnable. */
void dde_linux26_wake_locked(struct task_struct *t);
/* With sched_lock held: wake waiters of @q as __wake_up() does. */
void dde_linux26_wake_up_locked(wait_queue_head_t *q, unsigned int mode,
                                int nr);
/* With sched_lock held: sleep on @q as an exclusive waiter, at most
 * @timeout jiffies; returns the jiffies left. */
long dde_linux26_wait_on_locked(wait_queue_head_t *q, long timeout);

/* Woken (all) whenever an emulation thread ends or a softirq/work item
 * finishes; waiters recheck what they wait for. */
extern wait_queue_head_t dde_linux26_done_wq;

int dde_linux26_softirq_start(void);
void dde_linux26_softirq_stop(void);
int dde_linux26_workqueue_start(void);
void dde_linux26_workqueue_stop(void);
void dde_linux26_run_exitcalls(void);
/* After the module_exit functions: unbind PCI drivers left registered and
 * free the pci_dev records (pci.c); give back port and memory ranges still
 * held (io.c). */
void dde_linux26_pci_exit(void);
void dde_linux26_io_exit(void);
/* Last of all: the kmalloc size-class slabs (objects still allocated are
 * freed with them). */
void dde_linux26_mem_exit(void);
/* After the PCI drivers are gone: take down and unregister net devices
 * left registered (warning), drop the default receive callback (net_glue.c). */
void dde_linux26_net_exit(void);

#endif /* DDE_LINUX26_INTERNAL_H */
