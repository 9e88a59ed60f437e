/*
 * conf_sem.c — counting semaphores: the count, try/timed downs, and ups
 * that wake sleepers.
 */
#include "runner.h"

#include <ddekit/memory.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

static void down_try_takes_the_initial_count(struct conf_test_ctx *t)
{
	ddekit_sem_t *sem = ddekit_sem_init(2);
	int a, b, c;

	CONF_CHECK(t, sem, "ddekit_sem_init(2) returned NULL");
	a = ddekit_sem_down_try(sem);
	b = ddekit_sem_down_try(sem);
	c = ddekit_sem_down_try(sem);
	CONF_CHECK(t, a == 0 && b == 0 && c == -1,
	           "three down_try on a count of 2 returned %d, %d, %d; want "
	           "0, 0, -1",
	           a, b, c);
out:
	if (sem)
		ddekit_sem_deinit(sem);
}

static void up_adds_to_the_count(struct conf_test_ctx *t)
{
	ddekit_sem_t *sem = ddekit_sem_init(0);
	int empty, a, b, c;

	CONF_CHECK(t, sem, "ddekit_sem_init(0) returned NULL");
	empty = ddekit_sem_down_try(sem);
	CONF_CHECK(t, empty == -1, "down_try on a count of 0 returned %d",
	           empty);
	ddekit_sem_up(sem);
	ddekit_sem_up(sem);
	a = ddekit_sem_down_try(sem);
	b = ddekit_sem_down_try(sem);
	c = ddekit_sem_down_try(sem);
	CONF_CHECK(t, a == 0 && b == 0 && c == -1,
	           "after two ups, three down_try returned %d, %d, %d; want "
	           "0, 0, -1",
	           a, b, c);
out:
	if (sem)
		ddekit_sem_deinit(sem);
}

static void down_timed_times_out_no_earlier_than_asked(struct conf_test_ctx *t)
{
	static const int timo_ms[] = {1, 10, 30};
	ddekit_sem_t *sem = ddekit_sem_init(0);
	struct conf_lateness late;
	uint64_t start, took, want;
	unsigned i, n = t->cfg->quick ? 2 : 3;
	int r;

	conf_lateness_init(&late);
	CONF_CHECK(t, sem, "ddekit_sem_init(0) returned NULL");
	for (i = 0; i < n; i++) {
		want = (uint64_t)timo_ms[i] * 1000000u;
		start = conf_now_ns();
		r = ddekit_sem_down_timed(sem, timo_ms[i]);
		took = conf_now_ns() - start;
		CONF_CHECK(t, r != 0,
		           "down_timed(%d) on a count of 0 returned 0",
		           timo_ms[i]);
		CONF_CHECK(t, took >= want,
		           "down_timed(%d) timed out after %llu us", timo_ms[i],
		           (unsigned long long)(took / 1000));
		conf_lateness_add(&late, (int64_t)(took - want));
	}
	conf_lateness_note(t, "timeout", &late);
out:
	if (sem)
		ddekit_sem_deinit(sem);
}

static void down_timed_takes_an_available_count(struct conf_test_ctx *t)
{
	ddekit_sem_t *sem = ddekit_sem_init(1);
	int r, left;

	CONF_CHECK(t, sem, "ddekit_sem_init(1) returned NULL");
	r = ddekit_sem_down_timed(sem, CONF_TIMEOUT_MS);
	CONF_CHECK(t, r == 0, "down_timed on a count of 1 returned %d", r);
	left = ddekit_sem_down_try(sem);
	CONF_CHECK(t, left == -1,
	           "down_timed did not take the count (down_try then "
	           "returned %d)",
	           left);
out:
	if (sem)
		ddekit_sem_deinit(sem);
}

static void down_timed_0_behaves_like_down_try(struct conf_test_ctx *t)
{
	ddekit_sem_t *sem = ddekit_sem_init(0);
	int empty, full;

	CONF_CHECK(t, sem, "ddekit_sem_init(0) returned NULL");
	empty = ddekit_sem_down_timed(sem, 0);
	ddekit_sem_up(sem);
	full = ddekit_sem_down_timed(sem, 0);
	CONF_CHECK(t, empty != 0, "down_timed(0) on a count of 0 returned 0");
	CONF_CHECK(t, full == 0, "down_timed(0) on a count of 1 returned %d",
	           full);
out:
	if (sem)
		ddekit_sem_deinit(sem);
}

struct sem_waiter_probe {
	struct conf_crew crew;
	ddekit_sem_t *sem;
	int timed; /* use down_timed instead of down */
	int result;
	int got;
};

static void sem_waiter(void *arg)
{
	struct sem_waiter_probe *p = arg;

	ddekit_sem_up(p->crew.started);
	if (p->timed) {
		p->result = ddekit_sem_down_timed(p->sem, CONF_TIMEOUT_MS);
	} else {
		ddekit_sem_down(p->sem);
		p->result = 0;
	}
	__atomic_store_n(&p->got, 1, __ATOMIC_SEQ_CST);
	ddekit_sem_up(p->crew.done);
}

static void check_up_wakes_waiter(struct conf_test_ctx *t, int timed)
{
	struct sem_waiter_probe *p = conf_zalloc(t, sizeof(*p));
	int upped = 0;

	if (!p)
		return;
	p->timed = timed;
	p->sem = ddekit_sem_init(0);
	CONF_CHECK(t, p->sem, "ddekit_sem_init(0) returned NULL");
	CONF_TRY(conf_crew_init(t, &p->crew));
	CONF_TRY(
	    conf_crew_start(t, &p->crew, sem_waiter, p, "conf-semwait", NULL));
	CONF_TRY(conf_crew_wait_started(t, &p->crew, 1));
	ddekit_thread_msleep(CONF_QUIET_MS);
	CONF_CHECK(t, !__atomic_load_n(&p->got, __ATOMIC_SEQ_CST),
	           "the waiter got past a down on a count of 0");
	ddekit_sem_up(p->sem);
	upped = 1;
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->result == 0,
	           "the waiter's down_timed returned %d after the up",
	           p->result);
out:
	/* A waiter still blocked in down() must be let go before it may be
	 * joined. */
	if (p && p->sem && !upped)
		ddekit_sem_up(p->sem);
	if (p && conf_crew_finish(t, &p->crew) == 0) {
		if (p->sem)
			ddekit_sem_deinit(p->sem);
		ddekit_simple_free(p);
	}
}

static void up_wakes_a_waiter_in_down(struct conf_test_ctx *t)
{
	check_up_wakes_waiter(t, 0);
}

static void up_wakes_a_waiter_in_down_timed(struct conf_test_ctx *t)
{
	check_up_wakes_waiter(t, 1);
}

static const struct conf_test tests[] = {
    {"down_try_takes_the_initial_count", down_try_takes_the_initial_count},
    {"up_adds_to_the_count", up_adds_to_the_count},
    {"down_timed_times_out_no_earlier_than_asked",
     down_timed_times_out_no_earlier_than_asked},
    {"down_timed_takes_an_available_count",
     down_timed_takes_an_available_count},
    {"down_timed_0_behaves_like_down_try", down_timed_0_behaves_like_down_try},
    {"up_wakes_a_waiter_in_down", up_wakes_a_waiter_in_down},
    {"up_wakes_a_waiter_in_down_timed", up_wakes_a_waiter_in_down_timed},
};

CONF_AREA(conf_area_sem, "sem", tests);
