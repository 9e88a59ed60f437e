/*
 * test_taskqueue.c — taskqueue(9): coalescing, priority, drain, free.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/taskqueue.h>

static struct taskqueue *tq;
static int runs, last_pending, gate;
static char order[16];

static void counting(void *ctx, int pending)
{
	(void)ctx;
	while (!__atomic_load_n(&gate, __ATOMIC_SEQ_CST))
		pause("gate", 1);
	last_pending = pending;
	__atomic_fetch_add(&runs, 1, __ATOMIC_SEQ_CST);
}

static void test_enqueue_coalesces_and_counts_pending(void **state)
{
	struct task t;

	(void)state;
	runs = 0;
	gate = 1;
	tq = taskqueue_create("t", M_WAITOK, taskqueue_thread_enqueue, &tq);
	taskqueue_block(tq);
	TASK_INIT(&t, 0, counting, NULL);
	taskqueue_enqueue(tq, &t);
	taskqueue_enqueue(tq, &t);
	taskqueue_enqueue(tq, &t);
	assert_int_equal(t.ta_pending, 3);
	taskqueue_start_threads(&tq, 1, 0, "tq %s", "test");
	taskqueue_unblock(tq);
	taskqueue_drain(tq, &t);
	assert_int_equal(__atomic_load_n(&runs, __ATOMIC_SEQ_CST), 1);
	assert_int_equal(last_pending, 3);
	assert_int_equal(t.ta_pending, 0);
	taskqueue_free(tq);
}

static void test_drain_waits_for_a_running_task(void **state)
{
	struct task t;

	(void)state;
	runs = 0;
	gate = 0;
	tq = taskqueue_create("t", M_WAITOK, taskqueue_thread_enqueue, &tq);
	taskqueue_start_threads(&tq, 1, 0, "tq");
	TASK_INIT(&t, 0, counting, NULL);
	taskqueue_enqueue(tq, &t);
	pause("run", 20);
	assert_int_equal(__atomic_load_n(&runs, __ATOMIC_SEQ_CST), 0);
	__atomic_store_n(&gate, 1, __ATOMIC_SEQ_CST);
	taskqueue_drain(tq, &t);
	assert_int_equal(__atomic_load_n(&runs, __ATOMIC_SEQ_CST), 1);
	taskqueue_free(tq);
}

static void record(void *ctx, int pending)
{
	size_t n = strlen(order);

	(void)pending;
	order[n] = *(const char *)ctx;
	order[n + 1] = '\0';
}

static void test_higher_priority_tasks_run_first(void **state)
{
	struct task lo, hi, mid;

	(void)state;
	order[0] = '\0';
	tq = taskqueue_create("t", M_WAITOK, taskqueue_thread_enqueue, &tq);
	TASK_INIT(&lo, 0, record, "l");
	TASK_INIT(&mid, 5, record, "m");
	TASK_INIT(&hi, 10, record, "h");
	taskqueue_enqueue(tq, &lo);
	taskqueue_enqueue(tq, &hi);
	taskqueue_enqueue(tq, &mid);
	/* No threads yet: run them here. */
	taskqueue_run(tq);
	assert_string_equal(order, "hml");
	taskqueue_free(tq);
}

static void test_free_runs_tasks_still_queued(void **state)
{
	struct task t;

	(void)state;
	order[0] = '\0';
	tq = taskqueue_create("t", M_WAITOK, taskqueue_thread_enqueue, &tq);
	TASK_INIT(&t, 0, record, "x");
	taskqueue_enqueue(tq, &t);
	taskqueue_free(tq);
	assert_string_equal(order, "x");
}

static void test_global_thread_queue_runs_tasks(void **state)
{
	struct task t;

	(void)state;
	runs = 0;
	gate = 1;
	TASK_INIT(&t, 0, counting, NULL);
	taskqueue_enqueue(taskqueue_thread, &t);
	taskqueue_drain(taskqueue_thread, &t);
	assert_int_equal(__atomic_load_n(&runs, __ATOMIC_SEQ_CST), 1);
	taskqueue_enqueue(taskqueue_swi, &t);
	taskqueue_drain(taskqueue_swi, &t);
	assert_int_equal(__atomic_load_n(&runs, __ATOMIC_SEQ_CST), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FBSD(test_enqueue_coalesces_and_counts_pending),
	    FBSD(test_drain_waits_for_a_running_task),
	    FBSD(test_higher_priority_tasks_run_first),
	    FBSD(test_free_runs_tasks_still_queued),
	    FBSD(test_global_thread_queue_runs_tasks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
