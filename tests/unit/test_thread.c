/*
 * test_thread.c — DDEKit threads: creation, records, adoption, sleeping.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/lock.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>

#include "fixture.h"
#include "mock.h"

/* Long enough for any scheduler, short enough to fail a hung test. */
#define WAIT_MS 5000

/* What a test thread saw, reported back through a semaphore. */
struct probe {
	ddekit_sem_t *done;
	ddekit_thread_t *self;
	void *arg_seen;
	char name[64];
	int id;
	void *data;
};

static void probe_fn(void *arg)
{
	struct probe *p = arg;

	p->self = ddekit_thread_myself();
	p->arg_seen = arg;
	snprintf(p->name, sizeof(p->name), "%s",
	         ddekit_thread_get_name(p->self));
	p->id = ddekit_thread_get_id(p->self);
	p->data = ddekit_thread_get_my_data();
	ddekit_sem_up(p->done);
}

static void run_probe(struct probe *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	p->done = ddekit_sem_init(0);
	assert_non_null(p->done);
	assert_non_null(ddekit_thread_create(probe_fn, p, name));
	assert_int_equal(ddekit_sem_down_timed(p->done, WAIT_MS), 0);
	ddekit_sem_deinit(p->done);
}

static void test_create_runs_the_function_with_its_argument(void **state)
{
	struct probe p;

	(void)state;
	run_probe(&p, "worker");
	assert_ptr_equal(p.arg_seen, &p);
}

static void test_created_thread_has_its_name_and_own_record(void **state)
{
	struct probe p;

	(void)state;
	run_probe(&p, "worker");
	assert_string_equal(p.name, "worker");
	assert_ptr_not_equal(p.self, ddekit_thread_myself());
	assert_true(p.id > 0);
	assert_int_not_equal(p.id,
	                     ddekit_thread_get_id(ddekit_thread_myself()));
}

static void test_name_is_cut_to_31_characters(void **state)
{
	struct probe p;

	(void)state;
	run_probe(&p, "0123456789012345678901234567890123456789");
	assert_string_equal(p.name, "0123456789012345678901234567890");
}

static void test_thread_data_starts_null(void **state)
{
	struct probe p;

	(void)state;
	run_probe(&p, "worker");
	assert_null(p.data);
	assert_null(ddekit_thread_get_my_data());
}

static void test_set_data_is_seen_through_get_data(void **state)
{
	ddekit_thread_t *me = ddekit_thread_myself();
	int x;

	(void)state;
	ddekit_thread_set_data(me, &x);
	assert_ptr_equal(ddekit_thread_get_data(me), &x);
	assert_ptr_equal(ddekit_thread_get_my_data(), &x);
	ddekit_thread_set_my_data(NULL);
	assert_null(ddekit_thread_get_data(me));
}

/* Holds its thread alive until released, reporting its id first. */
struct parked {
	ddekit_sem_t *started;
	ddekit_sem_t *release;
	ddekit_sem_t *finished;
	atomic_int id;
};

static void parked_fn(void *arg)
{
	struct parked *p = arg;

	atomic_store(&p->id, ddekit_thread_get_id(ddekit_thread_myself()));
	ddekit_sem_up(p->started);
	ddekit_sem_down(p->release);
	/* The last use of the test's objects. */
	ddekit_sem_up(p->finished);
}

static void test_ids_are_small_and_unique_among_living_threads(void **state)
{
	enum { N = 8 };
	struct parked p[N];
	int i, j;

	(void)state;
	for (i = 0; i < N; i++) {
		p[i].started = ddekit_sem_init(0);
		p[i].release = ddekit_sem_init(0);
		p[i].finished = ddekit_sem_init(0);
		assert_non_null(
		    ddekit_thread_create(parked_fn, &p[i], "parked"));
		assert_int_equal(ddekit_sem_down_timed(p[i].started, WAIT_MS),
		                 0);
	}
	for (i = 0; i < N; i++) {
		int id = atomic_load(&p[i].id);

		/* main, the timer thread, and the parked threads */
		assert_true(id > 0 && id <= N + 2);
		for (j = 0; j < i; j++)
			assert_int_not_equal(id, atomic_load(&p[j].id));
	}
	for (i = 0; i < N; i++) {
		ddekit_sem_up(p[i].release);
		assert_int_equal(ddekit_sem_down_timed(p[i].finished, WAIT_MS),
		                 0);
		ddekit_sem_deinit(p[i].started);
		ddekit_sem_deinit(p[i].release);
		ddekit_sem_deinit(p[i].finished);
	}
}

