/*
 * test_callout.c — callout(9): timing, stop, reset, drain, the lock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ddekit/timer.h>

#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/callout.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/mutex.h>

static struct callout co;
static struct mtx m;
static int fired;
static uint64_t fired_at;
static int held_mutex;

static void handler(void *arg)
{
	fired_at = ddekit_clock_ns();
	held_mutex = mtx_owned(&m);
	__atomic_fetch_add((int *)arg, 1, __ATOMIC_SEQ_CST);
}

static int count(void)
{
	return __atomic_load_n(&fired, __ATOMIC_SEQ_CST);
}

static void test_callout_never_fires_early(void **state)
{
	uint64_t t0;

	(void)state;
	fired = 0;
	callout_init(&co, 1);
	t0 = ddekit_clock_ns();
	callout_reset(&co, 40, handler, &fired);
	assert_true(callout_pending(&co));
	assert_true(fbsd_wait_for(count() == 1));
	assert_true(fired_at - t0 >= 40000000u);
	assert_false(callout_pending(&co));
	callout_drain(&co);
}

static void test_callout_stop_prevents_a_pending_run(void **state)
{
	(void)state;
	fired = 0;
	callout_init(&co, 1);
	callout_reset(&co, 20, handler, &fired);
	assert_int_equal(callout_stop(&co), 1);
	assert_false(callout_active(&co));
	ddekit_thread_msleep(60);
	assert_int_equal(count(), 0);
	/* Nothing pending any more. */
	assert_int_equal(callout_stop(&co), 0);
}

static void test_callout_reset_moves_the_deadline(void **state)
{
	uint64_t t0;

	(void)state;
	fired = 0;
	callout_init(&co, 1);
	callout_reset(&co, 10, handler, &fired);
	t0 = ddekit_clock_ns();
	assert_int_equal(callout_reset(&co, 60, handler, &fired), 1);
	assert_true(fbsd_wait_for(count() == 1));
	assert_true(fired_at - t0 >= 60000000u);
	ddekit_thread_msleep(20);
	assert_int_equal(count(), 1);
	callout_drain(&co);
}

static int slow_done;

static void slow_handler(void *arg)
{
	(void)arg;
	__atomic_store_n(&fired, 1, __ATOMIC_SEQ_CST);
	DELAY(50000);
	__atomic_store_n(&slow_done, 1, __ATOMIC_SEQ_CST);
}

static void test_callout_drain_waits_for_a_running_handler(void **state)
{
	(void)state;
	fired = 0;
	slow_done = 0;
	callout_init(&co, 1);
	callout_reset(&co, 1, slow_handler, NULL);
	assert_true(fbsd_wait_for(count() == 1));
	/* Running: stop cannot prevent it, drain waits for it. */
	assert_int_equal(callout_drain(&co), 0);
	assert_int_equal(__atomic_load_n(&slow_done, __ATOMIC_SEQ_CST), 1);
}

static void test_callout_init_mtx_runs_with_the_mutex_held(void **state)
{
	(void)state;
	fired = 0;
	held_mutex = 0;
	mtx_init(&m, "co", NULL, MTX_DEF);
	callout_init_mtx(&co, &m, 0);
	callout_reset(&co, 1, handler, &fired);
	assert_true(fbsd_wait_for(count() == 1));
	assert_int_equal(held_mutex, 1);
	callout_drain(&co);
	mtx_destroy(&m);
}

static void
test_callout_stop_under_the_mutex_cancels_a_due_handler(void **state)
{
	(void)state;
	fired = 0;
	mtx_init(&m, "co", NULL, MTX_DEF);
	callout_init_mtx(&co, &m, 0);
	mtx_lock(&m);
	callout_reset(&co, 1, handler, &fired);
	/* Now due, and the softclock thread waits for m. */
	ddekit_thread_msleep(30);
	assert_int_equal(callout_stop(&co), 1);
	mtx_unlock(&m);
	ddekit_thread_msleep(30);
	assert_int_equal(count(), 0);
	callout_drain(&co);
	mtx_destroy(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FBSD(test_callout_never_fires_early),
	    FBSD(test_callout_stop_prevents_a_pending_run),
	    FBSD(test_callout_reset_moves_the_deadline),
	    FBSD(test_callout_drain_waits_for_a_running_handler),
	    FBSD(test_callout_init_mtx_runs_with_the_mutex_held),
	    FBSD(test_callout_stop_under_the_mutex_cancels_a_due_handler),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
