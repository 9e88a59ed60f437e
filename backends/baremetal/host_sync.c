/*
 * host_sync.c — the host mutex and event, as wait queues of the scheduler:
 * a blocked thread really sleeps (it is on no run queue) until an unlock or
 * a signal hands it the lock or the event, or the tick ends its deadline.
 */
#include <ddekit/host.h>

#include "bm.h"

struct ddekit_host_mutex {
	struct bm_thread *owner;
	struct bm_waitq waiters;
};

struct ddekit_host_event {
	int set;
	struct bm_waitq waiters;
};

int ddekit_host_mutex_create(struct ddekit_host_mutex **out)
{
	*out = bm_heap_alloc(sizeof(**out), 0);
	if (!*out)
		return -DDEKIT_ENOMEM;
	__atomic_add_fetch(&bm_live.mutexes, 1, __ATOMIC_RELAXED);
	return 0;
}

void ddekit_host_mutex_destroy(struct ddekit_host_mutex *m)
{
	if (!m)
		return;
	if (m->owner || m->waiters.head)
		bm_panic("mutex %p destroyed while held", (void *)m);
	bm_heap_free(m, sizeof(*m));
	__atomic_sub_fetch(&bm_live.mutexes, 1, __ATOMIC_RELAXED);
}

void ddekit_host_mutex_lock(struct ddekit_host_mutex *m)
{
	uint64_t flags = bm_irq_save();

	if (m->owner == bm_current())
		bm_panic("mutex %p locked twice by \"%s\"", (void *)m,
		         bm_thread_name(bm_current()));
	if (!m->owner)
		m->owner = bm_current();
	else /* unlock hands the mutex over before waking us */
		bm_block(&m->waiters, BM_FOREVER);
	bm_irq_restore(flags);
}

void ddekit_host_mutex_unlock(struct ddekit_host_mutex *m)
{
	uint64_t flags = bm_irq_save();
	struct bm_thread *next;

	if (m->owner != bm_current())
		bm_panic("mutex %p unlocked by \"%s\", not its owner",
		         (void *)m, bm_thread_name(bm_current()));
	next = bm_waitq_pop(&m->waiters);
	m->owner = next;
	if (next)
		bm_wake(next);
	bm_irq_restore(flags);
	bm_preempt_check();
}

int ddekit_host_event_create(struct ddekit_host_event **out)
{
	*out = bm_heap_alloc(sizeof(**out), 0);
	if (!*out)
		return -DDEKIT_ENOMEM;
	__atomic_add_fetch(&bm_live.events, 1, __ATOMIC_RELAXED);
	return 0;
}

void ddekit_host_event_destroy(struct ddekit_host_event *e)
{
	if (!e)
		return;
	if (e->waiters.head)
		bm_panic("event %p destroyed with a waiter", (void *)e);
	bm_heap_free(e, sizeof(*e));
	__atomic_sub_fetch(&bm_live.events, 1, __ATOMIC_RELAXED);
}

int ddekit_host_event_wait(struct ddekit_host_event *e, uint64_t deadline_ns)
{
	uint64_t flags = bm_irq_save();
	int r = 0;

	if (e->set)
		e->set = 0;
	else if (deadline_ns != DDEKIT_HOST_FOREVER &&
	         bm_clock_ns() >= deadline_ns)
		r = -DDEKIT_ETIMEDOUT;
	else if (bm_block(&e->waiters, deadline_ns) == BM_WAKE_TIMEOUT)
		r = -DDEKIT_ETIMEDOUT;
	/* else: signal woke us and consumed the event for us */
	bm_irq_restore(flags);
	return r;
}

void ddekit_host_event_signal(struct ddekit_host_event *e)
{
	uint64_t flags = bm_irq_save();
	struct bm_thread *t = bm_waitq_pop(&e->waiters);

	if (t)
		bm_wake(t);
	else
		e->set = 1;
	bm_irq_restore(flags);
	bm_preempt_check();
}