/* Without reuse ids only grow, and no later thread gets the first one's. */
static void test_id_of_an_ended_thread_is_given_again(void **state)
{
	struct probe first, later;
	int tries = 0;

	(void)state;
	run_probe(&first, "first");
	do {
		ddekit_thread_msleep(1);
		run_probe(&later, "later");
	} while (later.id != first.id && ++tries < 2000);
	assert_int_equal(later.id, first.id);
}

static atomic_int after_exit;

static void exiting_fn(void *arg)
{
	ddekit_sem_up(arg);
	ddekit_thread_exit();
	atomic_store(&after_exit, 1);
}

static void test_thread_exit_ends_the_thread_at_once(void **state)
{
	ddekit_sem_t *s = ddekit_sem_init(0);

	(void)state;
	atomic_store(&after_exit, 0);
	assert_non_null(ddekit_thread_create(exiting_fn, s, "exiting"));
	assert_int_equal(ddekit_sem_down_timed(s, WAIT_MS), 0);
	ddekit_sem_deinit(s);
	/* Deinit waits for the thread's end: it never ran past the exit. */
	assert_int_equal(ddekit_deinit(), 0);
	assert_int_equal(atomic_load(&after_exit), 0);
	ddekit_init();
}

static void
test_thread_exit_in_a_thread_not_created_by_ddekit_panics(void **state)
{
	(void)state;
	assert_true(fixture_panics(ddekit_thread_exit()));
	assert_non_null(strstr(mock_console_text(), "PANIC: "));
}

struct foreign {
	ddekit_thread_t *adopted;
	char name[64];
	char renamed[64];
	int id;
	int same_after_rename;
};

static void *foreign_fn(void *arg)
{
	struct foreign *f = arg;
	ddekit_thread_t *t = ddekit_thread_myself();

	f->adopted = t;
	f->id = ddekit_thread_get_id(t);
	snprintf(f->name, sizeof(f->name), "%s", ddekit_thread_get_name(t));
	f->same_after_rename = ddekit_thread_setup_myself("foreign") == t &&
	                       ddekit_thread_myself() == t;
	snprintf(f->renamed, sizeof(f->renamed), "%s",
	         ddekit_thread_get_name(t));
	return NULL;
}

static void test_myself_adopts_a_foreign_thread(void **state)
{
	struct foreign f = {0};
	char expected[64];
	pthread_t tid;

	(void)state;
	assert_int_equal(pthread_create(&tid, NULL, foreign_fn, &f), 0);
	assert_int_equal(pthread_join(tid, NULL), 0);
	assert_non_null(f.adopted);
	assert_true(f.id > 0);
	snprintf(expected, sizeof(expected), "thread-%d", f.id);
	assert_string_equal(f.name, expected);
	/* The record stays until deinit, which the teardown checks frees it. */
}

static void test_setup_myself_renames_an_adopted_thread(void **state)
{
	struct foreign f = {0};
	pthread_t tid;

	(void)state;
	assert_int_equal(pthread_create(&tid, NULL, foreign_fn, &f), 0);
	assert_int_equal(pthread_join(tid, NULL), 0);
	assert_true(f.same_after_rename);
	assert_string_equal(f.renamed, "foreign");
}

static void test_setup_myself_renames_main(void **state)
{
	ddekit_thread_t *me = ddekit_thread_myself();

	(void)state;
	assert_ptr_equal(ddekit_thread_setup_myself("boss"), me);
	assert_string_equal(ddekit_thread_get_name(me), "boss");
}

