/*
 * core.c — bringing the emulation up and down, the task registry.
 */
#include "internal.h"

#include <ddekit/memory.h>
#include <ddekit/panic.h>
#include <ddekit/printf.h>
#include <ddekit/timer.h>

#include <linux/errno.h>
#include <linux/module.h>
#include <linux/string.h>

#include "dde_linux26.h"

struct dde_linux26_env dde_linux26_env;

extern const struct dde_linux26_exitcall __start_dde_linux26_exitcalls[]
    __attribute__((weak));
extern const struct dde_linux26_exitcall __stop_dde_linux26_exitcalls[]
    __attribute__((weak));

static void free_locks(void)
{
	struct dde_linux26_env *e = &dde_linux26_env;

	if (e->sched_cv)
		ddekit_condvar_deinit(e->sched_cv);
	e->sched_cv = NULL;
	if (e->irq_lock)
		ddekit_lock_deinit(&e->irq_lock);
	if (e->bh_lock)
		ddekit_lock_deinit(&e->bh_lock);
	if (e->sched_lock)
		ddekit_lock_deinit(&e->sched_lock);
	if (e->registry_lock)
		ddekit_lock_deinit(&e->registry_lock);
}

int dde_linux26_init(void)
{
	struct dde_linux26_env *e = &dde_linux26_env;
	int err = -ENOMEM;

	if (e->up)
		return 0;
	INIT_LIST_HEAD(&e->tasks);
	ddekit_lock_init(&e->irq_lock);
	ddekit_lock_init(&e->bh_lock);
	ddekit_lock_init(&e->sched_lock);
	ddekit_lock_init(&e->registry_lock);
	e->sched_cv = ddekit_condvar_init();
	if (!e->irq_lock || !e->bh_lock || !e->sched_lock ||
	    !e->registry_lock || !e->sched_cv)
		goto out_locks;
	e->up = 1;
	err = dde_linux26_softirq_start();
	if (err)
		goto out_up;
	err = dde_linux26_workqueue_start();
	if (err)
		goto out_softirq;
	return 0;

out_softirq:
	dde_linux26_softirq_stop();
out_up:
	e->up = 0;
	/* The calling thread may have been adopted meanwhile. */
	while (!list_empty(&e->tasks))
		dde_linux26_task_free(
		    list_first_entry(&e->tasks, struct task_struct, dde.all));
	ddekit_thread_set_my_data(NULL);
out_locks:
	free_locks();
	return err;
}

void dde_linux26_run_exitcalls(void)
{
	const struct dde_linux26_exitcall *c = __stop_dde_linux26_exitcalls;

	if (!__start_dde_linux26_exitcalls)
		return;
	while (c > __start_dde_linux26_exitcalls) {
		c--;
		c->fn();
	}
}

void dde_linux26_exit(void)
{
	struct dde_linux26_env *e = &dde_linux26_env;
	ddekit_thread_t *timer_thread;

	if (!e->up)
		return;
	dde_linux26_run_exitcalls();
	dde_linux26_pci_exit();
	dde_linux26_net_exit();
	dde_linux26_io_exit();
	dde_linux26_workqueue_stop();
	dde_linux26_softirq_stop();
	/*
	 * A timer function that del_timer_sync() no longer waits for may still
	 * be leaving softirq context on the timer thread's task: its last act
	 * is to release bh_lock, so taking it once orders that before the
	 * frees below. Likewise for a handler and irq_lock.
	 */
	ddekit_lock_lock(&e->bh_lock);
	ddekit_lock_unlock(&e->bh_lock);
	ddekit_lock_lock(&e->irq_lock);
	ddekit_lock_unlock(&e->irq_lock);
	while (!list_empty(&e->tasks))
		dde_linux26_task_free(
		    list_first_entry(&e->tasks, struct task_struct, dde.all));
	/* Threads that outlive the emulation must not find a freed task. */
	ddekit_thread_set_my_data(NULL);
	timer_thread = ddekit_get_timer_thread();
	if (timer_thread)
		ddekit_thread_set_data(timer_thread, NULL);
	e->up = 0;
	free_locks();
	dde_linux26_mem_exit();
}

struct task_struct *dde_linux26_task_alloc(const char *name)
{
	struct dde_linux26_env *e = &dde_linux26_env;
	struct task_struct *t;

	if (!e->up)
		ddekit_panic("dde_linux26: used before dde_linux26_init()");
	t = ddekit_simple_malloc(sizeof(*t));
	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->state = TASK_RUNNING;
	strlcpy(t->comm, name ? name : "", sizeof(t->comm));
	ddekit_lock_lock(&e->registry_lock);
	list_add_tail(&t->dde.all, &e->tasks);
	ddekit_lock_unlock(&e->registry_lock);
	return t;
}

void dde_linux26_task_free(struct task_struct *t)
{
	struct dde_linux26_env *e = &dde_linux26_env;

	ddekit_lock_lock(&e->registry_lock);
	list_del(&t->dde.all);
	ddekit_lock_unlock(&e->registry_lock);
	ddekit_simple_free(t);
}

struct task_struct *dde_linux26_task(void)
{
	struct task_struct *t = ddekit_thread_get_my_data();
	ddekit_thread_t *me;

	if (t)
		return t;
	me = ddekit_thread_myself();
	t = dde_linux26_task_alloc(ddekit_thread_get_name(me));
	if (!t)
		ddekit_panic("dde_linux26: no memory for a task record");
	t->dde.thread = me;
	t->pid = ddekit_thread_get_id(me);
	ddekit_thread_set_my_data(t);
	return t;
}

struct task_struct *dde_linux26_current(void)
{
	return dde_linux26_task();
}

void dde_linux26_module_init_done(const char *name, int ret)
{
	if (ret)
		printk(KERN_ERR "dde_linux26: module init %s failed: %d\n",
		       name, ret);
}
