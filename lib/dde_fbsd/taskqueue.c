/*
 * taskqueue.c — taskqueue(9) on DDEKit threads.
 *
 * A queue has a DDEKit lock, a condition variable for its threads and for
 * drains, and a list of tasks ordered by priority. Each worker records the
 * task it runs so that taskqueue_drain() can wait for it.
 */
#include "internal.h"

#include <ddekit/errno.h>
#include <ddekit/memory.h>

#include <sys/mutex.h>
#include <sys/taskqueue.h>

struct tq_worker {
	struct taskqueue *tq;
	struct task *running;
	struct thread td;
	LIST_ENTRY(tq_worker) link;
};

struct taskqueue {
	char name[32];
	ddekit_lock_t lock;
	ddekit_condvar_t *cv;
	STAILQ_HEAD(, task) queue;
	taskqueue_enqueue_fn enqueue;
	void *context;
	LIST_HEAD(, tq_worker) workers; /* threads, and taskqueue_run callers */
	int nthreads;                   /* threads not yet ended */
	int exiting;
	int blocked;
	int giant;
};

struct taskqueue *taskqueue_swi;
struct taskqueue *taskqueue_swi_giant;
struct taskqueue *taskqueue_thread;
struct taskqueue *taskqueue_fast;

struct taskqueue *taskqueue_create(const char *name, int mflags,
                                   taskqueue_enqueue_fn enqueue, void *context)
{
	struct taskqueue *tq;

	if (mflags & M_WAITOK)
		dde_fbsd_assert_sleepable("taskqueue_create(M_WAITOK)",
		                          __FILE__, __LINE__);
	tq = ddekit_simple_malloc(sizeof(*tq));
	if (!tq)
		goto fail;
	memset(tq, 0, sizeof(*tq));
	strlcpy(tq->name, name, sizeof(tq->name));
	STAILQ_INIT(&tq->queue);
	LIST_INIT(&tq->workers);
	tq->enqueue = enqueue;
	tq->context = context;
	ddekit_lock_init(&tq->lock);
	tq->cv = ddekit_condvar_init();
	if (tq->lock && tq->cv)
		return tq;
	if (tq->cv)
		ddekit_condvar_deinit(tq->cv);
	if (tq->lock)
		ddekit_lock_deinit(&tq->lock);
	ddekit_simple_free(tq);
fail:
	if (mflags & M_WAITOK)
		panic("taskqueue_create %s: out of memory", name);
	return NULL;
}

struct taskqueue *taskqueue_create_fast(const char *name, int mflags,
                                        taskqueue_enqueue_fn enqueue,
                                        void *context)
{
	/* Enqueueing from filters works for every queue here. */
	return taskqueue_create(name, mflags, enqueue, context);
}

int taskqueue_enqueue(struct taskqueue *tq, struct task *task)
{
	struct task *it, *prev = NULL;

	ddekit_lock_lock(&tq->lock);
	if (task->ta_pending) {
		if (task->ta_pending < 0xffff)
			task->ta_pending++;
		ddekit_lock_unlock(&tq->lock);
		return 0;
	}
	STAILQ_FOREACH(it, &tq->queue, ta_link)
	{
		if (it->ta_priority < task->ta_priority)
			break;
		prev = it;
	}
	if (prev)
		STAILQ_INSERT_AFTER(&tq->queue, prev, task, ta_link);
	else
		STAILQ_INSERT_HEAD(&tq->queue, task, ta_link);
	task->ta_pending = 1;
	if (!tq->blocked && tq->enqueue)
		tq->enqueue(tq->context);
	ddekit_lock_unlock(&tq->lock);
	return 0;
}

void taskqueue_thread_enqueue(void *context)
{
	struct taskqueue *tq = *(struct taskqueue **)context;

	/* Called with the queue's lock held. */
	ddekit_condvar_broadcast(tq->cv);
}

/* With the lock held: run every queued task; drops the lock around each. */
static void run_locked(struct taskqueue *tq, struct tq_worker *w)
{
	struct task *task;
	int pending;

	while (!tq->blocked && (task = STAILQ_FIRST(&tq->queue)) != NULL) {
		STAILQ_REMOVE_HEAD(&tq->queue, ta_link);
		pending = task->ta_pending;
		task->ta_pending = 0;
		w->running = task;
		ddekit_lock_unlock(&tq->lock);
		if (tq->giant)
			mtx_lock(&Giant);
		task->ta_func(task->ta_context, pending);
		if (tq->giant)
			mtx_unlock(&Giant);
		ddekit_lock_lock(&tq->lock);
		w->running = NULL;
		ddekit_condvar_broadcast(tq->cv);
	}
}

void taskqueue_run(struct taskqueue *tq)
{
	struct tq_worker w = {.tq = tq};

	ddekit_lock_lock(&tq->lock);
	LIST_INSERT_HEAD(&tq->workers, &w, link);
	run_locked(tq, &w);
	LIST_REMOVE(&w, link);
	ddekit_lock_unlock(&tq->lock);
}

