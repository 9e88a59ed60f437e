/*
 * test_sleep.c — msleep/wakeup, condition variables, mutexes and sx locks.
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
#include <sys/condvar.h>
#include <sys/kernel.h>
#include <sys/lock.h>
#include <sys/mutex.h>
#include <sys/sx.h>

static struct mtx m;
static struct cv cv;
static int flag;
static int woken;

static void test_msleep_times_out_with_ewouldblock(void **state)
{
	uint64_t t0;
	int err;

	(void)state;
	mtx_init(&m, "t", NULL, MTX_DEF);
	mtx_lock(&m);
	t0 = ddekit_clock_ns();
	err = msleep(&flag, &m, PZERO, "tmo", 30);
	assert_int_equal(err, EWOULDBLOCK);
	fixture_expect_elapsed(t0, 30000000u);
	mtx_assert(&m, MA_OWNED);
	mtx_unlock(&m);
	mtx_destroy(&m);
}

static void waker(void *arg)
{
	(void)arg;
	ddekit_thread_msleep(20);
	/* The sleeper let go of the interlock: this does not block. */
	mtx_lock(&m);
	flag = 1;
	wakeup(&flag);
	mtx_unlock(&m);
}

static void
test_wakeup_wakes_a_sleeper_and_msleep_retakes_the_mutex(void **state)
{
	int err = 0;

	(void)state;
	mtx_init(&m, "t", NULL, MTX_DEF);
	flag = 0;
	assert_non_null(ddekit_thread_create(waker, NULL, "waker"));
	mtx_lock(&m);
	while (!flag && !err)
		err = msleep(&flag, &m, PZERO, "wait", 2000);
	assert_int_equal(err, 0);
	assert_int_equal(flag, 1);
	mtx_assert(&m, MA_OWNED);
	mtx_unlock(&m);
	ddekit_thread_msleep(20); /* let the waker end */
	mtx_destroy(&m);
}

static void one_sleeper(void *arg)
{
	(void)arg;
	if (tsleep(&woken, PZERO, "one", 1000) == 0)
		__atomic_fetch_add(&woken, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&flag, 1, __ATOMIC_SEQ_CST);
}

static void test_wakeup_one_wakes_exactly_one_sleeper(void **state)
{
	(void)state;
	woken = 0;
	flag = 0;
	assert_non_null(ddekit_thread_create(one_sleeper, NULL, "s1"));
	assert_non_null(ddekit_thread_create(one_sleeper, NULL, "s2"));
	ddekit_thread_msleep(50);
	wakeup_one(&woken);
	/* Both end: one woken, the other after its 1 s timeout. */
	assert_true(
	    fbsd_wait_for(__atomic_load_n(&flag, __ATOMIC_SEQ_CST) == 2));
	assert_int_equal(__atomic_load_n(&woken, __ATOMIC_SEQ_CST), 1);
}

static void test_cv_timedwait_times_out(void **state)
{
	uint64_t t0;

	(void)state;
	mtx_init(&m, "t", NULL, MTX_DEF);
	cv_init(&cv, "cv");
	mtx_lock(&m);
	t0 = ddekit_clock_ns();
	assert_int_equal(cv_timedwait(&cv, &m, 20), EWOULDBLOCK);
	fixture_expect_elapsed(t0, 20000000u);
	mtx_unlock(&m);
	cv_destroy(&cv);
	mtx_destroy(&m);
}

static void signaller(void *arg)
{
	(void)arg;
	ddekit_thread_msleep(10);
	mtx_lock(&m);
	flag = 1;
	cv_signal(&cv);
	mtx_unlock(&m);
}

static void test_cv_signal_wakes_a_waiter(void **state)
{
	(void)state;
	mtx_init(&m, "t", NULL, MTX_DEF);
	cv_init(&cv, "cv");
	flag = 0;
	assert_non_null(ddekit_thread_create(signaller, NULL, "sig"));
	mtx_lock(&m);
	while (!flag)
		assert_int_equal(cv_timedwait(&cv, &m, 2000), 0);
	mtx_unlock(&m);
	ddekit_thread_msleep(20);
	cv_destroy(&cv);
	mtx_destroy(&m);
}

static void test_mutex_recursion_needs_mtx_recurse(void **state)
{
	(void)state;
	mtx_init(&m, "r", NULL, MTX_DEF | MTX_RECURSE);
	mtx_lock(&m);
	mtx_lock(&m);
	assert_true(mtx_recursed(&m));
	mtx_unlock(&m);
	assert_false(mtx_recursed(&m));
	assert_true(mtx_owned(&m));
	mtx_unlock(&m);
	assert_false(mtx_owned(&m));
	mtx_destroy(&m);

	mtx_init(&m, "nr", NULL, MTX_DEF);
	mtx_lock(&m);
	assert_true(fixture_panics(mtx_lock(&m)));
	assert_non_null(
	    strstr(mock_console_text(), "recursed on non-recursive"));
	mtx_unlock(&m);
	mtx_destroy(&m);
}

static void test_mtx_assert_owned_panics_when_not_held(void **state)
{
	(void)state;
	mtx_init(&m, "a", NULL, MTX_DEF);
	assert_true(fixture_panics(mtx_assert(&m, MA_OWNED)));
	assert_non_null(strstr(mock_console_text(), "not owned"));
	mtx_destroy(&m);
}

static void test_sleeping_with_a_spin_mutex_held_panics(void **state)
{
	struct mtx spin;

	(void)state;
	mtx_init(&spin, "spin", NULL, MTX_SPIN);
	mtx_lock_spin(&spin);
	assert_true(fixture_panics(pause("zzz", 1)));
	assert_non_null(strstr(mock_console_text(), "spin mutex held"));
	mtx_unlock_spin(&spin);
	mtx_destroy(&spin);
}

static struct sx sx;

static void sx_writer(void *arg)
{
	(void)arg;
	sx_xlock(&sx);
	__atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
	sx_xunlock(&sx);
}

static void test_sx_shared_holders_keep_a_writer_out(void **state)
{
	(void)state;
	sx_init(&sx, "sx");
	flag = 0;
	sx_slock(&sx);
	assert_true(sx_try_slock(&sx));
	assert_false(sx_try_xlock(&sx));
	assert_non_null(ddekit_thread_create(sx_writer, NULL, "writer"));
	ddekit_thread_msleep(30);
	assert_int_equal(__atomic_load_n(&flag, __ATOMIC_SEQ_CST), 0);
	sx_sunlock(&sx);
	sx_sunlock(&sx);
	assert_true(fbsd_wait_for(__atomic_load_n(&flag, __ATOMIC_SEQ_CST)));
	sx_xlock(&sx);
	sx_assert(&sx, SA_XLOCKED);
	sx_downgrade(&sx);
	sx_assert(&sx, SA_SLOCKED);
	sx_sunlock(&sx);
	sx_destroy(&sx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FBSD(test_msleep_times_out_with_ewouldblock),
	    FBSD(test_wakeup_wakes_a_sleeper_and_msleep_retakes_the_mutex),
	    FBSD(test_wakeup_one_wakes_exactly_one_sleeper),
	    FBSD(test_cv_timedwait_times_out),
	    FBSD(test_cv_signal_wakes_a_waiter),
	    FBSD(test_mutex_recursion_needs_mtx_recurse),
	    FBSD(test_mtx_assert_owned_panics_when_not_held),
	    FBSD(test_sleeping_with_a_spin_mutex_held_panics),
	    FBSD(test_sx_shared_holders_keep_a_writer_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
