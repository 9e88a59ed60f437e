/*
 * test_context.c — the execution model: interrupts off really keeps
 * handlers off, bottom halves off keeps softirqs off, spinlocks exclude,
 * contexts are reported, sleeping where forbidden is caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#include "l26_fixture.h"

static int handled;      /* written by the handler, read atomically */
static int ctx_in_irq;   /* in_irq() seen by the handler */
static int ctx_disabled; /* irqs_disabled() seen by the handler */

static irqreturn_t count_handler(int irq, void *dev_id)
{
	(void)dev_id;
	assert_int_equal(irq, L26_LINE);
	__atomic_store_n(&ctx_in_irq, in_irq() && in_interrupt(),
	                 __ATOMIC_RELAXED);
	__atomic_store_n(&ctx_disabled, irqs_disabled(), __ATOMIC_RELAXED);
	__atomic_fetch_add(&handled, 1, __ATOMIC_SEQ_CST);
	return IRQ_HANDLED;
}

static int get_handled(void)
{
	return __atomic_load_n(&handled, __ATOMIC_SEQ_CST);
}

static void test_process_context_is_not_interrupt_context(void **state)
{
	(void)state;
	assert_false(in_irq());
	assert_false(in_softirq());
	assert_false(in_interrupt());
	assert_false(irqs_disabled());
}

static void test_handler_runs_in_hardirq_context_with_irqs_off(void **state)
{
	(void)state;
	handled = 0;
	assert_int_equal(request_irq(L26_LINE, count_handler, 0, "t", &handled),
	                 0);
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(get_handled() == 1));
	assert_true(__atomic_load_n(&ctx_in_irq, __ATOMIC_RELAXED));
	assert_true(__atomic_load_n(&ctx_disabled, __ATOMIC_RELAXED));
	free_irq(L26_LINE, &handled);
}

static void
test_spin_lock_irqsave_keeps_the_handler_off_until_restore(void **state)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;

	(void)state;
	handled = 0;
	assert_int_equal(request_irq(L26_LINE, count_handler, 0, "t", &handled),
	                 0);
	spin_lock_irqsave(&lock, flags);
	assert_true(irqs_disabled());
	mock_irq_raise(L26_LINE);
	/* The source reports the interrupt; the handler must still wait. */
	assert_true(l26_wait_for(mock_irq_delivered(L26_LINE) >= 1));
	ddekit_thread_msleep(50);
	assert_int_equal(get_handled(), 0);
	spin_unlock_irqrestore(&lock, flags);
	assert_false(irqs_disabled());
	assert_true(l26_wait_for(get_handled() == 1));
	free_irq(L26_LINE, &handled);
}

static void
test_local_irq_save_nests_and_restores_the_previous_state(void **state)
{
	unsigned long outer, inner;

	(void)state;
	handled = 0;
	assert_int_equal(request_irq(L26_LINE, count_handler, 0, "t", &handled),
	                 0);
	local_irq_save(outer);
	local_irq_save(inner);
	assert_int_equal(outer, 0);
	assert_int_not_equal(inner, 0);
	local_irq_restore(inner);
	assert_true(irqs_disabled());
	mock_irq_raise(L26_LINE);
	ddekit_thread_msleep(30);
	assert_int_equal(get_handled(), 0);
	local_irq_restore(outer);
	assert_true(l26_wait_for(get_handled() == 1));
	free_irq(L26_LINE, &handled);
}

static int tasklet_runs;

static void count_tasklet(unsigned long data)
{
	(void)data;
	__atomic_fetch_add(&tasklet_runs, 1, __ATOMIC_SEQ_CST);
}

static void test_local_bh_disable_keeps_tasklets_off(void **state)
{
	DECLARE_TASKLET(t, count_tasklet, 0);

	(void)state;
	tasklet_runs = 0;
	local_bh_disable();
	assert_true(in_softirq());
	tasklet_schedule(&t);
	ddekit_thread_msleep(50);
	assert_int_equal(__atomic_load_n(&tasklet_runs, __ATOMIC_SEQ_CST), 0);
	local_bh_enable();
	assert_false(in_softirq());
	assert_true(l26_wait_for(
	    __atomic_load_n(&tasklet_runs, __ATOMIC_SEQ_CST) == 1));
	tasklet_kill(&t);
}

static int timer_runs;
static int timer_saw_softirq;

static void count_timer(unsigned long data)
{
	(void)data;
	__atomic_store_n(&timer_saw_softirq, in_softirq() && !in_irq(),
	                 __ATOMIC_RELAXED);
	__atomic_fetch_add(&timer_runs, 1, __ATOMIC_SEQ_CST);
}

static void test_spin_lock_bh_keeps_timers_off(void **state)
{
	DEFINE_SPINLOCK(lock);
	struct timer_list timer;

	(void)state;
	timer_runs = 0;
	setup_timer(&timer, count_timer, 0);
	spin_lock_bh(&lock);
	mod_timer(&timer, jiffies + 1);
	ddekit_thread_msleep(50);
	assert_int_equal(__atomic_load_n(&timer_runs, __ATOMIC_SEQ_CST), 0);
	spin_unlock_bh(&lock);
	assert_true(
	    l26_wait_for(__atomic_load_n(&timer_runs, __ATOMIC_SEQ_CST) == 1));
	assert_true(__atomic_load_n(&timer_saw_softirq, __ATOMIC_RELAXED));
	del_timer_sync(&timer);
}

