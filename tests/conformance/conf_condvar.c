/*
 * conf_condvar.c — condition variables: signal, broadcast, timed waits.
 *
 * Waiters use ddekit_condvar_wait_timed() with the suite's timeout so that a
 * lost signal fails the test instead of hanging the suite; a wait that ends
 * by timeout is recorded and judged by the test.
 */
#include "runner.h"

#include <ddekit/condvar.h>
#include <ddekit/lock.h>
#include <ddekit/memory.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#define BROADCAST_WAITERS 4

struct cv_probe {
	struct conf_crew crew;
	ddekit_lock_t lock;
	ddekit_condvar_t *cv;
	int flag;     /* the condition, under @lock */
	int woken;    /* waiters that saw the condition, under @lock */
	int timeouts; /* waits that timed out, under @lock */
};

static void cv_waiter(void *arg)
{
	struct cv_probe *p = arg;

	int timed_out = 0;

	ddekit_lock_lock(&p->lock);
	/* The test takes the lock after this up, i.e. only once this thread
	 * released it inside the wait below. */
	ddekit_sem_up(p->crew.started);
	while (!p->flag && !timed_out)
		timed_out = ddekit_condvar_wait_timed(p->cv, &p->lock,
		                                      CONF_TIMEOUT_MS) != 0;
	if (timed_out)
		p->timeouts++;
	else
		p->woken++;
	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->crew.done);
}

static struct cv_probe *cv_probe_new(struct conf_test_ctx *t)
{
	struct cv_probe *p = conf_zalloc(t, sizeof(*p));

	if (!p)
		return NULL;
	ddekit_lock_init(&p->lock);
	p->cv = ddekit_condvar_init();
	if (p->lock && p->cv)
		return p;
	conf_fail(t, __FILE__, __LINE__, "%s",
	          p->lock ? "ddekit_condvar_init() returned NULL"
	                  : "ddekit_lock_init() gave no lock");
	if (p->lock)
		ddekit_lock_deinit(&p->lock);
	if (p->cv)
		ddekit_condvar_deinit(p->cv);
	ddekit_simple_free(p);
	return NULL;
}

/* Frees @p once its workers are known to be gone; else leaves it be. */
static void cv_probe_free(struct conf_test_ctx *t, struct cv_probe *p)
{
	if (!p || conf_crew_finish(t, &p->crew) < 0)
		return;
	ddekit_condvar_deinit(p->cv);
	ddekit_lock_deinit(&p->lock);
	ddekit_simple_free(p);
}

/* Starts @n waiters and returns once all of them sleep in the condvar
 * (the caller then holds the lock). */
static int start_waiters(struct conf_test_ctx *t, struct cv_probe *p,
                         unsigned n)
{
	uint64_t deadline;
	unsigned i;

	if (conf_crew_init(t, &p->crew) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (conf_crew_start(t, &p->crew, cv_waiter, p, "conf-cvwait",
		                    NULL) < 0)
			return -1;
	if (conf_crew_wait_started(t, &p->crew, n) < 0)
		return -1;
	/* Polled so that a wait which keeps the lock fails the test instead
	 * of hanging it. */
	deadline = conf_now_ns() + CONF_TIMEOUT_MS * 1000000ull;
	while (ddekit_lock_try_lock(&p->lock) != 0) {
		if (conf_now_ns() >= deadline) {
			conf_fail(t, __FILE__, __LINE__,
			          "the lock was still held %u ms after the "
			          "waiters began to wait",
			          CONF_TIMEOUT_MS);
			return -1;
		}
		ddekit_thread_msleep(1);
	}
	return 0;
}

static void signal_wakes_a_waiter(struct conf_test_ctx *t)
{
	struct cv_probe *p = cv_probe_new(t);

	if (!p)
		return;
	CONF_TRY(start_waiters(t, p, 1));
	p->flag = 1;
	ddekit_condvar_signal(p->cv);
	ddekit_lock_unlock(&p->lock);
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(
	    t, p->woken == 1 && p->timeouts == 0,
	    "the waiter timed out after %u ms instead of being signalled",
	    CONF_TIMEOUT_MS);
out:
	cv_probe_free(t, p);
}

static void broadcast_wakes_all_waiters(struct conf_test_ctx *t)
{
	struct cv_probe *p = cv_probe_new(t);

	if (!p)
		return;
	CONF_TRY(start_waiters(t, p, BROADCAST_WAITERS));
	p->flag = 1;
	ddekit_condvar_broadcast(p->cv);
	ddekit_lock_unlock(&p->lock);
	if (conf_crew_finish(t, &p->crew) < 0) {
		p = NULL;
		goto out;
	}
	CONF_CHECK(t, p->woken == BROADCAST_WAITERS,
	           "%d of %d waiters woke; %d timed out after %u ms", p->woken,
	           BROADCAST_WAITERS, p->timeouts, CONF_TIMEOUT_MS);
out:
	cv_probe_free(t, p);
}

static void wait_timed_times_out_no_earlier_than_asked(struct conf_test_ctx *t)
{
	static const int timo_ms[] = {1, 10, 30};
	struct cv_probe *p = cv_probe_new(t);
	int me = ddekit_thread_get_id(ddekit_thread_myself());
	struct conf_lateness late;
	uint64_t start, took, want;
	unsigned i, n = t->cfg->quick ? 2 : 3;
	int r, owner;

	if (!p)
		return;
	conf_lateness_init(&late);
	for (i = 0; i < n; i++) {
		want = (uint64_t)timo_ms[i] * 1000000u;
		ddekit_lock_lock(&p->lock);
		start = conf_now_ns();
		r = ddekit_condvar_wait_timed(p->cv, &p->lock, timo_ms[i]);
		took = conf_now_ns() - start;
		owner = ddekit_lock_owner(&p->lock);
		ddekit_lock_unlock(&p->lock);
		CONF_CHECK(t, r != 0,
		           "wait_timed(%d) without a signal returned 0",
		           timo_ms[i]);
		CONF_CHECK(t, took >= want,
		           "wait_timed(%d) timed out after %llu us", timo_ms[i],
		           (unsigned long long)(took / 1000));
		CONF_CHECK(t, owner == me,
		           "after the timeout the lock's owner is %d, the "
		           "waiter's id is %d",
		           owner, me);
		conf_lateness_add(&late, (int64_t)(took - want));
	}
	conf_lateness_note(t, "timeout", &late);
out:
	cv_probe_free(t, p);
}

static void wait_releases_the_lock_while_sleeping(struct conf_test_ctx *t)
{
	struct cv_probe *p = cv_probe_new(t);

	if (!p)
		return;
	/* Fails unless the lock can be taken while the waiter waits. */
	CONF_TRY(start_waiters(t, p, 1));
	p->flag = 1;
	ddekit_condvar_signal(p->cv);
	ddekit_lock_unlock(&p->lock);
out:
	cv_probe_free(t, p);
}

static const struct conf_test tests[] = {
    {"signal_wakes_a_waiter", signal_wakes_a_waiter},
    {"broadcast_wakes_all_waiters", broadcast_wakes_all_waiters},
    {"wait_timed_times_out_no_earlier_than_asked",
     wait_timed_times_out_no_earlier_than_asked},
    {"wait_releases_the_lock_while_sleeping",
     wait_releases_the_lock_while_sleeping},
};

CONF_AREA(conf_area_condvar, "condvar", tests);
