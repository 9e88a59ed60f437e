/*
 * test_timer.c — jiffies and one-shot timers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>

#include <ddekit/ddekit.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include "fixture.h"
#include "mock.h"

#define WAIT_MS 5000
#define MS(n)   ((unsigned long)(n)*DDEKIT_HZ / 1000)

/* Each firing records its tag, time and thread, then posts @fired. */
struct log {
	ddekit_sem_t *fired;
	atomic_int n;
	int order[16];
	unsigned long long at_jiffies[16];
	uint64_t at_ns[16];
	ddekit_thread_t *thread[16];
};

struct shot {
	struct log *log;
	int tag;
};

static void record_fn(void *arg)
{
	struct shot *s = arg;
	struct log *l = s->log;
	int i = atomic_fetch_add(&l->n, 1);

	if (i < 16) {
		l->order[i] = s->tag;
		l->at_jiffies[i] = ddekit_jiffies();
		l->at_ns[i] = ddekit_clock_ns();
		l->thread[i] = ddekit_thread_myself();
	}
	ddekit_sem_up(l->fired);
}

static void log_init(struct log *l)
{
	l->fired = ddekit_sem_init(0);
	atomic_store(&l->n, 0);
}

static void wait_fired(struct log *l, int n)
{
	int i;

	for (i = 0; i < n; i++)
		assert_int_equal(ddekit_sem_down_timed(l->fired, WAIT_MS), 0);
}

static void never_fn(void *arg)
{
	atomic_store((atomic_int *)arg, 1);
}

static atomic_int never_ran;

/* A timer due in 10 s, for tests that delete it long before. */
static int add_distant_timer(void)
{
	return ddekit_add_timer(never_fn, &never_ran,
	                        ddekit_jiffies() + MS(10000));
}

static void test_jiffies_advance_at_hz(void **state)
{
	unsigned long long j0 = ddekit_jiffies();

	(void)state;
	ddekit_thread_msleep(100);
	assert_true(ddekit_jiffies() - j0 >= MS(100));
	assert_true(ddekit_jiffies() - j0 < MS(2000));
}

static void test_jiffies_count_from_init(void **state)
{
	(void)state;
	assert_true(ddekit_jiffies() < MS(2000));
}

static void test_timer_fires_not_before_its_time(void **state)
{
	struct log l;
	struct shot s = {&l, 1};
	unsigned long long due;
	uint64_t t0;

	(void)state;
	log_init(&l);
	t0 = ddekit_clock_ns();
	due = ddekit_jiffies() + MS(50);
	assert_true(ddekit_add_timer(record_fn, &s, due) >= 0);
	wait_fired(&l, 1);
	assert_true(l.at_jiffies[0] >= due);
	assert_true(l.at_ns[0] - t0 >= 49000000u);
	ddekit_sem_deinit(l.fired);
}

static void test_timer_in_the_past_fires_at_once(void **state)
{
	struct log l;
	struct shot s = {&l, 1};

	(void)state;
	log_init(&l);
	ddekit_thread_msleep(5);
	assert_true(ddekit_add_timer(record_fn, &s, 0) >= 0);
	wait_fired(&l, 1);
	ddekit_sem_deinit(l.fired);
}

static void test_timers_fire_in_order_of_expiry(void **state)
{
	struct log l;
	struct shot s[3] = {{&l, 1}, {&l, 2}, {&l, 3}};
	unsigned long long now;

	(void)state;
	log_init(&l);
	now = ddekit_jiffies();
	assert_true(ddekit_add_timer(record_fn, &s[2], now + MS(60)) >= 0);
	assert_true(ddekit_add_timer(record_fn, &s[0], now + MS(20)) >= 0);
	assert_true(ddekit_add_timer(record_fn, &s[1], now + MS(40)) >= 0);
	wait_fired(&l, 3);
	assert_int_equal(l.order[0], 1);
	assert_int_equal(l.order[1], 2);
	assert_int_equal(l.order[2], 3);
	ddekit_sem_deinit(l.fired);
}

