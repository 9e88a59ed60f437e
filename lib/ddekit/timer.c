/*
 * timer.c — jiffies and one-shot timers run by one timer thread.
 *
 * Pending timers form one list sorted by expiry; a new timer goes behind
 * those with the same expiry, so equal timers fire in the order they were
 * added. The timer thread sleeps on a wait queue until the head's expiry
 * (or until a new head arrives) and calls each function without holding the
 * guard, so functions may add, delete and re-arm timers.
 */
#include "internal.h"

#include <ddekit/panic.h>
#include <ddekit/timer.h>

#include <limits.h>

#define NS_PER_S 1000000000ull

struct timer {
	int id;
	unsigned long long expires; /* jiffies */
	void (*fn)(void *);
	void *arg;
	struct timer *next;
};

static struct ddekit_host_mutex *guard;
static struct timer *pending;
static int next_id;
static int running_id = -1;           /* timer whose function runs now */
static bool stopping;                 /* fini asks the thread to leave */
static bool stopped;                  /* the thread left timer.c */
static struct ddekit__waitq thread_q; /* the timer thread, idle */
static struct ddekit__waitq sync_q;   /* ddekit_del_timer_sync() */
static struct ddekit__waitq stop_q;   /* fini */
static struct ddekit_thread *timer_thread;
static uint64_t epoch_ns;

/* Whole seconds and the rest separately: d * HZ would overflow after about
 * 213 days. */
static unsigned long long ns_to_jiffies(uint64_t d)
{
	return d / NS_PER_S * DDEKIT_HZ + d % NS_PER_S * DDEKIT_HZ / NS_PER_S;
}

/* The first clock value at which ddekit_jiffies() >= @j. */
static uint64_t jiffy_deadline(unsigned long long j)
{
	unsigned long long secs = j / DDEKIT_HZ;
	uint64_t rest_ns =
	    (j % DDEKIT_HZ * NS_PER_S + DDEKIT_HZ - 1) / DDEKIT_HZ;
	uint64_t room = DDEKIT_HOST_FOREVER - epoch_ns;

	if (secs >= room / NS_PER_S || secs * NS_PER_S >= room - rest_ns)
		return DDEKIT_HOST_FOREVER;
	return epoch_ns + secs * NS_PER_S + rest_ns;
}

unsigned long long ddekit_jiffies(void)
{
	return ns_to_jiffies(ddekit_host_clock_ns() - epoch_ns);
}

ddekit_uint64_t ddekit_clock_ns(void)
{
	return ddekit_host_clock_ns();
}

static struct timer *find_locked(int id, struct timer ***link)
{
	struct timer **pp;

	for (pp = &pending; *pp; pp = &(*pp)->next) {
		if ((*pp)->id == id) {
			if (link)
				*link = pp;
			return *pp;
		}
	}
	return NULL;
}

/* Ids count up and wrap; one still in use after a wrap is skipped. */
static int alloc_id_locked(void)
{
	int id;

	do {
		id = next_id;
		next_id = next_id == INT_MAX ? 0 : next_id + 1;
	} while (id == running_id || find_locked(id, NULL));
	return id;
}

static void timer_main(void *unused)
{
	struct ddekit__wakeups wk = {0};

	(void)unused;
	ddekit_host_mutex_lock(guard);
	while (!stopping) {
		struct timer *t = pending;
		void (*fn)(void *);
		void *arg;

		if (!t || ddekit_jiffies() < t->expires) {
			ddekit__waitq_wait(&thread_q, guard,
			                   t ? jiffy_deadline(t->expires)
			                     : DDEKIT_HOST_FOREVER);
			continue;
		}
		pending = t->next;
		running_id = t->id;
		fn = t->fn;
		arg = t->arg;
		ddekit_host_mutex_unlock(guard);

		ddekit__free(t);
		fn(arg);

		ddekit_host_mutex_lock(guard);
		running_id = -1;
		/* Signalled under the guard, which the loop keeps: a
		 * del_timer_sync() waiting here is rare. */
		ddekit__waitq_wake_all(&sync_q, NULL);
	}
	/* The last access to timer.c state: fini may free it after this. */
	stopped = true;
	ddekit__waitq_wake_all(&stop_q, &wk);
	ddekit_host_mutex_unlock(guard);
	ddekit__wakeups_deliver(&wk);
}

