/*
 * callout.c — callout(9) on a softclock thread of the emulation's own.
 *
 * Pending callouts are kept sorted by due time. The softclock thread takes
 * the first due one off the list, takes its lock (if any), and runs it
 * unless it was stopped or rescheduled meanwhile: a caller holding the lock
 * can thus always cancel it, as in FreeBSD. `cur` is the callout being
 * dispatched; callout_drain() waits until it is another one.
 */
#include "internal.h"

#include <ddekit/errno.h>
#include <ddekit/timer.h>

#include <sys/callout.h>
#include <sys/mutex.h>

static struct {
	ddekit_lock_t lock;
	ddekit_condvar_t *cv; /* list changes, dispatch ends, stop request */
	TAILQ_HEAD(, callout) list;
	struct callout *cur;
	int cur_cancelled;
	int stopping;
	int running; /* the thread has not ended yet */
	struct thread td;
} sc;

/* Atomic: callout_pending() and friends read c_flags without our lock. */
#define FLAGS_SET(c, f) __atomic_fetch_or(&(c)->c_flags, (f), __ATOMIC_RELAXED)
#define FLAGS_CLEAR(c, f)                                                      \
	__atomic_fetch_and(&(c)->c_flags, ~(f), __ATOMIC_RELAXED)

void callout_init(struct callout *c, int mpsafe)
{
	memset(c, 0, sizeof(*c));
	if (mpsafe)
		c->c_flags = CALLOUT_MPSAFE;
	else
		c->c_lock = &Giant.lock_object;
}

void _callout_init_lock(struct callout *c, struct lock_object *lock, int flags)
{
	memset(c, 0, sizeof(*c));
	c->c_lock = lock;
	c->c_flags = flags & (CALLOUT_RETURNUNLOCKED | CALLOUT_SHAREDLOCK);
	if (!lock)
		c->c_flags |= CALLOUT_MPSAFE;
}

/* With sc.lock held: take @c off the list or cancel its dispatch. Returns 1
 * if a pending run was prevented. */
static int cancel_locked(struct callout *c)
{
	if (c->c_flags & CALLOUT_PENDING) {
		TAILQ_REMOVE(&sc.list, c, c_links);
		FLAGS_CLEAR(c, CALLOUT_PENDING);
		return 1;
	}
	/* Due and waiting for its lock, which the caller holds. */
	if (sc.cur == c && !sc.cur_cancelled && c->c_lock &&
	    (c->c_lock->lo_flags & LO_CLASSMASK) != LO_CLASS_SX &&
	    mtx_owned(__containerof(c->c_lock, struct mtx, lock_object))) {
		sc.cur_cancelled = 1;
		return 1;
	}
	return 0;
}

int callout_reset(struct callout *c, int to_ticks, void (*func)(void *),
                  void *arg)
{
	struct callout *it;
	int cancelled;

	if (to_ticks <= 0)
		to_ticks = 1;
	ddekit_lock_lock(&sc.lock);
	cancelled = cancel_locked(c);
	c->c_func = func;
	c->c_arg = arg;
	c->c_dde_due = ddekit_clock_ns() + (uint64_t)to_ticks * 1000000u;
	c->c_time = (int)ddekit_jiffies() + to_ticks;
	FLAGS_SET(c, CALLOUT_PENDING | CALLOUT_ACTIVE);
	TAILQ_FOREACH(it, &sc.list, c_links)
	{
		if (it->c_dde_due > c->c_dde_due)
			break;
	}
	if (it)
		TAILQ_INSERT_BEFORE(it, c, c_links);
	else
		TAILQ_INSERT_TAIL(&sc.list, c, c_links);
	ddekit_condvar_broadcast(sc.cv);
	ddekit_lock_unlock(&sc.lock);
	return cancelled;
}

int callout_schedule(struct callout *c, int to_ticks)
{
	return callout_reset(c, to_ticks, c->c_func, c->c_arg);
}

