/*
 * test_init.c — bringing the environment up and down.
 *
 * These tests manage ddekit_init()/ddekit_deinit() themselves; the fixture
 * only loads the machine and checks for leaks afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <string.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/pci.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>
#include <ddekit/version.h>

#include "fixture.h"
#include "mock.h"

static int setup(void **state)
{
	(void)state;
	return mock_machine_load("pc") < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	fixture_disarm();
	fixture_expect_clean();
	mock_machine_unload();
	return 0;
}

static void test_init_adopts_the_caller_as_main_with_id_1(void **state)
{
	ddekit_thread_t *me;

	(void)state;
	ddekit_init();
	me = ddekit_thread_myself();
	assert_non_null(me);
	assert_string_equal(ddekit_thread_get_name(me), "main");
	assert_int_equal(ddekit_thread_get_id(me), 1);
	assert_int_equal(ddekit_deinit(), 0);
}

static void test_init_starts_the_timer_thread(void **state)
{
	(void)state;
	ddekit_init();
	assert_non_null(ddekit_get_timer_thread());
	assert_ptr_not_equal(ddekit_get_timer_thread(), ddekit_thread_myself());
	assert_int_equal(ddekit_deinit(), 0);
}

static void test_init_checked_returns_ebusy_when_already_up(void **state)
{
	(void)state;
	assert_int_equal(ddekit_init_checked(), 0);
	assert_int_equal(ddekit_init_checked(), -DDEKIT_EBUSY);
	assert_int_equal(ddekit_deinit(), 0);
}

static void test_deinit_without_init_returns_einval(void **state)
{
	(void)state;
	assert_int_equal(ddekit_deinit(), -DDEKIT_EINVAL);
}

static void test_deinit_twice_returns_einval_the_second_time(void **state)
{
	(void)state;
	ddekit_init();
	assert_int_equal(ddekit_deinit(), 0);
	assert_int_equal(ddekit_deinit(), -DDEKIT_EINVAL);
}

static void test_init_deinit_cycles_leave_nothing_behind(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		ddekit_init();
		assert_string_equal(
		    ddekit_thread_get_name(ddekit_thread_myself()), "main");
		assert_int_equal(ddekit_deinit(), 0);
		fixture_expect_clean();
	}
}

static atomic_int client_done;

static void client(void *arg)
{
	ddekit_sem_down(arg);
	atomic_store(&client_done, 1);
}

static void test_deinit_returns_ebusy_while_a_client_thread_runs(void **state)
{
	ddekit_sem_t *release;
	int tries;

	(void)state;
	ddekit_init();
	atomic_store(&client_done, 0);
	release = ddekit_sem_init(0);
	assert_non_null(ddekit_thread_create(client, release, "client"));

	assert_int_equal(ddekit_deinit(), -DDEKIT_EBUSY);
	/* Nothing changed: the environment still works. */
	assert_string_equal(ddekit_thread_get_name(ddekit_thread_myself()),
	                    "main");
	assert_non_null(ddekit_get_timer_thread());

	ddekit_sem_up(release);
	for (tries = 0; !atomic_load(&client_done) && tries < 2000; tries++)
		ddekit_thread_msleep(1);
	assert_int_equal(atomic_load(&client_done), 1);
	ddekit_sem_deinit(release);
	/* The client may still be on its way out; deinit waits for it. */
	assert_int_equal(ddekit_deinit(), 0);
}

static void client_sleeps_then_ends(void *arg)
{
	(void)arg;
	ddekit_thread_msleep(50);
}

static void test_deinit_waits_for_a_client_thread_that_is_ending(void **state)
{
	(void)state;
	ddekit_init();
	assert_non_null(
	    ddekit_thread_create(client_sleeps_then_ends, NULL, "ending"));
	assert_int_equal(ddekit_deinit(), 0);
}

static void test_init_checked_reports_host_error_without_machine(void **state)
{
	(void)state;
	mock_machine_unload();
	assert_int_equal(ddekit_init_checked(), -DDEKIT_ENODEV);
	assert_int_equal(ddekit_deinit(), -DDEKIT_EINVAL);
	assert_int_equal(mock_machine_load("pc"), 0);
}

static void test_init_panics_with_the_reason_when_the_host_fails(void **state)
{
	(void)state;
	mock_machine_unload();
	assert_true(fixture_panics(ddekit_init()));
	assert_non_null(strstr(mock_console_text(),
	                       "PANIC: ddekit_init: no such device\n"));
	mock_console_capture(0);
	assert_int_equal(mock_machine_load("pc"), 0);
}

/* Each allocation of init in turn fails; init must undo what it did. */
static void test_init_unwinds_cleanly_when_any_allocation_fails(void **state)
{
	int n, rc = -DDEKIT_ENOMEM;

	(void)state;
	mock_console_capture(1);
	for (n = 0; n < 1000 && rc == -DDEKIT_ENOMEM; n++) {
		mock_fail_alloc_after(n);
		rc = ddekit_init_checked();
		mock_fail_alloc_after(-1);
		if (rc == 0)
			break;
		assert_int_equal(rc, -DDEKIT_ENOMEM);
		fixture_expect_clean();
	}
	mock_console_capture(0);
	/* Some allocation failed at first, and init succeeded in the end. */
	assert_true(n > 0);
	assert_int_equal(rc, 0);
	assert_int_equal(ddekit_deinit(), 0);
}

static void test_abi_version_is_the_headers_version(void **state)
{
	(void)state;
	assert_int_equal(ddekit_abi_version(), DDEKIT_ABI_VERSION);
	assert_int_equal(ddekit_abi_version() >> 16, DDEKIT_ABI_VERSION_MAJOR);
}

static void test_module_init_calls_after_init_change_nothing(void **state)
{
	ddekit_thread_t *timer;
	int bus, slot, func;

	(void)state;
	ddekit_init();
	timer = ddekit_get_timer_thread();
	ddekit_init_threads();
	ddekit_init_timers();
	ddekit_pci_init();
	assert_ptr_equal(ddekit_get_timer_thread(), timer);
	/* "pc" has two PCI functions; enumerating again must not add any. */
	assert_int_equal(ddekit_pci_get_device(1, &bus, &slot, &func), 0);
	assert_int_equal(ddekit_pci_get_device(2, &bus, &slot, &func), -1);
	assert_int_equal(ddekit_deinit(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	    T(test_init_adopts_the_caller_as_main_with_id_1),
	    T(test_init_starts_the_timer_thread),
	    T(test_module_init_calls_after_init_change_nothing),
	    T(test_init_checked_returns_ebusy_when_already_up),
	    T(test_deinit_without_init_returns_einval),
	    T(test_deinit_twice_returns_einval_the_second_time),
	    T(test_init_deinit_cycles_leave_nothing_behind),
	    T(test_deinit_returns_ebusy_while_a_client_thread_runs),
	    T(test_deinit_waits_for_a_client_thread_that_is_ending),
	    T(test_init_checked_reports_host_error_without_machine),
	    T(test_init_panics_with_the_reason_when_the_host_fails),
	    T(test_init_unwinds_cleanly_when_any_allocation_fails),
	    T(test_abi_version_is_the_headers_version),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
