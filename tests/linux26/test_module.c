/*
 * test_module.c — module_init/module_exit, parameters, printk, BUG/WARN,
 * and bringing the emulation up and down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#include <ddekit/ddekit.h>
#include <ddekit/initcall.h>

#include "dde_linux26.h"
#include "l26_fixture.h"

static int debug = 3;
module_param(debug, int, 0644);
MODULE_PARM_DESC(debug, "debug level");

static int init_calls, init_saw_process_context, exit_calls;

static int __init sample_init(void)
{
	init_calls++;
	init_saw_process_context = !in_interrupt() && !irqs_disabled();
	return 0;
}

static void __exit sample_exit(void)
{
	exit_calls++;
}

module_init(sample_init);
module_exit(sample_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("libdde");
MODULE_DESCRIPTION("module glue test");

static void test_module_init_runs_from_ddekit_do_initcalls(void **state)
{
	(void)state;
	init_calls = 0;
	assert_true(ddekit_do_initcalls() >= 1);
	assert_int_equal(init_calls, 1);
	assert_true(init_saw_process_context);
	assert_int_equal(debug, 3);
}

static void test_dde_linux26_exit_runs_module_exit_once(void **state)
{
	(void)state;
	exit_calls = 0;
	dde_linux26_exit();
	assert_int_equal(exit_calls, 1);
	dde_linux26_exit();
	assert_int_equal(exit_calls, 1);
}

static void test_dde_linux26_init_twice_is_harmless(void **state)
{
	(void)state;
	assert_int_equal(dde_linux26_init(), 0);
	assert_int_equal(dde_linux26_init(), 0);
}

static void work_fn(struct work_struct *w)
{
	(void)w;
}

static int timer_ran;

static void timer_fn(unsigned long data)
{
	(void)data;
	__atomic_store_n(&timer_ran, 1, __ATOMIC_SEQ_CST);
}

static void test_environment_restarts_leak_free_after_use(void **state)
{
	struct work_struct w;
	struct timer_list t;
	int round;

	(void)state;
	for (round = 0; round < 2; round++) {
		/* Adopts the main, events and timer threads as tasks. */
		assert_non_null(current);
		INIT_WORK(&w, work_fn);
		schedule_work(&w);
		flush_scheduled_work();
		__atomic_store_n(&timer_ran, 0, __ATOMIC_SEQ_CST);
		setup_timer(&t, timer_fn, 0);
		mod_timer(&t, jiffies);
		assert_true(l26_wait_for(
		    __atomic_load_n(&timer_ran, __ATOMIC_SEQ_CST)));
		del_timer_sync(&t);
		dde_linux26_exit();
		assert_int_equal(ddekit_deinit(), 0);
		fixture_expect_clean();
		ddekit_init();
		assert_int_equal(dde_linux26_init(), 0);
	}
}

static void test_printk_replaces_the_level_prefix(void **state)
{
	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	printk(KERN_ERR "dev %d failed\n", 5);
	printk(KERN_INFO "plain\n");
	assert_string_equal(mock_console_text(), "ERR: dev 5 failed\nplain\n");
	mock_console_capture(0);
}

static void test_warn_on_reports_and_returns_the_condition(void **state)
{
	(void)state;
	mock_console_capture(1);
	mock_console_clear();
	assert_false(WARN_ON(0));
	assert_string_equal(mock_console_text(), "");
	assert_true(WARN_ON(1 + 1 == 2));
	assert_non_null(strstr(mock_console_text(), "WARNING: at "));
	mock_console_capture(0);
}

static void test_bug_on_stops_the_server(void **state)
{
	(void)state;
	assert_true(fixture_panics(BUG_ON(debug == 3)));
	assert_non_null(strstr(mock_console_text(), "kernel BUG at "));
	assert_false(fixture_panics(BUG_ON(debug != 3)));
	mock_console_capture(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_module_init_runs_from_ddekit_do_initcalls),
	    L26(test_dde_linux26_exit_runs_module_exit_once),
	    L26(test_dde_linux26_init_twice_is_harmless),
	    L26(test_environment_restarts_leak_free_after_use),
	    L26(test_printk_replaces_the_level_prefix),
	    L26(test_warn_on_reports_and_returns_the_condition),
	    L26(test_bug_on_stops_the_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
