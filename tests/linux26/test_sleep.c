/*
 * test_sleep.c — time and sleeping: timers, wait queues, completions,
 * mutexes, semaphores, kthreads, msleep/udelay.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <asm/semaphore.h>

#include <ddekit/timer.h>

#include "l26_fixture.h"

#define MS 1000000ull

/* A timeout of n jiffies ends at the n-th tick from now; the current tick
 * may be nearly over, so at least n - 1 whole jiffies (ms) pass. */
#define AT_LEAST_JIFFIES(n) (((n)-1) * MS)

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* --- timers ------------------------------------------------------------ */

struct fired {
	int count;
	unsigned long at; /* jiffies seen by the function */
};

static void record_fire(unsigned long data)
{
	struct fired *f = (struct fired *)data;

	__atomic_store_n(&f->at, jiffies, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&f->count, 1, __ATOMIC_SEQ_CST);
}

static void test_timer_never_fires_before_expires(void **state)
{
	struct timer_list t;
	struct fired f = {0, 0};
	unsigned long expires;

	(void)state;
	setup_timer(&t, record_fire, (unsigned long)&f);
	expires = jiffies + msecs_to_jiffies(40);
	t.expires = expires;
	add_timer(&t);
	assert_true(timer_pending(&t));
	assert_true(l26_wait_for(load(&f.count) == 1));
	assert_true(
	    time_after_eq(__atomic_load_n(&f.at, __ATOMIC_SEQ_CST), expires));
	assert_false(timer_pending(&t));
	ddekit_thread_msleep(20);
	assert_int_equal(load(&f.count), 1);
	del_timer_sync(&t);
}

static void test_mod_timer_rearms_and_reports_pending(void **state)
{
	struct timer_list t;
	struct fired f = {0, 0};
	unsigned long later;

	(void)state;
	setup_timer(&t, record_fire, (unsigned long)&f);
	assert_int_equal(mod_timer(&t, jiffies + 2 * HZ), 0);
	later = jiffies + msecs_to_jiffies(60);
	assert_int_equal(mod_timer(&t, later), 1);
	assert_true(l26_wait_for(load(&f.count) == 1));
	assert_true(
	    time_after_eq(__atomic_load_n(&f.at, __ATOMIC_SEQ_CST), later));
	ddekit_thread_msleep(20);
	assert_int_equal(load(&f.count), 1);
	del_timer_sync(&t);
}

static void test_del_timer_cancels_a_pending_timer(void **state)
{
	struct timer_list t;
	struct fired f = {0, 0};

	(void)state;
	setup_timer(&t, record_fire, (unsigned long)&f);
	mod_timer(&t, jiffies + 2 * HZ);
	assert_int_equal(del_timer(&t), 1);
	assert_int_equal(del_timer(&t), 0);
	ddekit_thread_msleep(50);
	assert_int_equal(load(&f.count), 0);
	del_timer_sync(&t);
}

static int slow_started, slow_finished;

static void slow_timer(unsigned long data)
{
	(void)data;
	store(&slow_started, 1);
	mdelay(80);
	store(&slow_finished, 1);
}

static void test_del_timer_sync_waits_for_a_running_function(void **state)
{
	struct timer_list t;

	(void)state;
	store(&slow_started, 0);
	store(&slow_finished, 0);
	setup_timer(&t, slow_timer, 0);
	mod_timer(&t, jiffies);
	assert_true(l26_wait_for(load(&slow_started)));
	assert_int_equal(del_timer_sync(&t), 0);
	assert_int_equal(load(&slow_finished), 1);
}

static struct timer_list rearming;
static int rearm_count;

static void rearm_self(unsigned long data)
{
	(void)data;
	if (__atomic_add_fetch(&rearm_count, 1, __ATOMIC_SEQ_CST) < 3)
		mod_timer(&rearming, jiffies + 1);
}

static void test_a_timer_function_may_rearm_its_timer(void **state)
{
	(void)state;
	store(&rearm_count, 0);
	setup_timer(&rearming, rearm_self, 0);
	mod_timer(&rearming, jiffies + 1);
	assert_true(l26_wait_for(load(&rearm_count) == 3));
	del_timer_sync(&rearming);
}

