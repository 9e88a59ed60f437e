/*
 * conf_timer.c — one-shot timers: order, never early (with the measured
 * lateness), deletion, pending state, the timer thread.
 *
 * Timer functions only write static storage of their own test (atomics),
 * and the test polls it: a timer that fires when it should not, even after
 * its test ended, can never touch freed memory.
 */
#include "runner.h"

#define DDEKIT_NO_LEGACY_TIMER_NAMES
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#define NS_PER_JIFFY (1000000000ull / DDEKIT_HZ)
#define MS(ms)       ((unsigned long)((ms)*DDEKIT_HZ / 1000))

#define ACCURACY_TIMERS       12
#define ACCURACY_TIMERS_QUICK 5

static int load(const int *v)
{
	return __atomic_load_n(v, __ATOMIC_SEQ_CST);
}

static void store(int *v, int x)
{
	__atomic_store_n(v, x, __ATOMIC_SEQ_CST);
}

/* Polls until *@v >= @want or the suite's timeout; returns 1 if reached. */
static int wait_at_least(const int *v, int want)
{
	uint64_t deadline = conf_now_ns() + CONF_TIMEOUT_MS * 1000000ull;

	while (load(v) < want) {
		if (conf_now_ns() >= deadline)
			return 0;
		ddekit_thread_msleep(1);
	}
	return 1;
}

/* Waits for the start of a new jiffy and returns the clock at that edge,
 * so that expiry times can be converted to nanoseconds. */
static unsigned long long next_jiffy_edge(uint64_t *edge_ns)
{
	unsigned long long j0 = ddekit_jiffies(), j;

	while ((j = ddekit_jiffies()) == j0)
		;
	*edge_ns = ddekit_clock_ns();
	return j;
}

/* ---- order ----------------------------------------------------------------
 */

static struct {
	int fired;
	int order[4];
} order_state;

static void order_fn(void *arg)
{
	int slot = __atomic_fetch_add(&order_state.fired, 1, __ATOMIC_SEQ_CST);

	if (slot < 4)
		store(&order_state.order[slot], (int)(long)arg);
}

static void fires_in_order_of_expiry(struct conf_test_ctx *t)
{
	/* Added out of order; timer i expires at now + delay[i]. */
	static const unsigned delay_ms[4] = {40, 10, 30, 20};
	static const int want[4] = {1, 3, 2, 0};
	unsigned long now = (unsigned long)ddekit_jiffies();
	int i, id;

	order_state.fired = 0;
	for (i = 0; i < 4; i++) {
		store(&order_state.order[i], -1);
		id = ddekit_add_timer(order_fn, (void *)(long)i,
		                      now + MS(delay_ms[i]));
		CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	}
	CONF_CHECK(t, wait_at_least(&order_state.fired, 4),
	           "only %d of 4 timers fired within %u ms",
	           load(&order_state.fired), CONF_TIMEOUT_MS);
	for (i = 0; i < 4; i++)
		CONF_CHECK(
		    t, load(&order_state.order[i]) == want[i],
		    "fired in order %d %d %d %d, want %d %d %d %d",
		    load(&order_state.order[0]), load(&order_state.order[1]),
		    load(&order_state.order[2]), load(&order_state.order[3]),
		    want[0], want[1], want[2], want[3]);
out:
	return;
}

/* ---- accuracy
 * ---------------------------------------------------------------- */

static struct {
	int fired;
	unsigned long long jiffies[ACCURACY_TIMERS];
	uint64_t ns[ACCURACY_TIMERS];
	int done[ACCURACY_TIMERS];
} accuracy_state;

static void accuracy_fn(void *arg)
{
	int i = (int)(long)arg;

	accuracy_state.jiffies[i] = ddekit_jiffies();
	accuracy_state.ns[i] = ddekit_clock_ns();
	store(&accuracy_state.done[i], 1);
	__atomic_fetch_add(&accuracy_state.fired, 1, __ATOMIC_SEQ_CST);
}