int ddekit_add_timer(void (*fn)(void *), void *args, unsigned long timeout)
{
	struct ddekit__wakeups wk = {0};
	struct timer *t, **pp;
	int id = -1;

	if (!guard || !fn)
		goto out;
	t = ddekit__zalloc(sizeof(*t));
	if (!t)
		goto out;
	t->fn = fn;
	t->arg = args;
	t->expires = timeout;

	ddekit_host_mutex_lock(guard);
	id = t->id = alloc_id_locked();
	for (pp = &pending; *pp && (*pp)->expires <= t->expires;
	     pp = &(*pp)->next)
		;
	t->next = *pp;
	*pp = t;
	/* Only a new head changes how long the thread has to sleep. */
	if (pending == t)
		ddekit__waitq_wake_one(&thread_q, &wk);
	ddekit_host_mutex_unlock(guard);
	ddekit__wakeups_deliver(&wk);
out:
	return id;
}

/* Unlink timer @id; the caller holds the guard and frees the result. */
static struct timer *remove_locked(int id)
{
	struct timer **link;
	struct timer *t = find_locked(id, &link);

	if (t)
		*link = t->next;
	return t;
}

int ddekit_del_timer(int timer)
{
	struct timer *t;

	if (!guard)
		return -1;
	ddekit_host_mutex_lock(guard);
	t = remove_locked(timer);
	ddekit_host_mutex_unlock(guard);
	ddekit__free(t);
	return t ? 0 : -1;
}

int ddekit_del_timer_sync(int timer)
{
	bool in_timer_thread;
	struct timer *t;

	if (!guard)
		return -1;
	in_timer_thread = ddekit__thread_current() == timer_thread;
	ddekit_host_mutex_lock(guard);
	t = remove_locked(timer);
	while (!in_timer_thread && running_id == timer)
		ddekit__waitq_wait(&sync_q, guard, DDEKIT_HOST_FOREVER);
	ddekit_host_mutex_unlock(guard);
	ddekit__free(t);
	return t ? 0 : -1;
}

int ddekit_timer_pending(int timer)
{
	int found;

	if (!guard)
		return 0;
	ddekit_host_mutex_lock(guard);
	found = find_locked(timer, NULL) != NULL;
	ddekit_host_mutex_unlock(guard);
	return found;
}

ddekit_thread_t *ddekit_get_timer_thread(void)
{
	return timer_thread;
}

void ddekit_init_timers(void)
{
	/* ddekit_init() did the work; see timer.h. */
	if (!guard)
		ddekit_debug("ddekit_init_timers() before ddekit_init()");
}

int ddekit__timer_init(void)
{
	int rc;

	rc = ddekit_host_mutex_create(&guard);
	if (rc < 0)
		goto out;
	epoch_ns = ddekit_host_clock_ns();
	pending = NULL;
	next_id = 0;
	running_id = -1;
	stopping = false;
	stopped = false;
	rc = ddekit__thread_start("ddekit_timer", DDEKIT_HOST_PRIO_TIMER,
	                          timer_main, NULL, &timer_thread);
	if (rc < 0) {
		ddekit_host_mutex_destroy(guard);
		guard = NULL;
	}
out:
	return rc;
}

void ddekit__timer_fini(void)
{
	struct ddekit_host_mutex *g = guard;
	struct timer *t;

	if (!g)
		return;
	ddekit_host_mutex_lock(g);
	stopping = true;
	/* At once: we sleep under the same guard right after. */
	ddekit__waitq_wake_one(&thread_q, NULL);
	while (!stopped)
		ddekit__waitq_wait(&stop_q, g, DDEKIT_HOST_FOREVER);
	/* Only now: a function running until the thread left may add more. */
	while ((t = pending)) {
		pending = t->next;
		ddekit__free(t);
	}
	/* From here on add/del/pending see no timer module. */
	guard = NULL;
	timer_thread = NULL;
	ddekit_host_mutex_unlock(g);
	ddekit_host_mutex_destroy(g);
}