static void early_waker(void *arg)
{
	ddekit_lock_t lock;

	(void)arg;
	ddekit_lock_init(&lock);
	ddekit_lock_lock(&lock);
	ddekit_thread_wakeup(ddekit_thread_myself());
	ddekit_thread_sleep(&lock);
	ddekit_lock_unlock(&lock);
	ddekit_lock_deinit(&lock);
	ddekit_sem_up(arg);
}

static void test_wakeup_before_sleep_makes_the_sleep_return(void **state)
{
	ddekit_sem_t *done = ddekit_sem_init(0);

	(void)state;
	assert_non_null(ddekit_thread_create(early_waker, done, "early"));
	assert_int_equal(ddekit_sem_down_timed(done, WAIT_MS), 0);
	ddekit_sem_deinit(done);
}

struct sleeper {
	ddekit_lock_t lock;
	int flag; /* under lock */
	int stop; /* under lock */
	int rounds;
	ddekit_sem_t *ack;
};

static void sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	ddekit_lock_lock(&s->lock);
	for (;;) {
		while (!s->flag && !s->stop)
			ddekit_thread_sleep(&s->lock);
		if (s->stop)
			break;
		s->flag = 0;
		s->rounds++;
		ddekit_sem_up(s->ack);
	}
	ddekit_lock_unlock(&s->lock);
	ddekit_sem_up(s->ack);
}

/* Many quick rounds: a lost wakeup leaves the sleeper asleep for good. */
static void test_sleep_and_wakeup_lose_no_wakeup(void **state)
{
	struct sleeper s = {0};
	ddekit_thread_t *t;
	int i;

	(void)state;
	ddekit_lock_init(&s.lock);
	s.ack = ddekit_sem_init(0);
	t = ddekit_thread_create(sleeper_fn, &s, "sleeper");
	assert_non_null(t);
	for (i = 0; i < 2000; i++) {
		ddekit_lock_lock(&s.lock);
		s.flag = 1;
		ddekit_thread_wakeup(t);
		ddekit_lock_unlock(&s.lock);
		assert_int_equal(ddekit_sem_down_timed(s.ack, WAIT_MS), 0);
	}
	ddekit_lock_lock(&s.lock);
	s.stop = 1;
	ddekit_thread_wakeup(t);
	ddekit_lock_unlock(&s.lock);
	assert_int_equal(ddekit_sem_down_timed(s.ack, WAIT_MS), 0);
	assert_int_equal(s.rounds, 2000);
	ddekit_sem_deinit(s.ack);
	ddekit_lock_deinit(&s.lock);
}

static void test_msleep_sleeps_at_least_the_given_time(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	ddekit_thread_msleep(30);
	fixture_expect_elapsed(t0, 30000000u);
}

static void test_usleep_sleeps_at_least_the_given_time(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	ddekit_thread_usleep(2500);
	fixture_expect_elapsed(t0, 2500000u);
}

static void test_nsleep_sleeps_at_least_the_given_time(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	ddekit_thread_nsleep(700000);
	fixture_expect_elapsed(t0, 700000u);
}

struct timed_sleep {
	ddekit_sem_t *done;
	uint64_t slept_ns;
};

static void msleep_fn(void *arg)
{
	struct timed_sleep *ts = arg;
	uint64_t t0 = ddekit_clock_ns();

	ddekit_thread_msleep(20);
	ts->slept_ns = ddekit_clock_ns() - t0;
	ddekit_sem_up(ts->done);
}

static void
test_msleep_in_a_created_thread_sleeps_at_least_as_long(void **state)
{
	struct timed_sleep ts = {ddekit_sem_init(0), 0};

	(void)state;
	assert_non_null(ddekit_thread_create(msleep_fn, &ts, "napper"));
	assert_int_equal(ddekit_sem_down_timed(ts.done, WAIT_MS), 0);
	assert_true(ts.slept_ns >= 20000000u);
	ddekit_sem_deinit(ts.done);
}

