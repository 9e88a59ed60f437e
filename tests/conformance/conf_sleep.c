/*
 * conf_sleep.c — time and sleeping: the clock is monotonic, jiffies follow
 * it, and sleeps last at least as long as asked (how much longer is
 * reported, never judged).
 */
#include "runner.h"

#define DDEKIT_NO_LEGACY_TIMER_NAMES
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#define NS_PER_US 1000ull
#define NS_PER_MS 1000000ull

static void clock_never_goes_backwards(struct conf_test_ctx *t)
{
	unsigned n = conf_iters(t, 100000, 10000);
	uint64_t prev = ddekit_clock_ns(), now;
	unsigned i;

	for (i = 0; i < n; i++) {
		now = ddekit_clock_ns();
		CONF_CHECK(
		    t, now >= prev, "read %llu ns after %llu ns (read %u)",
		    (unsigned long long)now, (unsigned long long)prev, i);
		prev = now;
	}
out:
	return;
}

static void jiffies_follow_the_clock_at_hz(struct conf_test_ctx *t)
{
	unsigned long long j0, j1, ticks, inner_ms, outer_ms;
	uint64_t a0, b0, a1, b1;

	/* Clock reads on both sides of each jiffies read bound the time that
	 * passed between the two jiffies reads from below and above. */
	a0 = ddekit_clock_ns();
	j0 = ddekit_jiffies();
	b0 = ddekit_clock_ns();
	ddekit_thread_msleep(50);
	a1 = ddekit_clock_ns();
	j1 = ddekit_jiffies();
	b1 = ddekit_clock_ns();

	ticks = j1 - j0;
	inner_ms = (a1 - b0) * DDEKIT_HZ / 1000000000ull;
	outer_ms = (b1 - a0) * DDEKIT_HZ / 1000000000ull;
	/* One tick of slack each way for where in a jiffy each read fell. */
	CONF_CHECK(t, ticks + 1 >= inner_ms,
	           "jiffies advanced %llu in at least %llu ticks' time (HZ=%d)",
	           ticks, inner_ms, DDEKIT_HZ);
	CONF_CHECK(t, ticks <= outer_ms + 1,
	           "jiffies advanced %llu in at most %llu ticks' time (HZ=%d)",
	           ticks, outer_ms, DDEKIT_HZ);
out:
	return;
}

enum sleep_unit { UNIT_MS, UNIT_US, UNIT_NS };

static void sleep_for(enum sleep_unit unit, unsigned long amount)
{
	switch (unit) {
	case UNIT_MS:
		ddekit_thread_msleep(amount);
		break;
	case UNIT_US:
		ddekit_thread_usleep(amount);
		break;
	case UNIT_NS:
		ddekit_thread_nsleep(amount);
		break;
	}
}

/* Sleeps each amount in turn; fails on any sleep shorter than asked. */
static void check_sleeps(struct conf_test_ctx *t, const char *what,
                         enum sleep_unit unit, const unsigned long *amounts,
                         unsigned count, uint64_t ns_per_unit)
{
	struct conf_lateness late;
	uint64_t start, took, want;
	unsigned i;

	conf_lateness_init(&late);
	for (i = 0; i < count; i++) {
		want = amounts[i] * ns_per_unit;
		start = ddekit_clock_ns();
		sleep_for(unit, amounts[i]);
		took = ddekit_clock_ns() - start;
		CONF_CHECK(t, took >= want,
		           "%s(%lu) returned after %llu ns, want at least %llu",
		           what, amounts[i], (unsigned long long)took,
		           (unsigned long long)want);
		conf_lateness_add(&late, (int64_t)(took - want));
	}
	conf_lateness_note(t, what, &late);
out:
	return;
}

static void msleep_lasts_at_least_the_given_time(struct conf_test_ctx *t)
{
	static const unsigned long ms[] = {1, 2, 5, 10, 20};

	check_sleeps(t, "msleep", UNIT_MS, ms, t->cfg->quick ? 3 : 5,
	             NS_PER_MS);
}

static void usleep_lasts_at_least_the_given_time(struct conf_test_ctx *t)
{
	static const unsigned long us[] = {1, 50, 500, 1500, 5000};

	check_sleeps(t, "usleep", UNIT_US, us, t->cfg->quick ? 3 : 5,
	             NS_PER_US);
}

static void nsleep_lasts_at_least_the_given_time(struct conf_test_ctx *t)
{
	static const unsigned long ns[] = {1, 1000, 100000, 1500000};

	check_sleeps(t, "nsleep", UNIT_NS, ns, t->cfg->quick ? 3 : 4, 1);
}

static const struct conf_test tests[] = {
    {"clock_never_goes_backwards", clock_never_goes_backwards},
    {"jiffies_follow_the_clock_at_hz", jiffies_follow_the_clock_at_hz},
    {"msleep_lasts_at_least_the_given_time",
     msleep_lasts_at_least_the_given_time},
    {"usleep_lasts_at_least_the_given_time",
     usleep_lasts_at_least_the_given_time},
    {"nsleep_lasts_at_least_the_given_time",
     nsleep_lasts_at_least_the_given_time},
};

CONF_AREA(conf_area_sleep, "sleep", tests);