static void test_irqs_off_also_keeps_softirqs_off(void **state)
{
	DECLARE_TASKLET(t, count_tasklet, 0);

	(void)state;
	tasklet_runs = 0;
	local_irq_disable();
	tasklet_schedule(&t);
	ddekit_thread_msleep(30);
	assert_int_equal(__atomic_load_n(&tasklet_runs, __ATOMIC_SEQ_CST), 0);
	local_irq_enable();
	assert_true(l26_wait_for(
	    __atomic_load_n(&tasklet_runs, __ATOMIC_SEQ_CST) == 1));
	tasklet_kill(&t);
}

static DEFINE_SPINLOCK(counter_lock);
static unsigned long counter; /* plain: only touched under counter_lock */
static int adders_done;

static int add_under_lock(void *data)
{
	int i;

	(void)data;
	for (i = 0; i < 20000; i++) {
		spin_lock(&counter_lock);
		counter++;
		spin_unlock(&counter_lock);
	}
	__atomic_fetch_add(&adders_done, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void test_spin_lock_gives_mutual_exclusion(void **state)
{
	struct task_struct *a, *b;

	(void)state;
	counter = 0;
	__atomic_store_n(&adders_done, 0, __ATOMIC_SEQ_CST);
	a = kthread_run(add_under_lock, NULL, "adder%d", 1);
	b = kthread_run(add_under_lock, NULL, "adder%d", 2);
	assert_false(IS_ERR(a));
	assert_false(IS_ERR(b));
	/* A kthread stopped before it ran never runs its function. */
	assert_true(
	    l26_wait_for(__atomic_load_n(&adders_done, __ATOMIC_SEQ_CST) == 2));
	kthread_stop(a);
	kthread_stop(b);
	assert_int_equal(counter, 40000);
}

static void test_rwlock_admits_readers_together_and_writers_alone(void **state)
{
	DEFINE_RWLOCK(rw);

	(void)state;
	read_lock(&rw);
	read_lock(&rw);
	assert_false(write_trylock(&rw));
	read_unlock(&rw);
	read_unlock(&rw);
	assert_true(write_trylock(&rw));
	write_unlock(&rw);
}

static void test_spin_trylock_fails_while_held(void **state)
{
	DEFINE_SPINLOCK(lock);

	(void)state;
	spin_lock(&lock);
	assert_true(spin_is_locked(&lock));
	assert_false(spin_trylock(&lock));
	spin_unlock(&lock);
	assert_true(spin_trylock(&lock));
	spin_unlock(&lock);
}

static irqreturn_t sleeping_handler(int irq, void *dev_id)
{
	(void)irq;
	(void)dev_id;
	might_sleep();
	__atomic_fetch_add(&handled, 1, __ATOMIC_SEQ_CST);
	return IRQ_HANDLED;
}

static void test_might_sleep_in_a_hardirq_handler_is_reported(void **state)
{
	(void)state;
	handled = 0;
	mock_console_capture(1);
	mock_console_clear();
	assert_int_equal(
	    request_irq(L26_LINE, sleeping_handler, 0, "t", &handled), 0);
	mock_irq_raise(L26_LINE);
	assert_true(l26_wait_for(get_handled() == 1));
	free_irq(L26_LINE, &handled);
	assert_non_null(strstr(mock_console_text(),
	                       "BUG: sleeping function called from invalid "
	                       "context"));
	assert_non_null(strstr(mock_console_text(), "WARNING: at "));
	mock_console_capture(0);
}

static void test_might_sleep_under_a_spinlock_is_reported(void **state)
{
	DEFINE_SPINLOCK(lock);

	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	spin_lock(&lock);
	might_sleep();
	spin_unlock(&lock);
	assert_non_null(strstr(mock_console_text(), "spinlocks held: 1"));
	mock_console_clear();
	might_sleep();
	assert_string_equal(mock_console_text(), "");
	mock_console_capture(0);
}

static void
test_gfp_atomic_is_allowed_with_irqs_off_gfp_kernel_is_not(void **state)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;
	void *a, *k;

	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	spin_lock_irqsave(&lock, flags);
	a = kmalloc(100, GFP_ATOMIC);
	assert_string_equal(mock_console_text(), "");
	k = kmalloc(100, GFP_KERNEL);
	spin_unlock_irqrestore(&lock, flags);
	assert_non_null(a);
	assert_non_null(k);
	assert_non_null(strstr(mock_console_text(),
	                       "BUG: sleeping function called from invalid "
	                       "context"));
	kfree(a);
	kfree(k);
	mock_console_capture(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_process_context_is_not_interrupt_context),
	    L26(test_handler_runs_in_hardirq_context_with_irqs_off),
	    L26(test_spin_lock_irqsave_keeps_the_handler_off_until_restore),
	    L26(test_local_irq_save_nests_and_restores_the_previous_state),
	    L26(test_local_bh_disable_keeps_tasklets_off),
	    L26(test_spin_lock_bh_keeps_timers_off),
	    L26(test_irqs_off_also_keeps_softirqs_off),
	    L26(test_spin_lock_gives_mutual_exclusion),
	    L26(test_rwlock_admits_readers_together_and_writers_alone),
	    L26(test_spin_trylock_fails_while_held),
	    L26(test_might_sleep_in_a_hardirq_handler_is_reported),
	    L26(test_might_sleep_under_a_spinlock_is_reported),
	    L26(test_gfp_atomic_is_allowed_with_irqs_off_gfp_kernel_is_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