static void fires_not_before_expiry(struct conf_test_ctx *t)
{
	int n = (int)conf_iters(t, ACCURACY_TIMERS, ACCURACY_TIMERS_QUICK);
	unsigned long expiry[ACCURACY_TIMERS];
	struct conf_lateness late;
	unsigned long long edge;
	uint64_t edge_ns, due_ns;
	int i, id;

	conf_lateness_init(&late);
	store(&accuracy_state.fired, 0);
	for (i = 0; i < ACCURACY_TIMERS; i++)
		store(&accuracy_state.done[i], 0);

	edge = next_jiffy_edge(&edge_ns);
	for (i = 0; i < n; i++) {
		/* Spread over 1..~3n jiffies so they also test ordering
		 * against the clock, not only against each other. */
		expiry[i] = (unsigned long)edge + 1 + (unsigned long)(3 * i);
		id = ddekit_add_timer(accuracy_fn, (void *)(long)i, expiry[i]);
		CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	}
	CONF_CHECK(t, wait_at_least(&accuracy_state.fired, n),
	           "only %d of %d timers fired within %u ms",
	           load(&accuracy_state.fired), n, CONF_TIMEOUT_MS);
	for (i = 0; i < n; i++) {
		/* done[] orders the reads after the timer function's
		 * writes. */
		CONF_CHECK(t, load(&accuracy_state.done[i]),
		           "timer %d did not finish", i);
		CONF_CHECK(t, accuracy_state.jiffies[i] >= expiry[i],
		           "timer %d fired at jiffy %llu, %llu before its "
		           "expiry %lu",
		           i, accuracy_state.jiffies[i],
		           (unsigned long long)expiry[i] -
		               accuracy_state.jiffies[i],
		           expiry[i]);
		due_ns = edge_ns + (expiry[i] - edge) * NS_PER_JIFFY;
		conf_lateness_add(&late, (int64_t)accuracy_state.ns[i] -
		                             (int64_t)due_ns);
	}
	conf_lateness_note(t, "timer", &late);
out:
	return;
}

static struct {
	int fired;
	int in_timer_thread;
} thread_state;

static void thread_fn(void *arg)
{
	(void)arg;
	store(&thread_state.in_timer_thread,
	      ddekit_thread_myself() == ddekit_get_timer_thread());
	store(&thread_state.fired, 1);
}

static void runs_in_the_timer_thread(struct conf_test_ctx *t)
{
	ddekit_thread_t *timer_thread = ddekit_get_timer_thread();
	int id;

	store(&thread_state.fired, 0);
	CONF_CHECK(t, timer_thread != NULL,
	           "ddekit_get_timer_thread() returned NULL");
	CONF_CHECK(t, timer_thread != ddekit_thread_myself(),
	           "the timer thread is the caller's thread");
	id = ddekit_add_timer(thread_fn, NULL,
	                      (unsigned long)ddekit_jiffies() + 1);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	CONF_CHECK(t, wait_at_least(&thread_state.fired, 1),
	           "the timer did not fire within %u ms", CONF_TIMEOUT_MS);
	CONF_CHECK(t, load(&thread_state.in_timer_thread),
	           "the function ran in another thread than "
	           "ddekit_get_timer_thread()");
out:
	return;
}

static int past_fired;

static void past_fn(void *arg)
{
	(void)arg;
	store(&past_fired, 1);
}

static void past_expiry_fires_at_once(struct conf_test_ctx *t)
{
	unsigned long long now = ddekit_jiffies();
	unsigned long when = now > 10 ? (unsigned long)(now - 10) : 0;
	int id;

	store(&past_fired, 0);
	id = ddekit_add_timer(past_fn, NULL, when);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	CONF_CHECK(t, wait_at_least(&past_fired, 1),
	           "a timer due %llu jiffies ago did not fire within %u ms",
	           now - when, CONF_TIMEOUT_MS);
out:
	return;
}

/* ---- deletion and pending state
 * ------------------------------------------------ */

static int del_fired;

static void del_fn(void *arg)
{
	(void)arg;
	store(&del_fired, 1);
}

static void del_timer_prevents_firing(struct conf_test_ctx *t)
{
	unsigned long when = (unsigned long)ddekit_jiffies() + MS(20);
	int id, r, again;

	store(&del_fired, 0);
	id = ddekit_add_timer(del_fn, NULL, when);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	r = ddekit_del_timer(id);
	CONF_CHECK(t, r == 0,
	           "ddekit_del_timer() of a pending timer returned "
	           "%d, want 0",
	           r);
	ddekit_thread_msleep(20 + CONF_QUIET_MS);
	CONF_CHECK(t, !load(&del_fired), "the deleted timer fired");
	again = ddekit_del_timer(id);
	CONF_CHECK(t, again == -1,
	           "deleting the timer again returned %d, want -1", again);
out:
	return;
}

static int pending_fired;

static void pending_fn(void *arg)
{
	(void)arg;
	store(&pending_fired, 1);
}

