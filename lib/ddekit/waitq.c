/*
 * waitq.c — wait queues: the one way a lib/ddekit thread blocks.
 *
 * A waiter lives on the sleeping thread's stack and is linked into the queue
 * while the guard is held. Wakers unlink it, clear ->queued and signal the
 * thread's own host event, all under the guard; the sleeper decides whether
 * it was woken only by looking at ->queued under the guard. Hence:
 *  - no lost wakeup: the waiter is queued before the guard is dropped, and a
 *    signal sent before the sleeper reaches its event wait stays set in the
 *    event;
 *  - no timeout/wakeup confusion: a sleeper whose deadline passed but that
 *    was unlinked by a waker meanwhile reports 0, so whatever the waker
 *    handed over (a lock, a semaphore count) is not dropped;
 *  - stale event signals (from such a race) only cause a spurious return
 *    of a later host wait, which the loop below absorbs;
 *  - the waiter's stack frame and thread record outlive every access by a
 *    waker, because the sleeper needs the guard to leave.
 */
#include "internal.h"

static void enqueue(struct ddekit__waitq *q, struct ddekit__waiter *w)
{
	w->next = NULL;
	w->queued = true;
	if (q->tail)
		q->tail->next = w;
	else
		q->head = w;
	q->tail = w;
}

static void unlink_waiter(struct ddekit__waitq *q, struct ddekit__waiter *w)
{
	struct ddekit__waiter *prev = NULL;
	struct ddekit__waiter *cur;

	for (cur = q->head; cur && cur != w; cur = cur->next)
		prev = cur;
	if (!cur)
		return;
	if (prev)
		prev->next = w->next;
	else
		q->head = w->next;
	if (q->tail == w)
		q->tail = prev;
	w->next = NULL;
	w->queued = false;
}

int ddekit__waitq_wait(struct ddekit__waitq *q, struct ddekit_host_mutex *guard,
                       uint64_t deadline_ns)
{
	struct ddekit__waiter w = {.thread = ddekit__thread_self()};
	int rc = 0;

	enqueue(q, &w);
	for (;;) {
		int ev;

		ddekit_host_mutex_unlock(guard);
		ev = ddekit_host_event_wait(w.thread->event, deadline_ns);
		ddekit_host_mutex_lock(guard);
		if (!w.queued)
			break;
		if (ev == -DDEKIT_ETIMEDOUT) {
			unlink_waiter(q, &w);
			rc = -DDEKIT_ETIMEDOUT;
			break;
		}
	}
	return rc;
}

static void wake(struct ddekit__waitq *q)
{
	struct ddekit__waiter *w = q->head;

	q->head = w->next;
	if (!q->head)
		q->tail = NULL;
	w->next = NULL;
	w->queued = false;
	ddekit_host_event_signal(w->thread->event);
}

int ddekit__waitq_wake_one(struct ddekit__waitq *q)
{
	if (!q->head)
		return 0;
	wake(q);
	return 1;
}

int ddekit__waitq_wake_all(struct ddekit__waitq *q)
{
	int n = 0;

	while (q->head) {
		wake(q);
		n++;
	}
	return n;
}