int _callout_stop_safe(struct callout *c, int drain)
{
	int cancelled;

	if (drain)
		dde_fbsd_assert_sleepable("callout_drain", __FILE__, __LINE__);
	ddekit_lock_lock(&sc.lock);
	cancelled = cancel_locked(c);
	FLAGS_CLEAR(c, CALLOUT_ACTIVE);
	if (drain && curthread != &sc.td)
		while (sc.cur == c)
			ddekit_condvar_wait(sc.cv, &sc.lock);
	ddekit_lock_unlock(&sc.lock);
	return cancelled;
}

static void dispatch(struct callout *c)
{
	struct lock_object *lo = c->c_lock;
	int unlocked_by_func = __atomic_load_n(&c->c_flags, __ATOMIC_RELAXED) &
	                       CALLOUT_RETURNUNLOCKED;
	void (*func)(void *);
	void *arg;
	int cancelled;

	if (lo)
		dde_fbsd_lock_acquire(lo, 1);
	ddekit_lock_lock(&sc.lock);
	cancelled = sc.cur_cancelled;
	func = c->c_func;
	arg = c->c_arg;
	ddekit_lock_unlock(&sc.lock);
	if (!cancelled) {
		sc.td.td_dde_no_sleeping++;
		func(arg);
		sc.td.td_dde_no_sleeping--;
	}
	if (lo && (cancelled || !unlocked_by_func))
		dde_fbsd_lock_release(lo);
}

static void softclock(void *unused)
{
	struct callout *c;

	(void)unused;
	dde_fbsd_thread_enter(&sc.td);
	ddekit_lock_lock(&sc.lock);
	while (!sc.stopping) {
		uint64_t now = ddekit_clock_ns();

		c = TAILQ_FIRST(&sc.list);
		if (!c) {
			ddekit_condvar_wait(sc.cv, &sc.lock);
			continue;
		}
		if (c->c_dde_due > now) {
			ddekit_condvar_wait_timed(
			    sc.cv, &sc.lock,
			    (int)((c->c_dde_due - now + 999999) / 1000000));
			continue;
		}
		TAILQ_REMOVE(&sc.list, c, c_links);
		FLAGS_CLEAR(c, CALLOUT_PENDING);
		sc.cur = c;
		sc.cur_cancelled = 0;
		ddekit_lock_unlock(&sc.lock);
		/* After this, @c may be freed by its owner (after drain). */
		dispatch(c);
		ddekit_lock_lock(&sc.lock);
		sc.cur = NULL;
		ddekit_condvar_broadcast(sc.cv);
	}
	sc.running = 0;
	ddekit_condvar_broadcast(sc.cv);
	ddekit_lock_unlock(&sc.lock);
}

int dde_fbsd_callout_start(void)
{
	memset(&sc, 0, sizeof(sc));
	TAILQ_INIT(&sc.list);
	ddekit_lock_init(&sc.lock);
	sc.cv = ddekit_condvar_init();
	if (!sc.lock || !sc.cv)
		goto fail;
	dde_fbsd_thread_init(&sc.td, "softclock");
	sc.running = 1;
	if (!ddekit_thread_create(softclock, NULL, "softclock"))
		goto fail;
	return 0;

fail:
	sc.running = 0;
	if (sc.cv)
		ddekit_condvar_deinit(sc.cv);
	if (sc.lock)
		ddekit_lock_deinit(&sc.lock);
	return -DDEKIT_ENOMEM;
}

void dde_fbsd_callout_stop(void)
{
	struct callout *c;

	ddekit_lock_lock(&sc.lock);
	TAILQ_FOREACH(c, &sc.list, c_links)
	printf("dde_fbsd: callout %p (function %p) still pending at exit\n",
	       (void *)c, (void *)(uintptr_t)c->c_func);
	sc.stopping = 1;
	ddekit_condvar_broadcast(sc.cv);
	while (sc.running)
		ddekit_condvar_wait(sc.cv, &sc.lock);
	ddekit_lock_unlock(&sc.lock);
	ddekit_condvar_deinit(sc.cv);
	ddekit_lock_deinit(&sc.lock);
}
