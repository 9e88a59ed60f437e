/*
 * waitq.c — wait queues: the one way a lib/ddekit thread blocks.
 *
 * A waiter lives on the sleeping thread's stack and is linked into the queue
 * while the guard is held. Wakers unlink it and clear ->queued under the
 * guard, but normally signal the thread's own host event only after they
 * released the guard (struct ddekit__wakeups): on one CPU the woken thread
 * preempts its waker, and if the guard were still held it would block on it
 * at once, two context switches per wakeup for nothing. The sleeper decides
 * whether it was woken only by looking at ->queued under the guard. Hence:
 *  - no lost wakeup: the waiter is queued before the guard is dropped, and a
 *    signal sent before the sleeper reaches its event wait stays set in the
 *    event;
 *  - no timeout/wakeup confusion: a sleeper whose deadline passed but that
 *    was unlinked by a waker meanwhile reports 0, so whatever the waker
 *    handed over (a lock, a semaphore count) is not dropped;
 *  - stale event signals (from such a race, or from a signal delivered after
 *    the sleeper already saw itself unlinked) only cause a spurious return
 *    of a later host wait, which the loop below absorbs;
 *  - a waker touches the waiter (on the sleeper's stack) only under the
 *    guard, which the sleeper needs to leave, so the frame outlives it;
 *  - the thread record and its event may be needed after the guard is
 *    released, when the sleeper may already have returned (it woke
 *    spuriously or timed out and found itself unlinked) and its thread
 *    ended. So the waker pins the record under the guard (->pins), and
 *    every destruction of a record first waits for the pins to drop: a pin
 *    lasts one event signal, so yielding until then is cheap;
 *  - a waker never touches the queue or the primitive after releasing the
 *    guard, so a woken thread may free them at once.
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

static void signal_unpin(struct ddekit_thread *t)
{
	ddekit_host_event_signal(t->event);
	/* Release: the signal's accesses come before a destroyer's. */
	__atomic_fetch_sub(&t->pins, 1, __ATOMIC_RELEASE);
}

static void wake(struct ddekit__waitq *q, struct ddekit__wakeups *wk)
{
	struct ddekit__waiter *w = q->head;
	struct ddekit_thread *t = w->thread;

	q->head = w->next;
	if (!q->head)
		q->tail = NULL;
	w->next = NULL;
	w->queued = false;
	/* From here on @w may vanish as soon as the guard is released. */
	__atomic_fetch_add(&t->pins, 1, __ATOMIC_RELAXED);
	if (wk && wk->n < DDEKIT__WAKEUPS_MAX)
		wk->thread[wk->n++] = t;
	else
		signal_unpin(t);
}

int ddekit__waitq_wake_one(struct ddekit__waitq *q, struct ddekit__wakeups *wk)
{
	if (!q->head)
		return 0;
	wake(q, wk);
	return 1;
}

int ddekit__waitq_wake_all(struct ddekit__waitq *q, struct ddekit__wakeups *wk)
{
	int n = 0;

	while (q->head) {
		wake(q, wk);
		n++;
	}
	return n;
}

void ddekit__wakeups_deliver(struct ddekit__wakeups *wk)
{
	int i;

	for (i = 0; i < wk->n; i++)
		signal_unpin(wk->thread[i]);
	wk->n = 0;
}

void ddekit__waitq_unpinned(struct ddekit_thread *t)
{
	while (__atomic_load_n(&t->pins, __ATOMIC_ACQUIRE))
		ddekit_host_thread_yield();
}
