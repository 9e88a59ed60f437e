/*
 * test_condvar.c — condition variables with ddekit locks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>

#include <ddekit/condvar.h>
#include <ddekit/lock.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include "fixture.h"
#include "mock.h"

#define WAIT_MS 5000

static int my_id(void)
{
	return ddekit_thread_get_id(ddekit_thread_myself());
}

/* Waiters that wait (without a predicate) once each and count wakeups. */
struct crowd {
	ddekit_condvar_t *cv;
	ddekit_lock_t lock;
	ddekit_sem_t *waiting; /* up'd with the lock held, before waiting */
	ddekit_sem_t *done;
	int woken; /* under lock */
};

static void crowd_fn(void *arg)
{
	struct crowd *c = arg;

	ddekit_lock_lock(&c->lock);
	ddekit_sem_up(c->waiting);
	ddekit_condvar_wait(c->cv, &c->lock);
	c->woken++;
	ddekit_lock_unlock(&c->lock);
	ddekit_sem_up(c->done);
}

static void crowd_start(struct crowd *c, int n)
{
	int i;

	c->cv = ddekit_condvar_init();
	assert_non_null(c->cv);
	ddekit_lock_init(&c->lock);
	c->waiting = ddekit_sem_init(0);
	c->done = ddekit_sem_init(0);
	c->woken = 0;
	for (i = 0; i < n; i++) {
		assert_non_null(ddekit_thread_create(crowd_fn, c, "crowd"));
		assert_int_equal(ddekit_sem_down_timed(c->waiting, WAIT_MS), 0);
	}
	/* Taking the lock proves the last one is inside condvar_wait. */
	ddekit_lock_lock(&c->lock);
	ddekit_lock_unlock(&c->lock);
}

static int crowd_woken(struct crowd *c)
{
	int n;

	ddekit_lock_lock(&c->lock);
	n = c->woken;
	ddekit_lock_unlock(&c->lock);
	return n;
}

static void crowd_end(struct crowd *c)
{
	ddekit_sem_deinit(c->waiting);
	ddekit_sem_deinit(c->done);
	ddekit_lock_deinit(&c->lock);
	ddekit_condvar_deinit(c->cv);
}

static void test_signal_wakes_exactly_one_waiter(void **state)
{
	struct crowd c;

	(void)state;
	crowd_start(&c, 3);
	ddekit_condvar_signal(c.cv);
	assert_int_equal(ddekit_sem_down_timed(c.done, WAIT_MS), 0);
	ddekit_thread_msleep(30);
	assert_int_equal(crowd_woken(&c), 1);
	ddekit_condvar_broadcast(c.cv);
	assert_int_equal(ddekit_sem_down_timed(c.done, WAIT_MS), 0);
	assert_int_equal(ddekit_sem_down_timed(c.done, WAIT_MS), 0);
	crowd_end(&c);
}

static void test_broadcast_wakes_every_waiter(void **state)
{
	struct crowd c;
	int i;

	(void)state;
	crowd_start(&c, 4);
	ddekit_condvar_broadcast(c.cv);
	for (i = 0; i < 4; i++)
		assert_int_equal(ddekit_sem_down_timed(c.done, WAIT_MS), 0);
	assert_int_equal(crowd_woken(&c), 4);
	crowd_end(&c);
}

static void test_signal_without_waiters_is_not_kept(void **state)
{
	ddekit_condvar_t *cv = ddekit_condvar_init();
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	ddekit_condvar_signal(cv);
	ddekit_lock_lock(&l);
	assert_int_not_equal(ddekit_condvar_wait_timed(cv, &l, 20), 0);
	ddekit_lock_unlock(&l);
	ddekit_lock_deinit(&l);
	ddekit_condvar_deinit(cv);
}