static void pending_until_fired(struct conf_test_ctx *t)
{
	unsigned long when = (unsigned long)ddekit_jiffies() + MS(20);
	int id, before, after, del;

	store(&pending_fired, 0);
	id = ddekit_add_timer(pending_fn, NULL, when);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	before = ddekit_timer_pending(id);
	CONF_CHECK(t, before == 1, "pending before expiry is %d, want 1",
	           before);
	CONF_CHECK(t, wait_at_least(&pending_fired, 1),
	           "the timer did not fire within %u ms", CONF_TIMEOUT_MS);
	after = ddekit_timer_pending(id);
	CONF_CHECK(t, after == 0, "pending after it fired is %d, want 0",
	           after);
	del = ddekit_del_timer(id);
	CONF_CHECK(t, del == -1,
	           "deleting a timer that fired returned %d, want -1", del);
out:
	return;
}

static void deleted_timer_is_not_pending(struct conf_test_ctx *t)
{
	unsigned long when = (unsigned long)ddekit_jiffies() + MS(1000);
	int id, pending;

	id = ddekit_add_timer(del_fn, NULL, when);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	CONF_CHECK(t, ddekit_del_timer(id) == 0,
	           "ddekit_del_timer() of a pending timer failed");
	pending = ddekit_timer_pending(id);
	CONF_CHECK(t, pending == 0, "pending after deletion is %d, want 0",
	           pending);
out:
	return;
}

static void ids_of_pending_timers_differ(struct conf_test_ctx *t)
{
	unsigned long when = (unsigned long)ddekit_jiffies() + MS(1000);
	int a, b;

	a = ddekit_add_timer(del_fn, NULL, when);
	b = ddekit_add_timer(del_fn, NULL, when);
	CONF_CHECK(t, a >= 0 && b >= 0, "ddekit_add_timer() returned %d, %d", a,
	           b);
	CONF_CHECK(t, a != b, "two pending timers both have id %d", a);
out:
	if (a >= 0)
		ddekit_del_timer(a);
	if (b >= 0 && b != a)
		ddekit_del_timer(b);
}

static struct {
	int started;
	int finished;
} sync_state;

static void slow_fn(void *arg)
{
	(void)arg;
	store(&sync_state.started, 1);
	ddekit_thread_msleep(CONF_QUIET_MS);
	store(&sync_state.finished, 1);
}

static void
del_timer_sync_waits_for_the_running_function(struct conf_test_ctx *t)
{
	int id, r;

	store(&sync_state.started, 0);
	store(&sync_state.finished, 0);
	id = ddekit_add_timer(slow_fn, NULL, (unsigned long)ddekit_jiffies());
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	CONF_CHECK(t, wait_at_least(&sync_state.started, 1),
	           "the timer did not fire within %u ms", CONF_TIMEOUT_MS);
	r = ddekit_del_timer_sync(id);
	CONF_CHECK(t, load(&sync_state.finished),
	           "ddekit_del_timer_sync() returned while the function ran");
	CONF_CHECK(t, r == -1,
	           "ddekit_del_timer_sync() of a running timer returned %d, "
	           "want -1",
	           r);
out:
	/* Whatever happened, let the function end before the next test. */
	wait_at_least(&sync_state.finished, 1);
}

static int chain_fired;

static void chain_second(void *arg)
{
	(void)arg;
	store(&chain_fired, 2);
}

static void chain_first(void *arg)
{
	(void)arg;
	if (ddekit_add_timer(chain_second, NULL,
	                     (unsigned long)ddekit_jiffies() + 1) >= 0)
		store(&chain_fired, 1);
	else
		store(&chain_fired, -1);
}

static void function_may_add_a_timer(struct conf_test_ctx *t)
{
	int id;

	store(&chain_fired, 0);
	id = ddekit_add_timer(chain_first, NULL,
	                      (unsigned long)ddekit_jiffies() + 1);
	CONF_CHECK(t, id >= 0, "ddekit_add_timer() returned %d", id);
	CONF_CHECK(t, wait_at_least(&chain_fired, 2),
	           "the timer added by a timer function did not fire (state "
	           "%d)",
	           load(&chain_fired));
out:
	return;
}

static const struct conf_test tests[] = {
    {"fires_in_order_of_expiry", fires_in_order_of_expiry},
    {"fires_not_before_expiry", fires_not_before_expiry},
    {"runs_in_the_timer_thread", runs_in_the_timer_thread},
    {"past_expiry_fires_at_once", past_expiry_fires_at_once},
    {"del_timer_prevents_firing", del_timer_prevents_firing},
    {"pending_until_fired", pending_until_fired},
    {"deleted_timer_is_not_pending", deleted_timer_is_not_pending},
    {"ids_of_pending_timers_differ", ids_of_pending_timers_differ},
    {"del_timer_sync_waits_for_the_running_function",
     del_timer_sync_waits_for_the_running_function},
    {"function_may_add_a_timer", function_may_add_a_timer},
};

CONF_AREA(conf_area_timer, "timer", tests);