static void worker_main(void *arg)
{
	struct tq_worker *w = arg;
	struct taskqueue *tq = w->tq;

	dde_fbsd_thread_enter(&w->td);
	ddekit_lock_lock(&tq->lock);
	while (!tq->exiting) {
		run_locked(tq, w);
		if (!tq->exiting)
			ddekit_condvar_wait(tq->cv, &tq->lock);
	}
	LIST_REMOVE(w, link);
	tq->nthreads--;
	ddekit_condvar_broadcast(tq->cv);
	ddekit_lock_unlock(&tq->lock);
	ddekit_simple_free(w);
}

int taskqueue_start_threads(struct taskqueue **tqp, int count, int pri,
                            const char *name, ...)
{
	struct taskqueue *tq = *tqp;
	char tname[32];
	va_list ap;
	int i;

	(void)pri;
	va_start(ap, name);
	vsnprintf(tname, sizeof(tname), name, ap);
	va_end(ap);
	for (i = 0; i < count; i++) {
		struct tq_worker *w = ddekit_simple_malloc(sizeof(*w));

		if (!w)
			return ENOMEM;
		memset(w, 0, sizeof(*w));
		w->tq = tq;
		dde_fbsd_thread_init(&w->td, tname);
		ddekit_lock_lock(&tq->lock);
		LIST_INSERT_HEAD(&tq->workers, w, link);
		tq->nthreads++;
		ddekit_lock_unlock(&tq->lock);
		if (!ddekit_thread_create(worker_main, w, tname)) {
			ddekit_lock_lock(&tq->lock);
			LIST_REMOVE(w, link);
			tq->nthreads--;
			ddekit_lock_unlock(&tq->lock);
			ddekit_simple_free(w);
			return ENOMEM;
		}
	}
	return 0;
}

static int task_running(struct taskqueue *tq, struct task *task)
{
	struct tq_worker *w;

	LIST_FOREACH(w, &tq->workers, link)
	{
		if (w->running == task)
			return 1;
	}
	return 0;
}

void taskqueue_drain(struct taskqueue *tq, struct task *task)
{
	dde_fbsd_assert_sleepable("taskqueue_drain", __FILE__, __LINE__);
	ddekit_lock_lock(&tq->lock);
	while (task->ta_pending || task_running(tq, task)) {
		/* Nobody would run it: run the queue here. */
		if (!tq->nthreads && !task_running(tq, task)) {
			ddekit_lock_unlock(&tq->lock);
			taskqueue_run(tq);
			ddekit_lock_lock(&tq->lock);
			continue;
		}
		ddekit_condvar_wait(tq->cv, &tq->lock);
	}
	ddekit_lock_unlock(&tq->lock);
}

void taskqueue_block(struct taskqueue *tq)
{
	ddekit_lock_lock(&tq->lock);
	tq->blocked = 1;
	ddekit_lock_unlock(&tq->lock);
}

void taskqueue_unblock(struct taskqueue *tq)
{
	ddekit_lock_lock(&tq->lock);
	tq->blocked = 0;
	if (!STAILQ_EMPTY(&tq->queue) && tq->enqueue)
		tq->enqueue(tq->context);
	ddekit_lock_unlock(&tq->lock);
}

void taskqueue_free(struct taskqueue *tq)
{
	struct tq_worker self = {.tq = tq};

	ddekit_lock_lock(&tq->lock);
	tq->exiting = 1;
	ddekit_condvar_broadcast(tq->cv);
	while (tq->nthreads)
		ddekit_condvar_wait(tq->cv, &tq->lock);
	/* Tasks still queued run here, as FreeBSD drains them on free. */
	tq->blocked = 0;
	LIST_INSERT_HEAD(&tq->workers, &self, link);
	run_locked(tq, &self);
	LIST_REMOVE(&self, link);
	ddekit_lock_unlock(&tq->lock);
	ddekit_condvar_deinit(tq->cv);
	ddekit_lock_deinit(&tq->lock);
	ddekit_simple_free(tq);
}

static int start_global(struct taskqueue **tqp, const char *name, int giant)
{
	*tqp = taskqueue_create(name, M_NOWAIT, taskqueue_thread_enqueue, tqp);
	if (!*tqp)
		return -DDEKIT_ENOMEM;
	(*tqp)->giant = giant;
	if (taskqueue_start_threads(tqp, 1, 0, "%s", name)) {
		taskqueue_free(*tqp);
		*tqp = NULL;
		return -DDEKIT_ENOMEM;
	}
	return 0;
}

void dde_fbsd_taskqueue_stop(void)
{
	struct taskqueue **all[] = {&taskqueue_swi, &taskqueue_swi_giant,
	                            &taskqueue_thread, &taskqueue_fast};
	unsigned i;

	for (i = 0; i < nitems(all); i++) {
		if (*all[i])
			taskqueue_free(*all[i]);
		*all[i] = NULL;
	}
}

int dde_fbsd_taskqueue_start(void)
{
	if (start_global(&taskqueue_swi, "swi_taskq", 0) ||
	    start_global(&taskqueue_swi_giant, "swi_giant_taskq", 1) ||
	    start_global(&taskqueue_thread, "taskqueue", 0) ||
	    start_global(&taskqueue_fast, "fast_taskq", 0)) {
		dde_fbsd_taskqueue_stop();
		return -DDEKIT_ENOMEM;
	}
	return 0;
}
