/*
 * test_deferred.c — tasklets and workqueues.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>

#include "l26_fixture.h"

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* --- tasklets ---------------------------------------------------------- */

static int running, overlapped, runs, hammers_done;

static void serial_tasklet(unsigned long data)
{
	(void)data;
	if (__atomic_exchange_n(&running, 1, __ATOMIC_SEQ_CST))
		store(&overlapped, 1);
	udelay(200);
	store(&running, 0);
	__atomic_fetch_add(&runs, 1, __ATOMIC_SEQ_CST);
}

static DECLARE_TASKLET(serial, serial_tasklet, 0);

static int hammer(void *data)
{
	int i;

	(void)data;
	for (i = 0; i < 300; i++) {
		tasklet_schedule(&serial);
		if (i % 16 == 0)
			msleep(0);
	}
	__atomic_fetch_add(&hammers_done, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void test_a_tasklet_never_runs_concurrently_with_itself(void **state)
{
	struct task_struct *a, *b;

	(void)state;
	store(&running, 0);
	store(&overlapped, 0);
	store(&runs, 0);
	store(&hammers_done, 0);
	a = kthread_run(hammer, NULL, "ha");
	b = kthread_run(hammer, NULL, "hb");
	assert_true(l26_wait_for(load(&hammers_done) == 2));
	kthread_stop(a);
	kthread_stop(b);
	tasklet_kill(&serial);
	assert_true(load(&runs) >= 1);
	assert_int_equal(load(&overlapped), 0);
}

static int plain_runs;
static int ran_in_softirq;

static void plain_tasklet(unsigned long data)
{
	store(&ran_in_softirq, in_softirq() && !in_irq());
	__atomic_fetch_add(&plain_runs, (int)data, __ATOMIC_SEQ_CST);
}

static void test_tasklet_runs_once_per_schedule_in_softirq_context(void **state)
{
	struct tasklet_struct t;

	(void)state;
	store(&plain_runs, 0);
	tasklet_init(&t, plain_tasklet, 1);
	tasklet_schedule(&t);
	assert_true(l26_wait_for(load(&plain_runs) == 1));
	assert_true(load(&ran_in_softirq));
	ddekit_thread_msleep(20);
	assert_int_equal(load(&plain_runs), 1);
	tasklet_kill(&t);
}

static void test_disabled_tasklet_runs_only_after_enable(void **state)
{
	struct tasklet_struct t;

	(void)state;
	store(&plain_runs, 0);
	tasklet_init(&t, plain_tasklet, 1);
	tasklet_disable(&t);
	tasklet_schedule(&t);
	ddekit_thread_msleep(40);
	assert_int_equal(load(&plain_runs), 0);
	tasklet_enable(&t);
	assert_true(l26_wait_for(load(&plain_runs) == 1));
	tasklet_kill(&t);
}

/* --- workqueues -------------------------------------------------------- */

struct counted_work {
	struct work_struct work;
	int runs;
	int slow;
	int saw_process_context;
};

static void count_work(struct work_struct *work)
{
	struct counted_work *cw = container_of(work, struct counted_work, work);

	if (cw->slow)
		msleep(cw->slow);
	store(&cw->saw_process_context, !in_interrupt() && !irqs_disabled());
	__atomic_fetch_add(&cw->runs, 1, __ATOMIC_SEQ_CST);
}

static void test_flush_workqueue_waits_for_queued_work(void **state)
{
	struct workqueue_struct *wq = create_singlethread_workqueue("tq");
	struct counted_work a = {.slow = 40}, b = {.slow = 10};

	(void)state;
	assert_non_null(wq);
	INIT_WORK(&a.work, count_work);
	INIT_WORK(&b.work, count_work);
	assert_int_equal(queue_work(wq, &a.work), 1);
	assert_int_equal(queue_work(wq, &b.work), 1);
	flush_workqueue(wq);
	assert_int_equal(load(&a.runs), 1);
	assert_int_equal(load(&b.runs), 1);
	assert_true(load(&a.saw_process_context));
	destroy_workqueue(wq);
}

static struct completion release_blocker;

static void blocking_work(struct work_struct *work)
{
	(void)work;
	wait_for_completion(&release_blocker);
}

static void test_queue_work_refuses_work_that_is_still_pending(void **state)
{
	struct workqueue_struct *wq = create_singlethread_workqueue("tq");
	struct work_struct blocker;
	struct counted_work w = {.slow = 0};

	(void)state;
	init_completion(&release_blocker);
	INIT_WORK(&blocker, blocking_work);
	INIT_WORK(&w.work, count_work);
	queue_work(wq, &blocker);
	assert_int_equal(queue_work(wq, &w.work), 1);
	assert_true(work_pending(&w.work));
	assert_int_equal(queue_work(wq, &w.work), 0);
	complete(&release_blocker);
	flush_workqueue(wq);
	assert_false(work_pending(&w.work));
	assert_int_equal(load(&w.runs), 1);
	destroy_workqueue(wq);
}

static void test_schedule_work_runs_on_the_shared_queue(void **state)
{
	struct counted_work w = {.slow = 0};

	(void)state;
	INIT_WORK(&w.work, count_work);
	assert_int_equal(schedule_work(&w.work), 1);
	flush_scheduled_work();
	assert_int_equal(load(&w.runs), 1);
}

struct counted_delayed {
	struct delayed_work dw;
	int runs;
	unsigned long at;
};

static void count_delayed(struct work_struct *work)
{
	struct counted_delayed *cd =
	    container_of(work, struct counted_delayed, dw.work);

	__atomic_store_n(&cd->at, jiffies, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&cd->runs, 1, __ATOMIC_SEQ_CST);
}

static void test_delayed_work_runs_no_earlier_than_its_delay(void **state)
{
	struct counted_delayed cd = {.runs = 0};
	unsigned long due;

	(void)state;
	INIT_DELAYED_WORK(&cd.dw, count_delayed);
	due = jiffies + msecs_to_jiffies(40);
	assert_int_equal(schedule_delayed_work(&cd.dw, msecs_to_jiffies(40)),
	                 1);
	assert_true(delayed_work_pending(&cd.dw));
	assert_true(l26_wait_for(load(&cd.runs) == 1));
	assert_true(
	    time_after_eq(__atomic_load_n(&cd.at, __ATOMIC_SEQ_CST), due));
	flush_scheduled_work();
}

static void test_cancel_delayed_work_stops_it_before_it_runs(void **state)
{
	struct counted_delayed cd = {.runs = 0};

	(void)state;
	INIT_DELAYED_WORK(&cd.dw, count_delayed);
	schedule_delayed_work(&cd.dw, 2 * HZ);
	assert_int_equal(cancel_delayed_work(&cd.dw), 1);
	assert_false(delayed_work_pending(&cd.dw));
	ddekit_thread_msleep(60);
	flush_scheduled_work();
	assert_int_equal(load(&cd.runs), 0);
	assert_int_equal(cancel_delayed_work_sync(&cd.dw), 0);
}

static void test_cancel_work_sync_waits_for_the_running_function(void **state)
{
	struct counted_work w = {.slow = 60};

	(void)state;
	INIT_WORK(&w.work, count_work);
	schedule_work(&w.work);
	assert_true(l26_wait_for(!work_pending(&w.work)));
	cancel_work_sync(&w.work);
	assert_int_equal(load(&w.runs), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_a_tasklet_never_runs_concurrently_with_itself),
	    L26(test_tasklet_runs_once_per_schedule_in_softirq_context),
	    L26(test_disabled_tasklet_runs_only_after_enable),
	    L26(test_flush_workqueue_waits_for_queued_work),
	    L26(test_queue_work_refuses_work_that_is_still_pending),
	    L26(test_schedule_work_runs_on_the_shared_queue),
	    L26(test_delayed_work_runs_no_earlier_than_its_delay),
	    L26(test_cancel_delayed_work_stops_it_before_it_runs),
	    L26(test_cancel_work_sync_waits_for_the_running_function),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