/* --- wait queues ------------------------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(wq);
static int flag;

static void set_flag_and_wake(unsigned long data)
{
	(void)data;
	store(&flag, 1);
	wake_up(&wq);
}

static void test_wait_event_timeout_times_out_when_nobody_wakes(void **state)
{
	uint64_t t0 = ddekit_clock_ns();
	long ret;

	(void)state;
	store(&flag, 0);
	ret = wait_event_timeout(wq, load(&flag), msecs_to_jiffies(50));
	assert_int_equal(ret, 0);
	fixture_expect_elapsed(t0, AT_LEAST_JIFFIES(50));
}

static void test_wait_event_timeout_returns_early_when_woken(void **state)
{
	struct timer_list t;
	uint64_t t0 = ddekit_clock_ns();
	long ret;

	(void)state;
	store(&flag, 0);
	setup_timer(&t, set_flag_and_wake, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(20));
	ret = wait_event_timeout(wq, load(&flag), 5 * HZ);
	assert_true(ret > 0);
	assert_true(load(&flag));
	fixture_expect_elapsed(t0, AT_LEAST_JIFFIES(20));
	assert_true(ddekit_clock_ns() - t0 < 4000 * MS);
	del_timer_sync(&t);
}

static void test_wait_event_interruptible_waits_for_the_condition(void **state)
{
	struct timer_list t;

	(void)state;
	store(&flag, 0);
	setup_timer(&t, set_flag_and_wake, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(10));
	assert_int_equal(wait_event_interruptible(wq, load(&flag)), 0);
	assert_true(load(&flag));
	del_timer_sync(&t);
}

static void test_schedule_timeout_sleeps_at_least_the_timeout(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	assert_int_equal(schedule_timeout_uninterruptible(msecs_to_jiffies(30)),
	                 0);
	fixture_expect_elapsed(t0, AT_LEAST_JIFFIES(30));
}

static void test_msleep_and_udelay_take_at_least_their_time(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	msleep(25);
	fixture_expect_elapsed(t0, 25 * MS);
	t0 = ddekit_clock_ns();
	udelay(3000);
	fixture_expect_elapsed(t0, 3 * MS);
}

/* --- completions ------------------------------------------------------- */

static struct completion done;

static void complete_from_timer(unsigned long data)
{
	(void)data;
	complete(&done);
}

static void test_wait_for_completion_returns_after_complete(void **state)
{
	struct timer_list t;

	(void)state;
	init_completion(&done);
	setup_timer(&t, complete_from_timer, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(10));
	wait_for_completion(&done);
	del_timer_sync(&t);
	/* It was consumed: a second wait times out. */
	assert_int_equal(wait_for_completion_timeout(&done, 5), 0);
}

static void test_wait_for_completion_timeout_times_out(void **state)
{
	uint64_t t0 = ddekit_clock_ns();

	(void)state;
	init_completion(&done);
	assert_int_equal(
	    wait_for_completion_timeout(&done, msecs_to_jiffies(40)), 0);
	fixture_expect_elapsed(t0, AT_LEAST_JIFFIES(40));
	complete(&done);
	assert_true(wait_for_completion_timeout(&done, 1) > 0);
}

static int woken_waiters;