static void test_timers_with_equal_expiry_fire_in_order_added(void **state)
{
	struct log l;
	struct shot s[4] = {{&l, 1}, {&l, 2}, {&l, 3}, {&l, 4}};
	unsigned long long due;
	int i;

	(void)state;
	log_init(&l);
	due = ddekit_jiffies() + MS(30);
	for (i = 0; i < 4; i++)
		assert_true(ddekit_add_timer(record_fn, &s[i], due) >= 0);
	wait_fired(&l, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(l.order[i], i + 1);
	ddekit_sem_deinit(l.fired);
}

static void test_timer_functions_run_in_the_timer_thread(void **state)
{
	struct log l;
	struct shot s = {&l, 1};

	(void)state;
	log_init(&l);
	assert_true(ddekit_add_timer(record_fn, &s, 0) >= 0);
	wait_fired(&l, 1);
	assert_non_null(ddekit_get_timer_thread());
	assert_ptr_equal(l.thread[0], ddekit_get_timer_thread());
	ddekit_sem_deinit(l.fired);
}

static void test_add_timer_returns_distinct_ids(void **state)
{
	int a = add_distant_timer(), b = add_distant_timer();

	(void)state;
	assert_true(a >= 0 && b >= 0);
	assert_int_not_equal(a, b);
	assert_int_equal(ddekit_del_timer(a), 0);
	assert_int_equal(ddekit_del_timer(b), 0);
}

static void test_del_timer_before_expiry_prevents_firing(void **state)
{
	struct log l;
	struct shot s = {&l, 1};
	int id;

	(void)state;
	log_init(&l);
	id = ddekit_add_timer(record_fn, &s, ddekit_jiffies() + MS(200));
	assert_true(id >= 0);
	assert_int_equal(ddekit_del_timer(id), 0);
	ddekit_thread_msleep(300);
	assert_int_equal(atomic_load(&l.n), 0);
	ddekit_sem_deinit(l.fired);
}

static void
test_del_timer_of_a_fired_or_unknown_timer_returns_minus_1(void **state)
{
	struct log l;
	struct shot s = {&l, 1};
	int id;

	(void)state;
	log_init(&l);
	id = ddekit_add_timer(record_fn, &s, 0);
	wait_fired(&l, 1);
	assert_int_equal(ddekit_del_timer(id), -1);
	assert_int_equal(ddekit_del_timer(123456), -1);
	ddekit_sem_deinit(l.fired);
}

static void test_timer_is_pending_until_it_fires(void **state)
{
	struct log l;
	struct shot s = {&l, 1};
	int id;

	(void)state;
	log_init(&l);
	id = ddekit_add_timer(record_fn, &s, ddekit_jiffies() + MS(200));
	assert_int_equal(ddekit_timer_pending(id), 1);
	wait_fired(&l, 1);
	assert_int_equal(ddekit_timer_pending(id), 0);
	ddekit_sem_deinit(l.fired);
}

static void test_deleted_timer_is_not_pending(void **state)
{
	int id = add_distant_timer();

	(void)state;
	assert_int_equal(ddekit_del_timer(id), 0);
	assert_int_equal(ddekit_timer_pending(id), 0);
}

/* A function that takes its time, to be caught while running. */
struct slow {
	ddekit_sem_t *entered;
	atomic_int finished;
};

static void slow_fn(void *arg)
{
	struct slow *s = arg;

	ddekit_sem_up(s->entered);
	ddekit_thread_msleep(100);
	atomic_store(&s->finished, 1);
}

static void test_del_timer_sync_waits_for_the_running_function(void **state)
{
	struct slow s = {ddekit_sem_init(0), 0};
	int id;

	(void)state;
	id = ddekit_add_timer(slow_fn, &s, 0);
	assert_int_equal(ddekit_sem_down_timed(s.entered, WAIT_MS), 0);
	/* Running, so no longer pending; but sync waits for the end. */
	assert_int_equal(ddekit_del_timer_sync(id), -1);
	assert_int_equal(atomic_load(&s.finished), 1);
	ddekit_sem_deinit(s.entered);
}

static void test_del_timer_sync_cancels_a_pending_timer(void **state)
{
	int id = add_distant_timer();

	(void)state;
	assert_int_equal(ddekit_del_timer_sync(id), 0);
	assert_int_equal(ddekit_timer_pending(id), 0);
}

struct self_del {
	ddekit_sem_t *done;
	atomic_int id;
	int rc;
};

static void self_del_fn(void *arg)
{
	struct self_del *s = arg;

	s->rc = ddekit_del_timer_sync(atomic_load(&s->id));
	ddekit_sem_up(s->done);
}

static void test_del_timer_sync_in_its_own_function_does_not_wait(void **state)
{
	struct self_del s = {ddekit_sem_init(0), -1, 0};

	(void)state;
	atomic_store(&s.id, ddekit_add_timer(self_del_fn, &s,
	                                     ddekit_jiffies() + MS(50)));
	assert_int_equal(ddekit_sem_down_timed(s.done, WAIT_MS), 0);
	assert_int_equal(s.rc, -1);
	ddekit_sem_deinit(s.done);
}

struct rearm {
	ddekit_sem_t *done;
	int left;
	int fired;
	unsigned long long last_due;
	int late_or_early;
};

static void rearm_fn(void *arg)
{
	struct rearm *r = arg;

	if (ddekit_jiffies() < r->last_due)
		r->late_or_early = 1;
	r->fired++;
	if (--r->left > 0) {
		r->last_due = ddekit_jiffies() + MS(5);
		if (ddekit_add_timer(rearm_fn, r, r->last_due) < 0)
			r->late_or_early = 1;
		return;
	}
	ddekit_sem_up(r->done);
}

static void test_timer_function_may_re_arm_itself(void **state)
{
	struct rearm r = {ddekit_sem_init(0), 5, 0, 0, 0};

	(void)state;
	r.last_due = ddekit_jiffies() + MS(5);
	assert_true(ddekit_add_timer(rearm_fn, &r, r.last_due) >= 0);
	assert_int_equal(ddekit_sem_down_timed(r.done, WAIT_MS), 0);
	assert_int_equal(r.fired, 5);
	assert_int_equal(r.late_or_early, 0);
	ddekit_sem_deinit(r.done);
}

/* The teardown's leak check proves deinit freed the pending timer. */
static void test_deinit_deletes_pending_timers(void **state)
{
	(void)state;
	atomic_store(&never_ran, 0);
	assert_true(ddekit_add_timer(never_fn, &never_ran,
	                             ddekit_jiffies() + MS(60000)) >= 0);
	assert_int_equal(ddekit_deinit(), 0);
	assert_int_equal(atomic_load(&never_ran), 0);
	ddekit_init();
}

static void test_timer_with_far_future_expiry_stays_pending(void **state)
{
	int id;

	(void)state;
	id = ddekit_add_timer(never_fn, &never_ran, (unsigned long)-1);
	assert_true(id >= 0);
	ddekit_thread_msleep(20);
	assert_int_equal(ddekit_timer_pending(id), 1);
	assert_int_equal(ddekit_del_timer(id), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_jiffies_advance_at_hz),
	    PC(test_jiffies_count_from_init),
	    PC(test_timer_fires_not_before_its_time),
	    PC(test_timer_in_the_past_fires_at_once),
	    PC(test_timers_fire_in_order_of_expiry),
	    PC(test_timers_with_equal_expiry_fire_in_order_added),
	    PC(test_timer_functions_run_in_the_timer_thread),
	    PC(test_add_timer_returns_distinct_ids),
	    PC(test_del_timer_before_expiry_prevents_firing),
	    PC(test_del_timer_of_a_fired_or_unknown_timer_returns_minus_1),
	    PC(test_timer_is_pending_until_it_fires),
	    PC(test_deleted_timer_is_not_pending),
	    PC(test_del_timer_sync_waits_for_the_running_function),
	    PC(test_del_timer_sync_cancels_a_pending_timer),
	    PC(test_del_timer_sync_in_its_own_function_does_not_wait),
	    PC(test_timer_function_may_re_arm_itself),
	    PC(test_deinit_deletes_pending_timers),
	    PC(test_timer_with_far_future_expiry_stays_pending),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