/* A host thread lib/ddekit did not start, stepping through two environments. */
struct foreign_steps {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int step;
	int first_id;
	char second_name[32];
};

static void foreign_wait_step(struct foreign_steps *f, int step)
{
	pthread_mutex_lock(&f->lock);
	while (f->step < step)
		pthread_cond_wait(&f->cond, &f->lock);
	pthread_mutex_unlock(&f->lock);
}

static void foreign_set_step(struct foreign_steps *f, int step)
{
	pthread_mutex_lock(&f->lock);
	f->step = step;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

static void *foreign_thread(void *arg)
{
	struct foreign_steps *f = arg;
	ddekit_thread_t *t;

	f->first_id = ddekit_thread_get_id(ddekit_thread_myself());
	foreign_set_step(f, 1);
	foreign_wait_step(f, 2); /* the environment was torn down and rebuilt */
	t = ddekit_thread_setup_myself("foreign-again");
	snprintf(f->second_name, sizeof(f->second_name), "%s",
	         ddekit_thread_get_name(t));
	foreign_set_step(f, 3);
	return NULL;
}

static void
test_adopted_thread_is_adopted_anew_after_deinit_and_init(void **state)
{
	struct foreign_steps f = {.lock = PTHREAD_MUTEX_INITIALIZER,
	                          .cond = PTHREAD_COND_INITIALIZER};
	pthread_t tid;

	(void)state;
	assert_int_equal(pthread_create(&tid, NULL, foreign_thread, &f), 0);
	foreign_wait_step(&f, 1);
	assert_true(f.first_id > 1);
	/* The record the thread's per-thread pointer referred to is freed. */
	assert_int_equal(ddekit_deinit(), 0);
	ddekit_init();
	foreign_set_step(&f, 2);
	foreign_wait_step(&f, 3);
	assert_int_equal(pthread_join(tid, NULL), 0);
	assert_string_equal(f.second_name, "foreign-again");
}

static atomic_int schedule_flag;

static void set_schedule_flag(void *arg)
{
	(void)arg;
	atomic_store(&schedule_flag, 1);
}

static void test_schedule_and_yield_let_another_thread_run(void **state)
{
	long spins;

	(void)state;
	atomic_store(&schedule_flag, 0);
	assert_non_null(ddekit_thread_create(set_schedule_flag, NULL, "flag"));
	for (spins = 0; !atomic_load(&schedule_flag) && spins < 10000000;
	     spins++) {
		if (spins & 1)
			ddekit_thread_schedule();
		else
			ddekit_yield();
	}
	assert_int_equal(atomic_load(&schedule_flag), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PC(test_schedule_and_yield_let_another_thread_run),
	    PC(test_adopted_thread_is_adopted_anew_after_deinit_and_init),
	    PC(test_create_runs_the_function_with_its_argument),
	    PC(test_created_thread_has_its_name_and_own_record),
	    PC(test_name_is_cut_to_31_characters),
	    PC(test_thread_data_starts_null),
	    PC(test_set_data_is_seen_through_get_data),
	    PC(test_ids_are_small_and_unique_among_living_threads),
	    PC(test_id_of_an_ended_thread_is_given_again),
	    PC(test_thread_exit_ends_the_thread_at_once),
	    PC(test_thread_exit_in_a_thread_not_created_by_ddekit_panics),
	    PC(test_myself_adopts_a_foreign_thread),
	    PC(test_setup_myself_renames_an_adopted_thread),
	    PC(test_setup_myself_renames_main),
	    PC(test_wakeup_before_sleep_makes_the_sleep_return),
	    PC(test_sleep_and_wakeup_lose_no_wakeup),
	    PC(test_msleep_sleeps_at_least_the_given_time),
	    PC(test_usleep_sleeps_at_least_the_given_time),
	    PC(test_nsleep_sleeps_at_least_the_given_time),
	    PC(test_msleep_in_a_created_thread_sleeps_at_least_as_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