static int completion_waiter(void *data)
{
	(void)data;
	wait_for_completion(&done);
	__atomic_fetch_add(&woken_waiters, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void test_complete_all_releases_every_waiter(void **state)
{
	struct task_struct *k[3];
	int i;

	(void)state;
	init_completion(&done);
	store(&woken_waiters, 0);
	for (i = 0; i < 3; i++)
		k[i] = kthread_run(completion_waiter, NULL, "w%d", i);
	ddekit_thread_msleep(30);
	assert_int_equal(load(&woken_waiters), 0);
	complete_all(&done);
	assert_true(l26_wait_for(load(&woken_waiters) == 3));
	/* Later waiters pass at once too. */
	wait_for_completion(&done);
	for (i = 0; i < 3; i++)
		kthread_stop(k[i]);
}

static void test_complete_releases_exactly_one_waiter(void **state)
{
	struct task_struct *k[2];
	int i;

	(void)state;
	init_completion(&done);
	store(&woken_waiters, 0);
	for (i = 0; i < 2; i++)
		k[i] = kthread_run(completion_waiter, NULL, "w%d", i);
	ddekit_thread_msleep(20);
	complete(&done);
	assert_true(l26_wait_for(load(&woken_waiters) == 1));
	ddekit_thread_msleep(30);
	assert_int_equal(load(&woken_waiters), 1);
	complete(&done);
	assert_true(l26_wait_for(load(&woken_waiters) == 2));
	for (i = 0; i < 2; i++)
		kthread_stop(k[i]);
}

/* --- mutexes and semaphores --------------------------------------------- */

static DEFINE_MUTEX(mtx);
static int in_section, max_in_section, loops_done;

static int mutex_user(void *data)
{
	int i, now;

	(void)data;
	for (i = 0; i < 50; i++) {
		mutex_lock(&mtx);
		now = __atomic_add_fetch(&in_section, 1, __ATOMIC_SEQ_CST);
		if (now > load(&max_in_section))
			store(&max_in_section, now);
		msleep(0);
		__atomic_sub_fetch(&in_section, 1, __ATOMIC_SEQ_CST);
		mutex_unlock(&mtx);
	}
	__atomic_fetch_add(&loops_done, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void test_mutex_admits_one_holder_at_a_time(void **state)
{
	struct task_struct *k[3];
	int i;

	(void)state;
	store(&in_section, 0);
	store(&max_in_section, 0);
	store(&loops_done, 0);
	for (i = 0; i < 3; i++)
		k[i] = kthread_run(mutex_user, NULL, "m%d", i);
	assert_true(l26_wait_for(load(&loops_done) == 3));
	for (i = 0; i < 3; i++)
		kthread_stop(k[i]);
	assert_int_equal(load(&max_in_section), 1);
	assert_false(mutex_is_locked(&mtx));
}

static void test_mutex_trylock_fails_while_locked(void **state)
{
	struct mutex m;

	(void)state;
	mutex_init(&m);
	assert_int_equal(mutex_trylock(&m), 1);
	assert_true(mutex_is_locked(&m));
	assert_int_equal(mutex_trylock(&m), 0);
	mutex_unlock(&m);
	assert_false(mutex_is_locked(&m));
}

static struct semaphore sem;
static int downs;

static int sem_taker(void *data)
{
	(void)data;
	down(&sem);
	__atomic_fetch_add(&downs, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void test_semaphore_down_blocks_at_zero_until_up(void **state)
{
	struct task_struct *k;

	(void)state;
	sema_init(&sem, 1);
	store(&downs, 0);
	assert_int_equal(down_trylock(&sem), 0);
	assert_int_equal(down_trylock(&sem), 1);
	k = kthread_run(sem_taker, NULL, "sem");
	ddekit_thread_msleep(30);
	assert_int_equal(load(&downs), 0);
	up(&sem);
	assert_true(l26_wait_for(load(&downs) == 1));
	kthread_stop(k);
	/* The taker still holds it: the count is back at 0. */
	assert_int_equal(down_trylock(&sem), 1);
	up(&sem);
	assert_int_equal(down_interruptible(&sem), 0);
}

/* --- kthreads ---------------------------------------------------------- */

static int loop_until_stopped(void *data)
{
	int *iterations = data;

	while (!kthread_should_stop()) {
		__atomic_fetch_add(iterations, 1, __ATOMIC_SEQ_CST);
		msleep(1);
	}
	return 7;
}

static void
test_kthread_stop_ends_the_thread_and_returns_its_result(void **state)
{
	struct task_struct *k;
	int iterations = 0;

	(void)state;
	k = kthread_run(loop_until_stopped, &iterations, "loop");
	assert_false(IS_ERR(k));
	assert_true(l26_wait_for(load(&iterations) > 2));
	assert_int_equal(kthread_stop(k), 7);
	iterations = load(&iterations);
	ddekit_thread_msleep(10);
	assert_int_equal(load(&iterations), iterations);
}

static void test_kthread_create_does_not_start_until_woken(void **state)
{
	struct task_struct *k;
	int iterations = 0;

	(void)state;
	k = kthread_create(loop_until_stopped, &iterations, "idle");
	assert_false(IS_ERR(k));
	ddekit_thread_msleep(20);
	assert_int_equal(load(&iterations), 0);
	wake_up_process(k);
	assert_true(l26_wait_for(load(&iterations) > 0));
	assert_int_equal(kthread_stop(k), 7);
}

static void test_kthread_stopped_before_it_ran_returns_eintr(void **state)
{
	struct task_struct *k;
	int iterations = 0;

	(void)state;
	k = kthread_create(loop_until_stopped, &iterations, "never");
	assert_int_equal(kthread_stop(k), -EINTR);
	assert_int_equal(load(&iterations), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_timer_never_fires_before_expires),
	    L26(test_mod_timer_rearms_and_reports_pending),
	    L26(test_del_timer_cancels_a_pending_timer),
	    L26(test_del_timer_sync_waits_for_a_running_function),
	    L26(test_a_timer_function_may_rearm_its_timer),
	    L26(test_wait_event_timeout_times_out_when_nobody_wakes),
	    L26(test_wait_event_timeout_returns_early_when_woken),
	    L26(test_wait_event_interruptible_waits_for_the_condition),
	    L26(test_schedule_timeout_sleeps_at_least_the_timeout),
	    L26(test_msleep_and_udelay_take_at_least_their_time),
	    L26(test_wait_for_completion_returns_after_complete),
	    L26(test_wait_for_completion_timeout_times_out),
	    L26(test_complete_all_releases_every_waiter),
	    L26(test_complete_releases_exactly_one_waiter),
	    L26(test_mutex_admits_one_holder_at_a_time),
	    L26(test_mutex_trylock_fails_while_locked),
	    L26(test_semaphore_down_blocks_at_zero_until_up),
	    L26(test_kthread_stop_ends_the_thread_and_returns_its_result),
	    L26(test_kthread_create_does_not_start_until_woken),
	    L26(test_kthread_stopped_before_it_ran_returns_eintr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