static void test_wait_timed_times_out_with_the_lock_held(void **state)
{
	ddekit_condvar_t *cv = ddekit_condvar_init();
	ddekit_lock_t l;
	uint64_t t0;

	(void)state;
	ddekit_lock_init(&l);
	ddekit_lock_lock(&l);
	t0 = ddekit_clock_ns();
	assert_int_not_equal(ddekit_condvar_wait_timed(cv, &l, 40), 0);
	fixture_expect_elapsed(t0, 40000000u);
	assert_int_equal(ddekit_lock_owner(&l), my_id());
	ddekit_lock_unlock(&l);
	ddekit_lock_deinit(&l);
	ddekit_condvar_deinit(cv);
}

struct pair {
	ddekit_condvar_t *cv;
	ddekit_lock_t lock;
	ddekit_sem_t *done;
	int ready;  /* under lock */
	int rounds; /* under lock */
};

static void signaller_fn(void *arg)
{
	struct pair *p = arg;

	ddekit_thread_msleep(20);
	ddekit_lock_lock(&p->lock);
	p->ready = 1;
	ddekit_condvar_signal(p->cv);
	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->done);
}

static void test_wait_timed_returns_0_when_signalled(void **state)
{
	struct pair p = {0};
	int rc = 0;

	(void)state;
	p.cv = ddekit_condvar_init();
	ddekit_lock_init(&p.lock);
	p.done = ddekit_sem_init(0);
	assert_non_null(ddekit_thread_create(signaller_fn, &p, "signaller"));
	ddekit_lock_lock(&p.lock);
	while (!p.ready && rc == 0)
		rc = ddekit_condvar_wait_timed(p.cv, &p.lock, WAIT_MS);
	assert_int_equal(rc, 0);
	assert_int_equal(p.ready, 1);
	assert_int_equal(ddekit_lock_owner(&p.lock), my_id());
	ddekit_lock_unlock(&p.lock);
	assert_int_equal(ddekit_sem_down_timed(p.done, WAIT_MS), 0);
	ddekit_sem_deinit(p.done);
	ddekit_lock_deinit(&p.lock);
	ddekit_condvar_deinit(p.cv);
}

/*
 * Ping-pong on one predicate: the signaller changes it and signals right
 * after the waiter released the lock. A lost signal stalls a round.
 */
enum { ROUNDS = 2000 };

static void ponger_fn(void *arg)
{
	struct pair *p = arg;
	int i;

	ddekit_lock_lock(&p->lock);
	for (i = 0; i < ROUNDS; i++) {
		while (p->ready != 1)
			ddekit_condvar_wait(p->cv, &p->lock);
		p->ready = 0;
		p->rounds++;
		ddekit_condvar_signal(p->cv);
	}
	ddekit_lock_unlock(&p->lock);
	ddekit_sem_up(p->done);
}

static void test_signals_after_the_lock_is_released_are_not_lost(void **state)
{
	struct pair p = {0};
	int i, rc = 0;

	(void)state;
	p.cv = ddekit_condvar_init();
	ddekit_lock_init(&p.lock);
	p.done = ddekit_sem_init(0);
	assert_non_null(ddekit_thread_create(ponger_fn, &p, "ponger"));
	ddekit_lock_lock(&p.lock);
	for (i = 0; i < ROUNDS && rc == 0; i++) {
		p.ready = 1;
		ddekit_condvar_signal(p.cv);
		while (p.ready != 0 && rc == 0)
			rc = ddekit_condvar_wait_timed(p.cv, &p.lock, WAIT_MS);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(p.rounds, ROUNDS);
	ddekit_lock_unlock(&p.lock);
	assert_int_equal(ddekit_sem_down_timed(p.done, WAIT_MS), 0);
	ddekit_sem_deinit(p.done);
	ddekit_lock_deinit(&p.lock);
	ddekit_condvar_deinit(p.cv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_signal_wakes_exactly_one_waiter),
	    PC(test_broadcast_wakes_every_waiter),
	    PC(test_signal_without_waiters_is_not_kept),
	    PC(test_wait_timed_times_out_with_the_lock_held),
	    PC(test_wait_timed_returns_0_when_signalled),
	    PC(test_signals_after_the_lock_is_released_are_not_lost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
