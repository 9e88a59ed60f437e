/*
 * test_lock.c — sleeping locks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <string.h>

#include <ddekit/lock.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>

#include "fixture.h"
#include "mock.h"

#define WAIT_MS 5000

static int my_id(void)
{
	return ddekit_thread_get_id(ddekit_thread_myself());
}

struct counter {
	ddekit_lock_t lock;
	ddekit_sem_t *done;
	long value; /* deliberately plain: only the lock protects it */
};

enum { WORKERS = 4, INCREMENTS = 10000 };

static void increment_fn(void *arg)
{
	struct counter *c = arg;
	int i;

	for (i = 0; i < INCREMENTS; i++) {
		ddekit_lock_lock(&c->lock);
		/* A read-modify-write that interleaving threads would break. */
		long v = c->value;
		ddekit_yield();
		c->value = v + 1;
		ddekit_lock_unlock(&c->lock);
	}
	ddekit_sem_up(c->done);
}

static void test_lock_excludes_threads_under_contention(void **state)
{
	struct counter c = {0};
	int i;

	(void)state;
	ddekit_lock_init(&c.lock);
	c.done = ddekit_sem_init(0);
	for (i = 0; i < WORKERS; i++)
		assert_non_null(ddekit_thread_create(increment_fn, &c, "inc"));
	for (i = 0; i < WORKERS; i++)
		assert_int_equal(ddekit_sem_down_timed(c.done, 60000), 0);
	assert_int_equal(c.value, WORKERS * INCREMENTS);
	ddekit_sem_deinit(c.done);
	ddekit_lock_deinit(&c.lock);
}

static void test_init_creates_an_unlocked_lock(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	assert_non_null(l);
	assert_int_equal(ddekit_lock_owner(&l), 0);
	ddekit_lock_deinit(&l);

	ddekit_lock_init_unlocked(&l);
	assert_int_equal(ddekit_lock_owner(&l), 0);
	ddekit_lock_deinit(&l);
}

static void test_init_locked_creates_a_lock_held_by_the_caller(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init_locked(&l);
	assert_int_equal(ddekit_lock_owner(&l), my_id());
	ddekit_lock_unlock(&l);
	ddekit_lock_deinit(&l);
}

static void test_deinit_sets_the_handle_to_null(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	ddekit_lock_deinit(&l);
	assert_null(l);
}

static void test_owner_is_the_locking_thread_then_zero(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	ddekit_lock_lock(&l);
	assert_int_equal(ddekit_lock_owner(&l), my_id());
	ddekit_lock_unlock(&l);
	assert_int_equal(ddekit_lock_owner(&l), 0);
	ddekit_lock_deinit(&l);
}

static void test_try_lock_takes_a_free_lock(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	assert_int_equal(ddekit_lock_try_lock(&l), 0);
	assert_int_equal(ddekit_lock_owner(&l), my_id());
	ddekit_lock_unlock(&l);
	ddekit_lock_deinit(&l);
}

struct try_probe {
	ddekit_lock_t *lock;
	ddekit_sem_t *done;
	int rc;
};

static void try_fn(void *arg)
{
	struct try_probe *p = arg;

	p->rc = ddekit_lock_try_lock(p->lock);
	ddekit_sem_up(p->done);
}

static void test_try_lock_fails_without_sleeping_on_a_held_lock(void **state)
{
	struct try_probe p;
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	ddekit_lock_lock(&l);
	p.lock = &l;
	p.done = ddekit_sem_init(0);
	p.rc = 0;
	assert_non_null(ddekit_thread_create(try_fn, &p, "try"));
	assert_int_equal(ddekit_sem_down_timed(p.done, WAIT_MS), 0);
	assert_int_equal(p.rc, -1);
	assert_int_equal(ddekit_lock_owner(&l), my_id());
	ddekit_lock_unlock(&l);
	ddekit_sem_deinit(p.done);
	ddekit_lock_deinit(&l);
}

struct blocked {
	ddekit_lock_t *lock;
	ddekit_sem_t *started;
	ddekit_sem_t *done;
	atomic_int acquired;
	int owner_seen;
};

static void blocked_fn(void *arg)
{
	struct blocked *b = arg;

	ddekit_sem_up(b->started);
	ddekit_lock_lock(b->lock);
	atomic_store(&b->acquired, 1);
	b->owner_seen = ddekit_lock_owner(b->lock) == my_id();
	ddekit_lock_unlock(b->lock);
	ddekit_sem_up(b->done);
}

static void test_lock_sleeps_until_the_holder_unlocks(void **state)
{
	struct blocked b = {0};
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	b.lock = &l;
	b.started = ddekit_sem_init(0);
	b.done = ddekit_sem_init(0);
	ddekit_lock_lock(&l);
	assert_non_null(ddekit_thread_create(blocked_fn, &b, "blocked"));
	assert_int_equal(ddekit_sem_down_timed(b.started, WAIT_MS), 0);
	ddekit_thread_msleep(50);
	assert_int_equal(atomic_load(&b.acquired), 0);
	ddekit_lock_unlock(&l);
	assert_int_equal(ddekit_sem_down_timed(b.done, WAIT_MS), 0);
	assert_int_equal(atomic_load(&b.acquired), 1);
	assert_true(b.owner_seen);
	ddekit_sem_deinit(b.started);
	ddekit_sem_deinit(b.done);
	ddekit_lock_deinit(&l);
}

struct signal_lock {
	ddekit_lock_t lock;
	ddekit_sem_t *done;
	atomic_int unlocked;
};

static void unlocker_fn(void *arg)
{
	struct signal_lock *s = arg;

	ddekit_thread_msleep(20);
	atomic_store(&s->unlocked, 1);
	ddekit_lock_unlock(&s->lock);
	ddekit_sem_up(s->done);
}

/* The classic one-shot signal: lock created held, released elsewhere. */
static void test_another_thread_may_unlock_the_lock(void **state)
{
	struct signal_lock s = {0};

	(void)state;
	ddekit_lock_init_locked(&s.lock);
	s.done = ddekit_sem_init(0);
	assert_non_null(ddekit_thread_create(unlocker_fn, &s, "unlocker"));
	ddekit_lock_lock(&s.lock);
	assert_int_equal(atomic_load(&s.unlocked), 1);
	assert_int_equal(ddekit_lock_owner(&s.lock), my_id());
	ddekit_lock_unlock(&s.lock);
	assert_int_equal(ddekit_sem_down_timed(s.done, WAIT_MS), 0);
	ddekit_sem_deinit(s.done);
	ddekit_lock_deinit(&s.lock);
}

static void test_unlocking_a_free_lock_panics(void **state)
{
	ddekit_lock_t l;

	(void)state;
	ddekit_lock_init(&l);
	assert_true(fixture_panics(ddekit_lock_unlock(&l)));
	assert_non_null(strstr(mock_console_text(), "PANIC: "));
	ddekit_lock_deinit(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_lock_excludes_threads_under_contention),
	    PC(test_init_creates_an_unlocked_lock),
	    PC(test_init_locked_creates_a_lock_held_by_the_caller),
	    PC(test_deinit_sets_the_handle_to_null),
	    PC(test_owner_is_the_locking_thread_then_zero),
	    PC(test_try_lock_takes_a_free_lock),
	    PC(test_try_lock_fails_without_sleeping_on_a_held_lock),
	    PC(test_lock_sleeps_until_the_holder_unlocks),
	    PC(test_another_thread_may_unlock_the_lock),
	    PC(test_unlocking_a_free_lock_panics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
