/*
 * test_semaphore.c — counting semaphores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>

#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include "fixture.h"
#include "mock.h"

#define WAIT_MS 5000

static void test_init_count_allows_that_many_downs(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(3);
	int i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < 3; i++)
		assert_int_equal(ddekit_sem_down_try(s), 0);
	assert_int_equal(ddekit_sem_down_try(s), -1);
	ddekit_sem_deinit(s);
}

static void test_init_with_negative_count_fails(void **state)
{
	(void)state;
	assert_null(ddekit_sem_init(-1));
}

static void test_up_adds_one_count(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(0);

	(void)state;
	assert_int_equal(ddekit_sem_down_try(s), -1);
	ddekit_sem_up(s);
	ddekit_sem_up(s);
	assert_int_equal(ddekit_sem_down_try(s), 0);
	assert_int_equal(ddekit_sem_down_try(s), 0);
	assert_int_equal(ddekit_sem_down_try(s), -1);
	ddekit_sem_deinit(s);
}

static void test_down_takes_an_available_count_at_once(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(1);

	(void)state;
	ddekit_sem_down(s);
	assert_int_equal(ddekit_sem_down_try(s), -1);
	ddekit_sem_deinit(s);
}

static void test_down_timed_times_out_after_the_given_ms(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(0);
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	assert_int_not_equal(ddekit_sem_down_timed(s, 40), 0);
	fixture_expect_elapsed(t0, 40000000u);
	ddekit_sem_deinit(s);
}

static void test_down_timed_zero_behaves_like_down_try(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(1);

	(void)state;
	assert_int_equal(ddekit_sem_down_timed(s, 0), 0);
	assert_int_not_equal(ddekit_sem_down_timed(s, 0), 0);
	ddekit_sem_deinit(s);
}

struct upper {
	ddekit_sem_t *sem;
	ddekit_sem_t *done;
	unsigned delay_ms;
};

static void delayed_up_fn(void *arg)
{
	struct upper *u = arg;

	ddekit_thread_msleep(u->delay_ms);
	ddekit_sem_up(u->sem);
	ddekit_sem_up(u->done);
}

static void test_down_timed_succeeds_when_up_comes_in_time(void **state)
{
	struct upper u = {ddekit_sem_init(0), ddekit_sem_init(0), 30};

	(void)state;
	assert_non_null(ddekit_thread_create(delayed_up_fn, &u, "upper"));
	assert_int_equal(ddekit_sem_down_timed(u.sem, WAIT_MS), 0);
	assert_int_equal(ddekit_sem_down_timed(u.done, WAIT_MS), 0);
	assert_int_equal(ddekit_sem_down_try(u.sem), -1);
	ddekit_sem_deinit(u.sem);
	ddekit_sem_deinit(u.done);
}

static void test_down_sleeps_until_up_from_another_thread(void **state)
{
	struct upper u = {ddekit_sem_init(0), ddekit_sem_init(0), 30};
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	assert_non_null(ddekit_thread_create(delayed_up_fn, &u, "upper"));
	ddekit_sem_down(u.sem);
	assert_true(ddekit_clock_ns() - t0 >= 30000000u);
	assert_int_equal(ddekit_sem_down_timed(u.done, WAIT_MS), 0);
	ddekit_sem_deinit(u.sem);
	ddekit_sem_deinit(u.done);
}

/*
 * Consumers with very short timeouts race with a producer. Every count must
 * end up taken by exactly one down or still be in the semaphore.
 */
enum { CONSUMERS = 4, UPS = 3000 };

struct race {
	ddekit_sem_t *sem;
	ddekit_sem_t *done;
	atomic_int stop;
	atomic_int taken;
};

static void consumer_fn(void *arg)
{
	struct race *r = arg;

	while (!atomic_load(&r->stop)) {
		if (ddekit_sem_down_timed(r->sem, 1) == 0)
			atomic_fetch_add(&r->taken, 1);
	}
	ddekit_sem_up(r->done);
}

static void producer_fn(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 0; i < UPS; i++) {
		ddekit_sem_up(r->sem);
		if (i % 16 == 0)
			ddekit_thread_usleep(200);
	}
	ddekit_sem_up(r->done);
}

static void test_no_count_is_lost_when_timeouts_race_with_ups(void **state)
{
	struct race r = {0};
	int i, left = 0;

	(void)state;
	r.sem = ddekit_sem_init(0);
	r.done = ddekit_sem_init(0);
	for (i = 0; i < CONSUMERS; i++)
		assert_non_null(ddekit_thread_create(consumer_fn, &r, "cons"));
	assert_non_null(ddekit_thread_create(producer_fn, &r, "prod"));
	assert_int_equal(ddekit_sem_down_timed(r.done, 60000), 0);
	atomic_store(&r.stop, 1);
	for (i = 0; i < CONSUMERS; i++)
		assert_int_equal(ddekit_sem_down_timed(r.done, WAIT_MS), 0);
	while (ddekit_sem_down_try(r.sem) == 0)
		left++;
	assert_int_equal(atomic_load(&r.taken) + left, UPS);
	ddekit_sem_deinit(r.sem);
	ddekit_sem_deinit(r.done);
}

struct waiter {
	ddekit_sem_t *sem;
	ddekit_sem_t *done;
	atomic_int woken;
};

static void waiter_fn(void *arg)
{
	struct waiter *w = arg;

	ddekit_sem_down(w->sem);
	atomic_fetch_add(&w->woken, 1);
	ddekit_sem_up(w->done);
}

static void test_one_up_lets_exactly_one_waiter_through(void **state)
{
	struct waiter w = {ddekit_sem_init(0), ddekit_sem_init(0), 0};
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_non_null(ddekit_thread_create(waiter_fn, &w, "waiter"));
	ddekit_thread_msleep(30);
	ddekit_sem_up(w.sem);
	assert_int_equal(ddekit_sem_down_timed(w.done, WAIT_MS), 0);
	ddekit_thread_msleep(30);
	assert_int_equal(atomic_load(&w.woken), 1);
	ddekit_sem_up(w.sem);
	ddekit_sem_up(w.sem);
	for (i = 0; i < 2; i++)
		assert_int_equal(ddekit_sem_down_timed(w.done, WAIT_MS), 0);
	assert_int_equal(atomic_load(&w.woken), 3);
	ddekit_sem_deinit(w.sem);
	ddekit_sem_deinit(w.done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_init_count_allows_that_many_downs),
	    PC(test_init_with_negative_count_fails),
	    PC(test_up_adds_one_count),
	    PC(test_down_takes_an_available_count_at_once),
	    PC(test_down_timed_times_out_after_the_given_ms),
	    PC(test_down_timed_zero_behaves_like_down_try),
	    PC(test_down_timed_succeeds_when_up_comes_in_time),
	    PC(test_down_sleeps_until_up_from_another_thread),
	    PC(test_no_count_is_lost_when_timeouts_race_with_ups),
	    PC(test_one_up_lets_exactly_one_waiter_through),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
